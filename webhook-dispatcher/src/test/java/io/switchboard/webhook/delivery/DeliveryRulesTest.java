package io.switchboard.webhook.delivery;

import static io.switchboard.webhook.support.Api.as;
import static io.switchboard.webhook.support.Api.subscription;
import static io.switchboard.webhook.support.Deliveries.WAIT;
import static io.switchboard.webhook.support.Deliveries.byMarker;
import static io.switchboard.webhook.support.Deliveries.markerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.testing.EventCapture;
import io.switchboard.webhook.support.Api;
import io.switchboard.webhook.support.Api.Created;
import io.switchboard.webhook.support.Db;
import io.switchboard.webhook.support.Deliveries;
import io.switchboard.webhook.support.Events;
import io.switchboard.webhook.support.Receiver;
import io.switchboard.webhook.support.Receiver.Reply;
import io.switchboard.webhook.support.Receiver.Request;
import io.switchboard.webhook.support.SpecVerifier;
import io.switchboard.webhook.support.SuperadminTest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Delivery to real receivers on 127.0.0.1, with the test profile's retry schedule (1 s, 2 s, 3 s) and timeout (2 s):
 * signing, success, retries, timeouts, 410, 429/503 with Retry-After, the failing window, rate limits. Timing is only
 * ever asserted as "no earlier than".
 */
@QuarkusTest
class DeliveryRulesTest extends SuperadminTest {

    @Test
    void aDeliveryIsASignedStandardWebhookThatAnIndependentReceiverVerifies() {
        String tenant = Api.newTenant("sign");
        try (Receiver receiver = Receiver.start()) {
            Created sub = Api.subscribe(
                    superadmin,
                    tenant,
                    Api.body(receiver.url("/in"), List.of("*"), "headers", Map.of("X-Api-Key", "receiver-key")));
            String marker = Api.marker();
            DomainEvent event = Events.callEnded(tenant, marker);
            Events.publish(Topics.TELEPHONY_EVENTS, event);

            Request request = receiver.await(byMarker(marker), 1, WAIT).get(0);
            assertThat(SpecVerifier.verifies(request, sub.secret())).isTrue();
            assertThat(SpecVerifier.signatureCount(request)).isEqualTo(1);
            assertThat(request.webhookId()).matches("msg_[0-9a-f]{32}");
            assertThat(Long.parseLong(request.header("webhook-timestamp")))
                    .isBetween(
                            Instant.now().minusSeconds(120).getEpochSecond(),
                            Instant.now().getEpochSecond());
            assertThat(request.header("content-type")).isEqualTo("application/json");
            assertThat(request.header("user-agent")).contains("Switchboard");
            assertThat(request.header("x-api-key")).isEqualTo("receiver-key");
            assertThat(request.path()).isEqualTo("/in");
            var body = request.json();
            assertThat(body.fieldNames()).toIterable().containsExactly("type", "timestamp", "data");
            assertThat(body.get("type").asText()).isEqualTo("telephony.call.ended");
            assertThat(Instant.parse(body.get("timestamp").asText()))
                    .isEqualTo(event.time().toInstant());
            assertThat(body.get("data").get("marker").asText()).isEqualTo(marker);

            JsonPath log = Deliveries.awaitDelivery(superadmin, tenant, sub.id(), request.webhookId(), "succeeded");
            assertThat(log.getInt("attempts")).isEqualTo(1);
            JsonPath detail = as(superadmin, tenant)
                    .get(subscription(sub.id()) + "/deliveries/" + log.getString("id"))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(detail.getString("eventId")).isEqualTo(event.id());
            assertThat(detail.getInt("attemptLog[0].statusCode")).isEqualTo(200);
            assertThat(detail.getString("attemptLog[0].outcome")).isEqualTo("succeeded");
            assertThat(detail.getString("attemptLog[0].responseSnippet")).contains("received");
            assertThat(detail.getLong("attemptLog[0].durationMs")).isNotNegative();
            assertThat(detail.getString("payload.data.marker")).isEqualTo(marker);
        }
    }

