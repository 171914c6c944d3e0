package io.switchboard.webhook.subscription;

import static io.restassured.RestAssured.given;
import static io.switchboard.webhook.support.Api.PLATFORM;
import static io.switchboard.webhook.support.Api.SUBSCRIPTIONS;
import static io.switchboard.webhook.support.Api.as;
import static io.switchboard.webhook.support.Api.subscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.TestUsers.TestUser;
import io.switchboard.webhook.support.Api;
import io.switchboard.webhook.support.Db;
import io.switchboard.webhook.support.Events;
import io.switchboard.webhook.support.Receiver;
import io.switchboard.webhook.support.SuperadminTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may manage which webhooks: real tokens, tenant isolation (404), the platform scope, RLS underneath. */
@QuarkusTest
class SubscriptionAccessTest extends SuperadminTest {

    private static final Receiver receiver = Receiver.start();
    private static String tenantA;
    private static String tenantB;
    private static TestUser adminA;
    private static TestUser adminB;
    private static String subscriptionOfA;

    @BeforeEach
    void setUp() {
        if (subscriptionOfA != null) {
            return;
        }
        tenantA = Api.newTenant("acl-a");
        tenantB = Api.newTenant("acl-b");
        adminA = users.member(tenantA, "tenant_admin");
        adminB = users.member(tenantB, "tenant_admin");
        Events.registerTenant(tenantA);
        Events.registerTenant(tenantB);
        subscriptionOfA =
                Api.subscribe(adminA, tenantA, receiver.url("/a"), "*").id();
    }

    @AfterAll
    static void cleanup() {
        receiver.close();
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        for (String path : List.of(SUBSCRIPTIONS, "/api/v1/webhooks/event-types", subscription(subscriptionOfA))) {
            given().get(path)
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body("type", equalTo("urn:switchboard:problem:unauthorized"));
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url("/"), "eventTypes", List.of("*")))
                .post(SUBSCRIPTIONS)
                .then()
                .statusCode(401);
    }

    @Test
    void rolesWithoutWebhooksManageGet403() {
        for (String role : List.of("supervisor", "agent", "viewer")) {
            TestUser user = users.member(tenantA, role);
            as(user, tenantA)
                    .get(SUBSCRIPTIONS)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:switchboard:problem:forbidden"));
            as(user, tenantA)
                    .body(Map.of("url", receiver.url("/"), "eventTypes", List.of("*")))
                    .post(SUBSCRIPTIONS)
                    .then()
                    .statusCode(403);
            as(user, tenantA).get("/api/v1/webhooks/event-types").then().statusCode(403);
            as(user, tenantA)
                    .post(subscription(subscriptionOfA) + "/test")
                    .then()
                    .statusCode(403);
        }
    }

    @Test
    void anotherTenantsSubscriptionAndItsLogDoNotExistForB() {
        String a = subscription(subscriptionOfA);
        as(adminB, tenantB).get(a).then().statusCode(404).body("type", equalTo("urn:switchboard:problem:not-found"));
        as(adminB, tenantB)
                .contentType("application/merge-patch+json")
                .body("{\"enabled\": false}")
                .patch(a)
                .then()
                .statusCode(404);
        as(adminB, tenantB).body(Map.of()).post(a + "/secret/rotate").then().statusCode(404);
        as(adminB, tenantB).post(a + "/test").then().statusCode(404);
        as(adminB, tenantB).get(a + "/deliveries").then().statusCode(404);
        as(adminB, tenantB).get(a + "/deliveries/" + UUID.randomUUID()).then().statusCode(404);
        as(adminB, tenantB).get(a + "/attempts").then().statusCode(404);
        as(adminB, tenantB)
                .body(Map.of("since", "2020-01-01T00:00:00Z"))
                .post(a + "/deliveries/replay")
                .then()
                .statusCode(404);
        as(adminB, tenantB).delete(a).then().statusCode(404);
        as(adminB, tenantB)
                .get(SUBSCRIPTIONS + "?size=200")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(subscriptionOfA)));
        as(adminB, tenantA)
                .get(SUBSCRIPTIONS)
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:switchboard:problem:forbidden"));
        as(adminA, tenantA).get(a).then().statusCode(200);
    }

    @Test
    void onlySuperadminsManageThePlatformScope() {
        String platform = Api.subscribe(superadmin, PLATFORM, receiver.url("/platform"), "tenant.tenant.created")
                .id();
        try {
            as(superadmin, PLATFORM)
                    .get(subscription(platform))
                    .then()
                    .statusCode(200)
                    .body("scope", equalTo(PLATFORM));
            as(adminA, PLATFORM)
                    .get(SUBSCRIPTIONS)
                    .then()
                    .statusCode(403)
                    .body("type", equalTo("urn:switchboard:problem:forbidden"));
            as(adminA, PLATFORM)
                    .body(Map.of("url", receiver.url("/"), "eventTypes", List.of("*")))
                    .post(SUBSCRIPTIONS)
                    .then()
                    .statusCode(403);
            as(adminA, tenantA).get(subscription(platform)).then().statusCode(404);
            // a superadmin can also act for a tenant
            as(superadmin, tenantA)
                    .get(SUBSCRIPTIONS + "?size=200")
                    .then()
                    .statusCode(200)
                    .body("items.id", hasItem(subscriptionOfA));
            as(superadmin, tenantA).get(subscription(platform)).then().statusCode(404);
        } finally {
            as(superadmin, PLATFORM).delete(subscription(platform)).then().statusCode(204);
        }
    }

    @Test
    void rowLevelSecurityHidesOtherScopesFromPlainSql() {
        UUID id = UUID.fromString(subscriptionOfA);
        String sql = "select count(*) from subscription where id = ?";
        assertThat(Db.count(tenantA, sql, id)).isEqualTo(1);
        assertThat(Db.count(tenantB, sql, id)).isZero();
        assertThat(Db.count(PLATFORM, sql, id)).isZero();
        assertThat(Db.count(null, sql, id)).isZero();
        assertThat(Db.count(tenantB, "select count(*) from subscription_secret where subscription_id = ?", id))
                .isZero();
        assertThat(Db.execute(tenantB, "update subscription set enabled = false where id = ?", id))
                .isZero();
    }
}
