package io.switchboard.webhook.delivery;

import static io.switchboard.webhook.support.Api.as;
import static io.switchboard.webhook.support.Api.subscription;
import static io.switchboard.webhook.support.Deliveries.markerOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.switchboard.testing.ServiceProcess;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import io.switchboard.webhook.support.Api;
import io.switchboard.webhook.support.Api.Created;
import io.switchboard.webhook.support.Events;
import io.switchboard.webhook.support.Receiver;
import io.switchboard.webhook.support.Receiver.Reply;
import io.switchboard.webhook.support.Receiver.Request;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Durability across a crash, with the packaged service in its own process: deliveries pending on their retry schedule
 * and events not yet consumed survive {@code kill -9} of the dispatcher; a fresh process delivers every one of them,
 * each under the webhook-id it had before.
 */
class DeliveryRestartIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @Test
    void pendingDeliveriesAndUnconsumedEventsAreDeliveredByTheNextProcess() throws Exception {
        assertThat(JAR).as("the packaged service").exists();
        AtomicReference<Reply> answer = new AtomicReference<>(Reply.status(500));
        List<Instant> recovered = new ArrayList<>();
        try (TestUsers users = new TestUsers();
                Receiver receiver = Receiver.start().answering(r -> answer.get())) {
            TestUser superadmin = users.superadmin();
            String tenant = Api.newTenant("restart");
            String batch = Api.marker();

            ServiceProcess first = start("first");
            RestAssured.baseURI = "http://127.0.0.1";
            RestAssured.port = first.port();
            Created sub;
            try {
                Events.awaitConsumersReady();
                sub = Api.subscribe(superadmin, tenant, receiver.url("/"), "*");
                Events.publishCalls(tenant, batch + "-pending", 20);
                // every one of them was attempted and failed: all 20 wait in PostgreSQL for their next attempt
                Awaitility.await()
                        .atMost(Duration.ofSeconds(120))
                        .until(() -> distinctMarkers(receiver, batch + "-pending-") == 20);
                Events.publishCalls(tenant, batch + "-unread", 10);
            } finally {
                first.kill();
            }
            Map<String, String> idsBefore = webhookIds(receiver, batch);

            Instant switched = Instant.now();
            answer.set(Reply.ok());
            try (ServiceProcess second = start("second")) {
                RestAssured.port = second.port();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(180))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() ->
                                receiver
                                                .matching(r -> markerOf(r).startsWith(batch)
                                                        && r.receivedAt().isAfter(switched))
                                                .stream()
                                                .map(r -> markerOf(r))
                                                .distinct()
                                                .count()
                                        == 30);
                // each event kept its webhook-id across the crash, whether it was attempted before it or not
                Map<String, String> idsAfter = webhookIds(receiver, batch);
                assertThat(idsAfter).hasSize(30).containsAllEntriesOf(idsBefore);
                for (String marker : idsAfter.keySet()) {
                    assertThat(receiver.matching(r -> markerOf(r).equals(marker)).stream()
                                    .map(Request::webhookId)
                                    .distinct())
                            .as(marker)
                            .hasSize(1);
                }
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> as(superadmin, tenant)
                                .get(subscription(sub.id()) + "/deliveries?eventType=telephony.*&status=succeeded")
                                .then()
                                .statusCode(200)
                                .body("totalItems", org.hamcrest.Matchers.equalTo(30)));
                recovered.add(Instant.now());
            } // a graceful stop this time
        }
        assertThat(recovered).hasSize(1);
    }

    /** marker -> webhook-id of every event of the batch seen so far. */
    private static Map<String, String> webhookIds(Receiver receiver, String batch) {
        return receiver.matching(r -> markerOf(r).startsWith(batch)).stream()
                .collect(Collectors.toMap(r -> markerOf(r), Request::webhookId, (a, b) -> a));
    }

    private static long distinctMarkers(Receiver receiver, String prefix) {
        return receiver.matching(r -> markerOf(r).startsWith(prefix)).stream()
                .map(r -> markerOf(r))
                .distinct()
                .count();
    }

    /**
     * Runs the packaged service with the test profile; a long retry schedule and failing window keep the deliveries
     * pending across the restart.
     */
    private static ServiceProcess start(String name) throws IOException, InterruptedException {
        return ServiceProcess.start(
                JAR,
                Path.of("target", "restart-it-" + name + ".log"),
                List.of(
                        "-Xmx384m",
                        "-Dquarkus.profile=test",
                        "-Dswitchboard.webhook.retry.schedule=2s,2s,2s,2s,2s,2s,2s,2s,2s,2s,2s,2s",
                        "-Dswitchboard.webhook.retry.disable-after=P1D"),
                Map.of());
    }
}
