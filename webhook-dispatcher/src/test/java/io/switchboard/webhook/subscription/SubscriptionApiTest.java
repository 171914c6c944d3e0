package io.switchboard.webhook.subscription;

import static io.switchboard.webhook.support.Api.SUBSCRIPTIONS;
import static io.switchboard.webhook.support.Api.as;
import static io.switchboard.webhook.support.Api.body;
import static io.switchboard.webhook.support.Api.subscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.TestUsers.TestUser;
import io.switchboard.webhook.support.Api;
import io.switchboard.webhook.support.Db;
import io.switchboard.webhook.support.Events;
import io.switchboard.webhook.support.Receiver;
import io.switchboard.webhook.support.SuperadminTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The subscription API as a tenant admin uses it: CRUD, merge patch, ETags, validation, secrets. */
@QuarkusTest
class SubscriptionApiTest extends SuperadminTest {

    private static final Receiver receiver = Receiver.start();
    private static String tenant;
    private static TestUser admin;

    @BeforeEach
    void setUp() {
        if (admin != null) {
            return; // once per class; the application is not reachable yet in @BeforeAll
        }
        tenant = Api.newTenant("api");
        admin = users.member(tenant, "tenant_admin");
        Events.registerTenant(tenant);
    }

    @AfterAll
    static void cleanup() {
        receiver.close();
    }

    @Test
    void createAnswersWithTheSecretOnceAndStoresItEncrypted() {
        Response created = as(admin, tenant)
                .body(body(
                        receiver.url("/hooks"),
                        List.of("tenant.tenant.*", "webhook.subscription.disabled"),
                        "description",
                        "CRM",
                        "headers",
                        Map.of("Authorization", "Bearer receiver-token-123"),
                        "rateLimit",
                        50))
                .post(SUBSCRIPTIONS);
        created.then()
                .statusCode(201)
                .header("Location", containsString(SUBSCRIPTIONS + "/"))
                .header("ETag", equalTo("\"0\""))
                .body("scope", equalTo(tenant))
                .body("url", equalTo(receiver.url("/hooks")))
                .body("eventTypes", containsInAnyOrder("tenant.tenant.*", "webhook.subscription.disabled"))
                .body("enabled", equalTo(true))
                .body("disabledReason", nullValue())
                .body("headers.Authorization", equalTo("Bearer receiver-token-123"))
                .body("rateLimit", equalTo(50))
                .body("secret", startsWith("whsec_"));
        String id = created.path("id");
        String secret = created.path("secret");
        assertThat(created.header("Location")).endsWith(id);

        as(admin, tenant)
                .get(subscription(id))
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("$", not(hasKey("secret")))
                .body("description", equalTo("CRM"));

        List<List<Object>> stored = Db.query(
                tenant,
                "select k.secret_enc, s.headers_enc from subscription_secret k join subscription s"
                        + " on s.id = k.subscription_id where s.id = ?",
                UUID.fromString(id));
        assertThat(stored).hasSize(1);
        String secretKey = secret.substring("whsec_".length());
        assertThat((String) stored.get(0).get(0)).startsWith("v1.").doesNotContain(secretKey);
        assertThat((String) stored.get(0).get(1)).doesNotContain("receiver-token-123");
    }