    @Test
    void serverErrorsAreRetriedOnTheScheduleWithTheSameWebhookIdUntilItIsUsedUp() {
        String tenant = Api.newTenant("retry");
        try (Receiver receiver = Receiver.start().answering(Reply.status(500))) {
            Created sub = Api.subscribe(superadmin, tenant, receiver.url("/"), "*");
            String marker = Api.marker();
            Events.publish(Topics.TELEPHONY_EVENTS, Events.callEnded(tenant, marker));

            List<Request> attempts = receiver.await(byMarker(marker), 4, WAIT);
            String webhookId = attempts.get(0).webhookId();
            JsonPath log = Deliveries.awaitDelivery(superadmin, tenant, sub.id(), webhookId, "failed");
            assertThat(log.getInt("attempts")).isEqualTo(4);
            assertThat(log.getInt("lastStatusCode")).isEqualTo(500);
            assertThat(receiver.matching(byMarker(marker))).hasSize(4);
            assertThat(attempts).allSatisfy(a -> {
                assertThat(a.webhookId()).isEqualTo(webhookId);
                assertThat(SpecVerifier.verifies(a, sub.secret())).isTrue();
            });
            List<Duration> schedule = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
            for (int i = 0; i < schedule.size(); i++) {
                // the retry is scheduled after the attempt was recorded, so it comes at least this long after it
                assertNoEarlierThan(attempts.get(i), attempts.get(i + 1), schedule.get(i));
            }
            assertThat(Long.parseLong(attempts.get(3).header("webhook-timestamp")))
                    .isGreaterThan(Long.parseLong(attempts.get(0).header("webhook-timestamp")));
        }
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsAFailureAndRetried() {
        String tenant = Api.newTenant("timeout");
        try (Receiver receiver = Receiver.start().answering(Reply.slow(Duration.ofSeconds(6)))) {
            Created sub = Api.subscribe(superadmin, tenant, receiver.url("/"), "*");
            String marker = Api.marker();
            Events.publish(Topics.TELEPHONY_EVENTS, Events.callEnded(tenant, marker));
            List<Request> attempts = receiver.await(byMarker(marker), 2, WAIT);
            assertThat(attempts.get(1).webhookId()).isEqualTo(attempts.get(0).webhookId());
            JsonPath page = Deliveries.awaitAttempts(superadmin, tenant, sub.id(), "timeout", 1);
            assertThat(page.getLong("items[0].durationMs")).isGreaterThanOrEqualTo(2000);
            assertThat(page.getString("items[0].error")).isNotBlank();
        }
    }

    @Test
    void goneDisablesTheSubscriptionAtOnceWithAnEvent() {
        String tenant = Api.newTenant("gone");
        String first = Api.marker();
        // 410 for the test's event; the subscription (*) also receives its own webhook.subscription.created first
        try (Receiver gone =
                        Receiver.start().answering(r -> first.equals(markerOf(r)) ? Reply.status(410) : Reply.ok());
                Receiver other = Receiver.start();
                EventCapture events = EventCapture.open(Topics.WEBHOOK_EVENTS)) {
            Created sub = Api.subscribe(superadmin, tenant, gone.url("/"), "*");
            Api.subscribe(superadmin, tenant, other.url("/"), "*");
            Events.publish(Topics.TELEPHONY_EVENTS, Events.callEnded(tenant, first));
            gone.await(byMarker(first), 1, WAIT);
            var disabled = awaitDisabled(events, tenant, sub.id(), "gone");
            assertThat(disabled.event().tenantId()).isEqualTo(tenant);
            assertThat(disabled.dataAsString()).contains("\"reason\":\"gone\"");

            String second = Api.marker();
            Events.publish(Topics.TELEPHONY_EVENTS, Events.callEnded(tenant, second));
            other.await(byMarker(second), 1, WAIT);
            assertThat(gone.matching(byMarker(first))).hasSize(1);
            assertThat(gone.matching(byMarker(second))).isEmpty();
            Deliveries.awaitDelivery(
                    superadmin,
                    tenant,
                    sub.id(),
                    gone.matching(byMarker(first)).get(0).webhookId(),
                    "failed");
        }
    }

    @Test
    void tooManyRequestsAndUnavailableAreRetriedNoEarlierThanRetryAfter() {
        String tenant = Api.newTenant("later");
        String marker = Api.marker();
        AtomicInteger calls429 = new AtomicInteger();
        AtomicInteger calls503 = new AtomicInteger();
        try (Receiver limited = Receiver.start()
                        .answering(r -> marker.equals(markerOf(r)) && calls429.getAndIncrement() == 0
                                ? Reply.retryAfter(429, "3")
                                : Reply.ok());
                Receiver unavailable = Receiver.start()
                        .answering(r -> marker.equals(markerOf(r)) && calls503.getAndIncrement() == 0
                                ? Reply.retryAfter(503, "3")
                                : Reply.ok())) {
            Created a = Api.subscribe(superadmin, tenant, limited.url("/"), "*");
            Created b = Api.subscribe(superadmin, tenant, unavailable.url("/"), "*");
            Events.publish(Topics.TELEPHONY_EVENTS, Events.callEnded(tenant, marker));
            for (Receiver receiver : List.of(limited, unavailable)) {
                List<Request> attempts = receiver.await(byMarker(marker), 2, WAIT);
                // the schedule would retry after 1 s; Retry-After asked for 3
                assertNoEarlierThan(attempts.get(0), attempts.get(1), Duration.ofMillis(2950));
            }
            Deliveries.awaitDelivery(
                    superadmin,
                    tenant,
                    a.id(),
                    limited.matching(byMarker(marker)).get(0).webhookId(),
                    "succeeded");
            Deliveries.awaitDelivery(
                    superadmin,
                    tenant,
                    b.id(),
                    unavailable.matching(byMarker(marker)).get(0).webhookId(),
                    "succeeded");
        }
    }

    @Test
    void anEndpointFailingForTheWholeWindowIsDisabledAndCanBeReEnabled() {
        String tenant = Api.newTenant("failing");
        AtomicInteger mode = new AtomicInteger(500);
        try (Receiver receiver = Receiver.start().answering(r -> Reply.status(mode.get()));
                EventCapture events = EventCapture.open(Topics.WEBHOOK_EVENTS)) {
            Created sub = Api.subscribe(superadmin, tenant, receiver.url("/"), "*");
            String marker = Api.marker();
            Events.publish(Topics.TELEPHONY_EVENTS, Events.callEnded(tenant, marker));
            receiver.await(byMarker(marker), 1, WAIT);
            // Instead of failing for the whole window (60 s in tests, 5 days by default), the streak is back-dated.
            Awaitility.await()
                    .atMost(WAIT)
                    .until(() -> Db.execute(
                                    tenant,
                                    "update subscription set failing_since = now() - interval '2 days' where id = ?"
                                            + " and failing_since is not null",
                                    UUID.fromString(sub.id()))
                            == 1);
            var disabled = awaitDisabled(events, tenant, sub.id(), "failing");
            assertThat(disabled.dataAsString())
                    .contains("\"reason\":\"failing\"")
                    .contains("failingSince");
            String webhookId = receiver.matching(byMarker(marker)).get(0).webhookId();
            Deliveries.awaitDelivery(superadmin, tenant, sub.id(), webhookId, "failed");

            mode.set(200);
            as(superadmin, tenant)
                    .contentType("application/merge-patch+json")
                    .body("{\"enabled\": true}")
                    .patch(subscription(sub.id()))
                    .then()
                    .statusCode(200)
                    .body("enabled", equalTo(true))
                    .body("failingSince", equalTo(null));
            events.awaitOne(EventCapture.event(EventTypes.WEBHOOK_SUBSCRIPTION_ENABLED, sub.id()), WAIT);
            as(superadmin, tenant)
                    .body(Map.of(
                            "since",
                            DateTimeFormatter.ISO_INSTANT.format(Instant.now().minusSeconds(600))))
                    .post(subscription(sub.id()) + "/deliveries/replay")
                    .then()
                    .statusCode(202)
                    // our event, and the subscription's own webhook.subscription.created that it also receives (*)
                    .body("replayed", greaterThanOrEqualTo(1));
            Deliveries.awaitDelivery(superadmin, tenant, sub.id(), webhookId, "succeeded");
        }
    }

    @Test
    void aSlowEndpointHoldsOnlyItsOwnLaneAndNeverDelaysTheOthers() {
        String tenant = Api.newTenant("lanes");
        try (Receiver slow = Receiver.start().answering(Reply.slow(Duration.ofSeconds(30)));
                Receiver fast = Receiver.start()) {
            Api.subscribe(superadmin, tenant, slow.url("/"), "*");
            Api.subscribe(superadmin, tenant, fast.url("/"), "*");
            String batch = Api.marker();
            Events.publishCalls(tenant, batch, 10);
            List<Request> delivered = fast.await(r -> markerOf(r).startsWith(batch), 10, WAIT);
            List<Request> slowRequests = slow.matching(r -> markerOf(r).startsWith(batch));
            long slowStarted =
                    slowRequests.stream().map(Request::webhookId).distinct().count();
            // The slow endpoint gets at most 2 requests at a time (the test profile's per-endpoint limit), each
            // taking the 2 s timeout: it cannot have started all 10 events by the time the fast one had them all.
            assertThat(delivered).hasSize(10);
            assertThat(slowStarted).isLessThan(10);
            // and a third request to it only starts once one of the first two has timed out
            List<Request> firstThree = slow.await(r -> markerOf(r).startsWith(batch), 3, WAIT);
            assertNoEarlierThan(firstThree.get(0), firstThree.get(2), Duration.ofMillis(1900));
        }
    }

    @Test
    void aRateLimitSpacesTheRequestsOfOneSubscription() {
        String tenant = Api.newTenant("rate");
        try (Receiver receiver = Receiver.start()) {
            Api.subscribe(superadmin, tenant, Api.body(receiver.url("/"), List.of("*"), "rateLimit", 2));
            String batch = Api.marker();
            Events.publishCalls(tenant, batch, 6);
            List<Request> requests = receiver.await(r -> markerOf(r).startsWith(batch), 6, WAIT);
            // 2 per second with a burst of 2: the sixth request comes no earlier than 2 s after the first.
            assertNoEarlierThan(requests.get(0), requests.get(5), Duration.ofMillis(1500));
        }
    }

    @Test
    void anEventOverThePayloadCapIsNotSentAndTheLogSaysWhy() {
        String tenant = Api.newTenant("cap");
        try (Receiver receiver = Receiver.start()) {
            Created sub = Api.subscribe(superadmin, tenant, receiver.url("/"), "*");
            String big = Api.marker();
            Events.publish(
                    Topics.TELEPHONY_EVENTS,
                    Events.event(
                            "telephony.call.ended",
                            tenant,
                            "call-" + big,
                            Map.of("marker", big, "padding", "x".repeat(300_000))));
            String small = Api.marker();
            Events.publish(Topics.TELEPHONY_EVENTS, Events.callEnded(tenant, small));
            receiver.await(byMarker(small), 1, WAIT);
            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                JsonPath failed = as(superadmin, tenant)
                        .get(subscription(sub.id()) + "/deliveries?status=failed")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                assertThat(failed.getInt("totalItems")).isEqualTo(1);
                assertThat(failed.getString("items[0].lastError")).contains("exceeds the cap");
                assertThat(failed.getInt("items[0].attempts")).isZero();
            });
            assertThat(receiver.matching(byMarker(big))).isEmpty();
        }
    }

    @Test
    void deliveriesAreCountedPerTenantInTheMetrics() {
        String tenant = Api.newTenant("metrics");
        try (Receiver receiver = Receiver.start()) {
            Api.subscribe(superadmin, tenant, receiver.url("/"), "*");
            String marker = Api.marker();
            Events.publish(Topics.TELEPHONY_EVENTS, Events.callEnded(tenant, marker));
            receiver.await(byMarker(marker), 1, WAIT);
            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                String metrics = io.restassured.RestAssured.get("/q/metrics").asString();
                assertThat(metrics)
                        .containsPattern(
                                "switchboard_webhook_deliveries_total\\{[^}]*result=\"succeeded\"[^}]*tenant=\""
                                        + tenant + "\"")
                        .containsPattern(
                                "switchboard_webhook_delivery_latency_seconds_count\\{[^}]*tenant=\"" + tenant + "\"");
            });
        }
    }

    /** Waits until the subscription reads as disabled for {@code reason}; returns its disabled event. */
    private static EventCapture.Captured awaitDisabled(EventCapture events, String tenant, String id, String reason) {
        Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> as(superadmin, tenant)
                        .get(subscription(id))
                        .then()
                        .body("enabled", equalTo(false))
                        .body("disabledReason", equalTo(reason)));
        return events.awaitOne(EventCapture.event(EventTypes.WEBHOOK_SUBSCRIPTION_DISABLED, id), WAIT);
    }

    /** The later request came no earlier than {@code gap} after the earlier one (never "exactly at"). */
    private static void assertNoEarlierThan(Request earlier, Request later, Duration gap) {
        assertThat(Duration.between(earlier.receivedAt(), later.receivedAt()))
                .as("time between %s and %s", earlier.webhookId(), later.webhookId())
                .isGreaterThanOrEqualTo(gap);
    }
}
