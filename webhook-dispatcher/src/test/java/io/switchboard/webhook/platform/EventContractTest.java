package io.switchboard.webhook.platform;

import static io.switchboard.webhook.support.Api.PLATFORM;
import static io.switchboard.webhook.support.Api.as;
import static io.switchboard.webhook.support.Api.subscription;
import static io.switchboard.webhook.support.Deliveries.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.EventCapture.Captured;
import io.switchboard.testing.LocalStack;
import io.switchboard.webhook.support.Api;
import io.switchboard.webhook.support.Api.Created;
import io.switchboard.webhook.support.Events;
import io.switchboard.webhook.support.Receiver;
import io.switchboard.webhook.support.Receiver.Reply;
import io.switchboard.webhook.support.SuperadminTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every event webhook-dispatcher emits validates against its message in docs/asyncapi.yaml, headers included. */
@QuarkusTest
class EventContractTest extends SuperadminTest {

    private static final List<String> TYPES = List.of(
            EventTypes.WEBHOOK_SUBSCRIPTION_CREATED,
            EventTypes.WEBHOOK_SUBSCRIPTION_UPDATED,
            EventTypes.WEBHOOK_SUBSCRIPTION_DELETED,
            EventTypes.WEBHOOK_SUBSCRIPTION_DISABLED,
            EventTypes.WEBHOOK_SUBSCRIPTION_ENABLED,
            EventTypes.WEBHOOK_SUBSCRIPTION_SECRET_ROTATED);

    @Test
    void everySubscriptionEventMatchesTheCatalogue() {
        AsyncApiContract contract = AsyncApiContract.load();
        assertThat(contract.eventTypes()).containsAll(TYPES);
        String tenant = Api.newTenant("contract");
        String gone = Api.marker();
        try (Receiver receiver = Receiver.start()
                        .answering(r ->
                                gone.equals(r.json().path("data").path("marker").asText())
                                        ? Reply.status(410)
                                        : Reply.ok());
                EventCapture events = EventCapture.open(Topics.WEBHOOK_EVENTS)) {
            Created sub = Api.subscribe(
                    superadmin,
                    tenant,
                    Api.body(
                            receiver.url("/"), List.of("tenant.tenant.*"), "headers", Map.of("X-Key", "secret-value")));
            String path = subscription(sub.id());
            patch(tenant, path, "{\"description\": \"CRM\", \"eventTypes\": [\"*\"], \"rateLimit\": 10}");
            patch(tenant, path, "{\"enabled\": false}");
            patch(tenant, path, "{\"enabled\": true}");
            as(superadmin, tenant)
                    .body(Map.of())
                    .post(path + "/secret/rotate")
                    .then()
                    .statusCode(200);
            // the receiver answers 410 Gone: the dispatcher disables the subscription itself
            Events.publish(Topics.TELEPHONY_EVENTS, Events.callEnded(tenant, gone));
            events.await(
                    c -> c.event().type().equals(EventTypes.WEBHOOK_SUBSCRIPTION_DISABLED)
                            && c.dataAsString().contains("\"reason\":\"gone\""),
                    1,
                    WAIT);
            as(superadmin, tenant).delete(path).then().statusCode(204);
            events.awaitOne(EventCapture.event(EventTypes.WEBHOOK_SUBSCRIPTION_DELETED, sub.id()), WAIT);

            Created platform = Api.subscribe(superadmin, PLATFORM, receiver.url("/platform"), "tenant.tenant.purged");
            as(superadmin, PLATFORM).delete(subscription(platform.id())).then().statusCode(204);
            events.awaitOne(EventCapture.event(EventTypes.WEBHOOK_SUBSCRIPTION_DELETED, platform.id()), WAIT);

            List<Captured> emitted = events.matching(c ->
                    c.event().subject().equals(sub.id()) || c.event().subject().equals(platform.id()));
            assertThat(emitted.stream().map(c -> c.event().type()).distinct())
                    .containsExactlyInAnyOrderElementsOf(TYPES);
            for (Captured captured : emitted) {
                assertThat(contract.violations(captured))
                        .as("%s %s", captured.event().type(), captured.dataAsString())
                        .isEmpty();
                assertThat(captured.dataAsString())
                        .doesNotContain("secret-value")
                        .doesNotContain("whsec_");
                assertThat(captured.key()).isEqualTo(captured.event().subject());
            }
            assertThat(emitted)
                    .filteredOn(c -> c.event().subject().equals(sub.id()))
                    .allSatisfy(c -> assertThat(c.event().tenantId()).isEqualTo(tenant));
            assertThat(emitted)
                    .filteredOn(c -> c.event().subject().equals(platform.id()))
                    .allSatisfy(c -> assertThat(c.headers()).doesNotContainKey("ce_tenantid"));
            Captured updated = emitted.stream()
                    .filter(c -> c.event().type().equals(EventTypes.WEBHOOK_SUBSCRIPTION_UPDATED))
                    .findFirst()
                    .orElseThrow();
            assertThat(updated.dataAsString())
                    .contains("\"changedFields\":[\"description\",\"eventTypes\",\"rateLimit\"]");
        }
    }

    @Test
    void theWebhookEventSchemasAreClosedSoThatDriftFailsTheCheck() throws Exception {
        JsonNode schemas = new ObjectMapper(new YAMLFactory())
                .readTree(LocalStack.repoRoot().resolve("docs/asyncapi.yaml").toFile())
                .path("components")
                .path("schemas");
        for (String name : List.of(
                "ClosedWebhookSubscription",
                "WebhookSubscriptionUpdated",
                "WebhookSubscriptionDisabled",
                "WebhookSubscriptionEnabled",
                "WebhookSubscriptionSecretRotated")) {
            assertThat(schemas.path(name).path("unevaluatedProperties").asBoolean(true))
                    .as(name)
                    .isFalse();
        }
    }

    private static void patch(String tenant, String path, String json) {
        as(superadmin, tenant)
                .contentType("application/merge-patch+json")
                .body(json)
                .patch(path)
                .then()
                .statusCode(200);
    }
}