    @Test
    void everyInvalidFieldIsNamed() {
        Map<String, Object> invalid = new HashMap<>(body(
                "ftp://files.example.com/in",
                List.of("nope.*", "Not A Type", "*", "*"),
                "headers",
                Map.of(
                        "Connection", "close",
                        "webhook-signature", "v1,forged",
                        "User-Agent", "me",
                        "X-Multi", "a\r\nInjected: yes",
                        "bad header", "v"),
                "rateLimit",
                0,
                "description",
                "d".repeat(501),
                "secret",
                "whsec_c2hvcnQ="));
        as(admin, tenant)
                .body(invalid)
                .post(SUBSCRIPTIONS)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:validation-failed"))
                .body(
                        "errors.field",
                        containsInAnyOrder(
                                "url",
                                "eventTypes[0]",
                                "eventTypes[1]",
                                "eventTypes[3]",
                                "headers.Connection",
                                "headers.webhook-signature",
                                "headers.User-Agent",
                                "headers.X-Multi",
                                "headers.bad header",
                                "rateLimit",
                                "description",
                                "secret"));

        as(admin, tenant)
                .body(Map.of())
                .post(SUBSCRIPTIONS)
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("url", "eventTypes"));
        as(admin, tenant)
                .body(Map.of("url", receiver.url("/"), "eventTypes", List.of("*"), "colour", "blue"))
                .post(SUBSCRIPTIONS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("colour"));
        as(admin, tenant)
                .body("{\"url\": ")
                .post(SUBSCRIPTIONS)
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:switchboard:problem:malformed-request"));
        as(admin, tenant)
                .body(Map.of("url", "http://user:pw@127.0.0.1/", "eventTypes", List.of("*")))
                .post(SUBSCRIPTIONS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].message", containsString("credentials"));
    }

    @Test
    void mergePatchChangesOnlyWhatItNamesAndIfMatchGuardsIt() {
        String id = Api.subscribe(
                        admin,
                        tenant,
                        body(
                                receiver.url("/patch"),
                                List.of("*"),
                                "description",
                                "to remove",
                                "headers",
                                Map.of("X-Team", "ops"),
                                "rateLimit",
                                10))
                .id();
        patch(id, "{\"description\": null, \"rateLimit\": 5}", "\"0\"")
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("description", nullValue())
                .body("rateLimit", equalTo(5))
                .body("headers.X-Team", equalTo("ops"))
                .body("url", equalTo(receiver.url("/patch")))
                .body("eventTypes", containsInAnyOrder("*"));
        patch(id, "{\"rateLimit\": 6}", "\"0\"")
                .then()
                .statusCode(412)
                .body("type", equalTo("urn:switchboard:problem:precondition-failed"));
        patch(id, "{\"headers\": {\"X-Team\": null, \"X-Env\": \"prod\"}}", null)
                .then()
                .statusCode(200)
                .body("headers", equalTo(Map.of("X-Env", "prod")));
        patch(id, "{\"id\": \"" + UUID.randomUUID() + "\", \"secret\": \"whsec_x\"}", null)
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("id", "secret"));
        patch(id, "{\"eventTypes\": [], \"url\": \"not a url\"}", null)
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("eventTypes", "url"));
        patch(id, "[1, 2]", null).then().statusCode(400);
        // echoing the read-only members unchanged is fine, and changes nothing
        Response current = as(admin, tenant).get(subscription(id));
        patch(id, current.asString(), null)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .header("ETag", equalTo(current.header("ETag")));
    }

    @Test
    void aSubscriptionIsDisabledAndReEnabledThroughPatch() {
        String id = Api.subscribe(admin, tenant, receiver.url("/toggle"), "*").id();
        patch(id, "{\"enabled\": false}", null)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false))
                .body("disabledReason", equalTo("manual"));
        as(admin, tenant)
                .get(SUBSCRIPTIONS + "?enabled=false&size=200")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
        patch(id, "{\"enabled\": true}", null)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(true))
                .body("disabledReason", nullValue());
    }

    @Test
    void listsArePagedSortedAndScopedToTheTenant() {
        String listTenant = Api.newTenant("list");
        TestUser listAdmin = users.member(listTenant, "tenant_admin");
        Events.registerTenant(listTenant);
        for (String path : List.of("/c", "/a", "/b")) {
            Api.subscribe(listAdmin, listTenant, receiver.url(path), "*");
        }
        as(listAdmin, listTenant)
                .get(SUBSCRIPTIONS + "?size=2&sort=url")
                .then()
                .statusCode(200)
                .body("items.url", equalTo(List.of(receiver.url("/a"), receiver.url("/b"))))
                .body("totalItems", equalTo(3))
                .body("totalPages", equalTo(2));
        as(listAdmin, listTenant)
                .get(SUBSCRIPTIONS + "?size=2&page=1&sort=url")
                .then()
                .body("items.url", equalTo(List.of(receiver.url("/c"))));
        as(listAdmin, listTenant)
                .get(SUBSCRIPTIONS + "?sort=secret&size=0")
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("sort", "size"));
    }

    @Test
    void deletingRemovesTheSubscription() {
        String id = Api.subscribe(admin, tenant, receiver.url("/gone"), "*").id();
        as(admin, tenant)
                .header("If-Match", "\"7\"")
                .delete(subscription(id))
                .then()
                .statusCode(412);
        as(admin, tenant).delete(subscription(id)).then().statusCode(204);
        as(admin, tenant)
                .get(subscription(id))
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:switchboard:problem:not-found"));
        as(admin, tenant).delete(subscription(id)).then().statusCode(404);
        assertThat(Db.count(
                        tenant,
                        "select count(*) from subscription_secret where subscription_id = ?",
                        UUID.fromString(id)))
                .isZero();
    }

    @Test
    void rotationValidatesItsGracePeriod() {
        String id = Api.subscribe(admin, tenant, receiver.url("/rotate"), "*").id();
        for (String grace : List.of("P30D", "tomorrow", "-PT1H")) {
            as(admin, tenant)
                    .body(Map.of("gracePeriod", grace))
                    .post(subscription(id) + "/secret/rotate")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("gracePeriod"));
        }
        as(admin, tenant)
                .body(Map.of())
                .post(subscription(id) + "/secret/rotate")
                .then()
                .statusCode(200)
                .body("secret", startsWith("whsec_"))
                .body("previousSecretExpiresAt", endsWith("Z"));
    }

    @Test
    void theSubscribableEventTypesAreTheCatalogue() {
        List<String> types = as(admin, tenant)
                .get("/api/v1/webhooks/event-types")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("type", String.class);
        assertThat(types)
                .containsExactlyInAnyOrderElementsOf(AsyncApiContract.load().eventTypes());
        as(admin, tenant)
                .get("/api/v1/webhooks/event-types")
                .then()
                .body("find { it.type == 'tenant.tenant.created' }.topic", equalTo("tenant.events"))
                .body("find { it.type == 'webhook.subscription.disabled' }.topic", equalTo("webhook.events"));
    }

    private static Response patch(String id, String json, String ifMatch) {
        var request =
                as(admin, tenant).contentType("application/merge-patch+json").body(json);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.patch(subscription(id));
    }
}
