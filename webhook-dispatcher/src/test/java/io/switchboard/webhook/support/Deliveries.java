package io.switchboard.webhook.support;

import static io.switchboard.webhook.support.Api.as;
import static io.switchboard.webhook.support.Api.subscription;

import io.restassured.path.json.JsonPath;
import io.switchboard.testing.TestUsers.TestUser;
import io.switchboard.webhook.support.Receiver.Request;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Waiting on the delivery log through the API, and recognising a test's requests by the marker in their data. */
public final class Deliveries {

    public static final Duration WAIT = Duration.ofSeconds(90);

    private Deliveries() {}

    public static Predicate<Request> byMarker(String marker) {
        return r -> marker.equals(markerOf(r));
    }

    public static Predicate<Request> markerStartsWith(String prefix) {
        return r -> markerOf(r).startsWith(prefix);
    }

    public static String markerOf(Request request) {
        return request.json().path("data").path("marker").asText("");
    }

    /** Waits until the log shows the delivery with this webhook-id in {@code status}; returns that entry. */
    public static JsonPath awaitDelivery(
            TestUser user, String scope, String subscriptionId, String webhookId, String status) {
        return Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            List<Map<String, Object>> items = as(user, scope)
                                    .get(subscription(subscriptionId) + "/deliveries?size=200")
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .jsonPath()
                                    .getList("items");
                            return items.stream()
                                    .filter(item -> webhookId.equals(item.get("webhookId"))
                                            && status.equals(item.get("status")))
                                    .findFirst()
                                    .map(item -> new JsonPath(Events.json(item)))
                                    .orElse(null);
                        },
                        Objects::nonNull);
    }

    /** Waits until the attempt log has at least {@code count} attempts with this outcome; returns the page. */
    public static JsonPath awaitAttempts(
            TestUser user, String scope, String subscriptionId, String outcome, int count) {
        return Awaitility.await()
                .atMost(WAIT)
                .until(
                        () -> as(user, scope)
                                .get(subscription(subscriptionId) + "/attempts?status=" + outcome)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        page -> page.getInt("totalItems") >= count);
    }
}
