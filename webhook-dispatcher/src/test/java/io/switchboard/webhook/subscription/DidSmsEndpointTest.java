package io.switchboard.webhook.subscription;

import static io.switchboard.webhook.support.Api.as;
import static io.switchboard.webhook.support.Api.subscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.EventCapture.Captured;
import io.switchboard.testing.TestUsers.TestUser;
import io.switchboard.webhook.support.Api;
import io.switchboard.webhook.support.Events;
import io.switchboard.webhook.support.Receiver;
import io.switchboard.webhook.support.Receiver.Request;
import io.switchboard.webhook.support.SpecVerifier;
import io.switchboard.webhook.support.SuperadminTest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A DID's SMS webhook URL as a managed endpoint, kept from routing-service's {@code routing.did.*} events: created with
 * its own secret, moved with the URL, deleted with the DID, fed the DID's {@code routing.sms.received} only (and
 * regular subscribers get them too), signed like every webhook, and refused with 409 to direct changes.
 */
@QuarkusTest
class DidSmsEndpointTest extends SuperadminTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static String tenantA;
    private static String tenantB;
    private static TestUser adminA;
    private static TestUser adminB;

    @BeforeEach
    void tenants() {
        if (tenantA != null) {
            return;
        }
        tenantA = Api.newTenant("sms-a");
        tenantB = Api.newTenant("sms-b");
        Events.registerTenant(tenantA);
        Events.registerTenant(tenantB);
        adminA = users.member(tenantA, "tenant_admin");
        adminB = users.member(tenantB, "tenant_admin");
    }

    @Test
    void aDidsSmsUrlIsAManagedEndpointThatReceivesItsMessagesSigned() {
        try (Receiver didReceiver = Receiver.start();
                Receiver otherDidReceiver = Receiver.start();
                Receiver subscriber = Receiver.start()) {
            String did = UUID.randomUUID().toString();
            String otherDid = UUID.randomUUID().toString();
            Api.subscribe(adminA, tenantA, subscriber.url("/all"), EventTypes.ROUTING_SMS_RECEIVED);
            publishDid(EventTypes.ROUTING_DID_CREATED, did, "+4930100001", didReceiver.url("/sms"));
            publishDid(EventTypes.ROUTING_DID_CREATED, otherDid, "+4930100002", otherDidReceiver.url("/sms"));

            JsonPath endpoint = awaitManaged(did);
            assertThat(endpoint.getString("url")).isEqualTo(didReceiver.url("/sms"));
            assertThat(endpoint.getList("eventTypes")).containsExactly(EventTypes.ROUTING_SMS_RECEIVED);
            assertThat(endpoint.getString("managedBy.kind")).isEqualTo("did");
            assertThat(endpoint.getBoolean("enabled")).isTrue();
            String id = endpoint.getString("id");
            // the secret is read by rotating it, as for any endpoint
            String secret = as(adminA, tenantA)
                    .body(Map.of("gracePeriod", "PT0S"))
                    .post(subscription(id) + "/secret/rotate")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("secret");

            String marker = Api.marker();
            publishSms(did, "+4930100001", marker);
            publishSms(otherDid, "+4930100002", marker + "-other");

            Request delivered = didReceiver.await(body(marker), 1, WAIT).get(0);
            assertThat(delivered.type()).isEqualTo(EventTypes.ROUTING_SMS_RECEIVED);
            assertThat(delivered.json().path("data").path("didId").asText()).isEqualTo(did);
            assertThat(SpecVerifier.verifies(delivered, secret)).isTrue();
            otherDidReceiver.await(body(marker + "-other"), 1, WAIT);
            // a regular subscriber of the tenant gets both
            subscriber.await(r -> r.json().path("data").path("body").asText().startsWith(marker), 2, WAIT);
            // each DID's endpoint got its own DID's message only
            assertThat(didReceiver.matching(body(marker + "-other"))).isEmpty();
            assertThat(otherDidReceiver.requests()).hasSize(1);
        }
    }

    @Test
    void theEndpointFollowsTheDidsUrlAndGoesWithTheDid() {
        try (Receiver before = Receiver.start();
                Receiver after = Receiver.start()) {
            String did = UUID.randomUUID().toString();
            publishDid(EventTypes.ROUTING_DID_CREATED, did, "+4930100003", before.url("/sms"));
            String id = awaitManaged(did).getString("id");

            // the change and the next message back to back: the DID's partition keeps them in order
            publishDid(EventTypes.ROUTING_DID_UPDATED, did, "+4930100003", after.url("/moved"));
            String marker = Api.marker();
            publishSms(did, "+4930100003", marker);

            Request moved = after.await(body(marker), 1, WAIT).get(0);
            assertThat(moved.path()).isEqualTo("/moved");
            assertThat(before.requests()).isEmpty();
            assertThat(awaitManaged(did).getString("id")).isEqualTo(id);

            publishDid(EventTypes.ROUTING_DID_DELETED, did, "+4930100003", after.url("/moved"));

            awaitManaged(did, Optional::isEmpty);
            as(adminA, tenantA).get(subscription(id)).then().statusCode(404);
        }
    }

    @Test
    void removingTheUrlRemovesTheEndpointAndEachChangeIsAnEventOfTheCatalogue() {
        try (EventCapture events = EventCapture.open(Topics.WEBHOOK_EVENTS)) {
            String did = UUID.randomUUID().toString();
            publishDid(EventTypes.ROUTING_DID_CREATED, did, "+4930100004", "http://127.0.0.1:9/sms");
            awaitManaged(did);
            publishDid(EventTypes.ROUTING_DID_UPDATED, did, "+4930100004", "http://127.0.0.1:9/other");
            awaitManaged(did, e -> e.isPresent() && e.get().getString("url").endsWith("/other"));

            publishDid(EventTypes.ROUTING_DID_UPDATED, did, "+4930100004", null);

            awaitManaged(did, Optional::isEmpty);
            List<Captured> changes = events.await(c -> c.dataAsString().contains(did), 3, WAIT);
            assertThat(changes)
                    .extracting(c -> c.event().type())
                    .containsExactly(
                            EventTypes.WEBHOOK_SUBSCRIPTION_CREATED,
                            EventTypes.WEBHOOK_SUBSCRIPTION_UPDATED,
                            EventTypes.WEBHOOK_SUBSCRIPTION_DELETED);
            for (Captured change : changes) {
                assertThat(change.event().tenantId()).isEqualTo(tenantA);
                assertThat(change.dataAsString()).contains("\"managedBy\":{\"kind\":\"did\",\"id\":\"" + did + "\"}");
                assertThat(AsyncApiContract.load().violations(change)).isEmpty();
            }
        }
    }

    @Test
    void directChangesAreRefusedWith409AndOtherTenantsNeverSeeIt() {
        String did = UUID.randomUUID().toString();
        publishDid(EventTypes.ROUTING_DID_CREATED, did, "+4930100005", "http://127.0.0.1:9/sms");
        String id = awaitManaged(did).getString("id");

        as(adminA, tenantA)
                .contentType("application/merge-patch+json")
                .body(Map.of("url", "http://127.0.0.1:9/elsewhere"))
                .patch(subscription(id))
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:switchboard:problem:conflict"))
                .body("managedBy.kind", equalTo("did"))
                .body("managedBy.id", equalTo(did));
        as(adminA, tenantA)
                .contentType("application/merge-patch+json")
                .body(Map.of("eventTypes", List.of("*")))
                .patch(subscription(id))
                .then()
                .statusCode(409);
        as(adminA, tenantA).delete(subscription(id)).then().statusCode(409);
        // switching it off and on is operational, not configuration: allowed
        as(adminA, tenantA)
                .contentType("application/merge-patch+json")
                .body(Map.of("enabled", false))
                .patch(subscription(id))
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false));
        as(adminA, tenantA)
                .contentType("application/merge-patch+json")
                .body(Map.of("enabled", true))
                .patch(subscription(id))
                .then()
                .statusCode(200)
                .body("enabled", equalTo(true))
                .body("url", equalTo("http://127.0.0.1:9/sms"));

        as(adminB, tenantB).get(subscription(id)).then().statusCode(404);
        as(adminB, tenantB).delete(subscription(id)).then().statusCode(404);
        assertThat(list(adminB, tenantB).getList("items.id")).doesNotContain(id);
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** routing-service's DID event: the DID's view, keyed by its id, for tenant A. */
    private static void publishDid(String type, String did, String number, String smsUrl) {
        String now = Instant.now().toString();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", did);
        view.put("number", number);
        view.put("status", "active");
        view.put("description", null);
        view.put("route", null);
        view.put("smsEnabled", smsUrl != null);
        view.put("smsWebhookUrl", smsUrl);
        view.put("hasWebhookSecret", false);
        view.put("createdAt", now);
        view.put("updatedAt", now);
        view.put("version", 0);
        Events.publish(Topics.ROUTING_EVENTS, Events.event(type, tenantA, did, view));
    }

    /** routing-service's routing.sms.received for the DID, keyed by the DID id. */
    private static void publishSms(String did, String number, String body) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageId", UUID.randomUUID().toString());
        data.put("didId", did);
        data.put("did", number);
        data.put("from", "+4915112345678");
        data.put("to", number);
        data.put("body", body);
        data.put("receivedAt", Instant.now().toString());
        Events.publish(Topics.ROUTING_EVENTS, Events.event(EventTypes.ROUTING_SMS_RECEIVED, tenantA, did, data));
    }

    private static Predicate<Request> body(String text) {
        return r -> r.json().path("data").path("body").asText().equals(text);
    }

    private static JsonPath list(TestUser admin, String tenant) {
        return as(admin, tenant)
                .queryParam("size", 100)
                .get(Api.SUBSCRIPTIONS)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Waits until the managed endpoint of the DID (empty: there is none) satisfies {@code condition}. */
    private static Optional<JsonPath> awaitManaged(String did, Predicate<Optional<JsonPath>> condition) {
        return Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> managed(did), condition);
    }

    private static JsonPath awaitManaged(String did) {
        return awaitManaged(did, Optional::isPresent).orElseThrow();
    }

    private static Optional<JsonPath> managed(String did) {
        JsonPath page = list(adminA, tenantA);
        List<Map<String, Object>> items = page.getList("items");
        for (int i = 0; i < items.size(); i++) {
            if (did.equals(page.getString("items[" + i + "].managedBy.id"))) {
                return Optional.of(new JsonPath(Events.json(items.get(i))));
            }
        }
        return Optional.empty();
    }
}
