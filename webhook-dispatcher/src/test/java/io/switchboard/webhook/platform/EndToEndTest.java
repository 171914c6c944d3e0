package io.switchboard.webhook.platform;

import static io.restassured.RestAssured.given;
import static io.switchboard.webhook.support.Api.PLATFORM;
import static io.switchboard.webhook.support.Api.as;
import static io.switchboard.webhook.support.Api.subscription;
import static io.switchboard.webhook.support.Deliveries.WAIT;
import static io.switchboard.webhook.support.Deliveries.byMarker;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.testing.LocalStack;
import io.switchboard.testing.ServiceProcess;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers.TestUser;
import io.switchboard.webhook.support.Api;
import io.switchboard.webhook.support.Api.Created;
import io.switchboard.webhook.support.Events;
import io.switchboard.webhook.support.Receiver;
import io.switchboard.webhook.support.Receiver.Request;
import io.switchboard.webhook.support.SpecVerifier;
import io.switchboard.webhook.support.SuperadminTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end flow with the real tenant-service, its packaged jar run in its own process (the reactor
 * builds tenant-service before this module): a superadmin creates a tenant through tenant-service's API; its outbox
 * relay publishes {@code tenant.tenant.created}, which reaches the superadmins' platform-scope subscriber signed. The
 * new tenant's admin subscribes; a change to the tenant in tenant-service then reaches that tenant subscriber as
 * {@code tenant.tenant.updated}, signed, and never another tenant's subscriber.
 */
@QuarkusTest
class EndToEndTest extends SuperadminTest {

    private static final Path TENANT_SERVICE = Path.of("../tenant-service/target/quarkus-app/quarkus-run.jar");

    private static boolean cleaned;

    @BeforeEach
    void setUp() {
        if (!cleaned) {
            removeLeftoverPlatformSubscriptions();
            cleaned = true;
        }
    }

    @Test
    void creatingATenantInTenantServiceReachesThePlatformSubscriberAndTheTenantsEventsItsOwnSubscriber()
            throws Exception {
        try (ServiceProcess tenantService = startTenantService();
                Receiver platformReceiver = Receiver.start();
                Receiver tenantReceiver = Receiver.start();
                Receiver otherReceiver = Receiver.start()) {
            Created platform =
                    Api.subscribe(superadmin, PLATFORM, platformReceiver.url("/platform"), "tenant.tenant.created");
            try {
                String tenant = Api.newTenant("e2e");
                given().baseUri(tenantService.url())
                        .auth()
                        .oauth2(superadmin.token())
                        .contentType(ContentType.JSON)
                        .body(Map.of("id", tenant, "name", "End to end " + tenant))
                        .post("/api/v1/tenants")
                        .then()
                        .statusCode(201);

                Request created = platformReceiver
                        .await(about(EventTypes.TENANT_CREATED, tenant), 1, WAIT)
                        .get(0);
                assertThat(SpecVerifier.verifies(created, platform.secret())).isTrue();
                assertThat(created.json().path("data").path("name").asText()).isEqualTo("End to end " + tenant);

                // The dispatcher's tenant directory learned the tenant from the same event: its admin subscribes.
                TenantFixtures.awaitInDirectory("webhook_dispatcher", tenant, "active");
                TestUser tenantAdmin = users.member(tenant, "tenant_admin");
                Created own = Api.subscribe(tenantAdmin, tenant, tenantReceiver.url("/tenant"), "*");
                String otherTenant = Api.newTenant("e2e-other");
                Api.subscribe(superadmin, otherTenant, otherReceiver.url("/other"), "*");

                given().baseUri(tenantService.url())
                        .auth()
                        .oauth2(superadmin.token())
                        .header("X-Tenant-ID", tenant)
                        .contentType("application/merge-patch+json")
                        .body("{\"name\": \"Renamed " + tenant + "\"}")
                        .patch("/api/v1/tenants/" + tenant)
                        .then()
                        .statusCode(200);
                Request updated = tenantReceiver
                        .await(about(EventTypes.TENANT_UPDATED, tenant), 1, WAIT)
                        .get(0);
                assertThat(SpecVerifier.verifies(updated, own.secret())).isTrue();
                assertThat(updated.json().path("data").toString()).contains("Renamed " + tenant);

                // the other tenant's subscriber is live (it gets its own tenant's events) but never saw this tenant's
                String otherMarker = Api.marker();
                Events.publish(Topics.TELEPHONY_EVENTS, Events.callEnded(otherTenant, otherMarker));
                otherReceiver.await(byMarker(otherMarker), 1, WAIT);
                assertThat(otherReceiver.requests()).noneMatch(r -> r.type().startsWith("tenant."));
                assertThat(tenantReceiver.matching(byMarker(otherMarker))).isEmpty();
                // the platform subscriber asked for tenant.tenant.created only
                assertThat(platformReceiver.requests())
                        .allSatisfy(r -> assertThat(r.type()).isEqualTo(EventTypes.TENANT_CREATED));
            } finally {
                as(superadmin, PLATFORM)
                        .delete(subscription(platform.id()))
                        .then()
                        .statusCode(204);
            }
        }
    }

    /** A webhook of this type whose data is the tenant {@code tenantId}. */
    private static Predicate<Request> about(String type, String tenantId) {
        return r -> r.type().equals(type)
                && r.json().path("data").path("id").asText().equals(tenantId);
    }

    /** tenant-service as deployed, on the test database, in a consumer group of its own. */
    private static ServiceProcess startTenantService() throws Exception {
        return ServiceProcess.start(
                TENANT_SERVICE,
                Path.of("target", "e2e-tenant-service.log"),
                List.of("-Xmx256m", "-Dmp.messaging.incoming.tenant-events.group.id=tenant-service-webhook-e2e"),
                Map.of("DB_URL", LocalStack.testDatabaseUrl()));
    }

    /** Platform subscriptions of earlier, interrupted test runs would receive this run's events. */
    private static void removeLeftoverPlatformSubscriptions() {
        List<Map<String, Object>> items = as(superadmin, PLATFORM)
                .get(Api.SUBSCRIPTIONS + "?size=200")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        for (Map<String, Object> item : items) {
            if (String.valueOf(item.get("url")).startsWith("http://127.0.0.1:")) {
                as(superadmin, PLATFORM).delete(subscription((String) item.get("id")));
            }
        }
    }
}
