package io.switchboard.webhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.webhook.support.Receiver;
import io.switchboard.webhook.support.Receiver.Reply;
import io.switchboard.webhook.target.HostResolver;
import io.switchboard.webhook.target.TargetPolicy;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The delivering HTTP client against real receivers on 127.0.0.1, with the connection-time address check. */
class WebhookClientTest {

    private static final byte[] BODY = "{\"type\":\"x.y.z\"}".getBytes(StandardCharsets.UTF_8);
    private static final WebhookClient.Settings SETTINGS =
            new WebhookClient.Settings(Duration.ofSeconds(1), Duration.ofSeconds(2), 16, 8, "Switchboard-Webhooks/t");
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void postsJsonWithTheHeadersAndKeepsOnlyTheStartOfTheAnswer() {
        try (Receiver receiver = Receiver.start().answering(new Reply(202, Map.of(), "x".repeat(100), Duration.ZERO));
                WebhookClient client = client(true, HostResolver.SYSTEM)) {
            HttpAttempt attempt = client.post(receiver.url("/in?a=1"), Map.of("X-Api-Key", "k"), BODY);
            assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);
            assertThat(attempt.statusCode()).isEqualTo(202);
            assertThat(attempt.responseSnippet()).hasSize(16);
            Receiver.Request request = receiver.requests().get(0);
            assertThat(request.path()).isEqualTo("/in?a=1");
            assertThat(request.header("content-type")).isEqualTo("application/json");
            assertThat(request.header("user-agent")).startsWith("Switchboard-Webhooks/");
            assertThat(request.header("x-api-key")).isEqualTo("k");
            assertThat(request.body()).isEqualTo(BODY);
        }
    }

    @Test
    void errorsTimeoutsAndRefusedConnectionsAreOutcomesNotExceptions() throws Exception {
        try (Receiver failing = Receiver.start().answering(Reply.retryAfter(503, "7"));
                Receiver hanging = Receiver.start().answering(Reply.slow(Duration.ofSeconds(10)));
                WebhookClient client = client(true, HostResolver.SYSTEM)) {
            HttpAttempt error = client.post(failing.url("/"), Map.of(), BODY);
            assertThat(error.outcome()).isEqualTo(AttemptOutcome.HTTP_ERROR);
            assertThat(error.statusCode()).isEqualTo(503);
            assertThat(error.retryAfter()).isEqualTo("7");

            HttpAttempt timeout = client.post(hanging.url("/"), Map.of(), BODY);
            assertThat(timeout.outcome()).isEqualTo(AttemptOutcome.TIMEOUT);
            assertThat(timeout.durationMs()).isGreaterThanOrEqualTo(2000);

            int closedPort;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = socket.getLocalPort();
            }
            HttpAttempt refused = client.post("http://127.0.0.1:" + closedPort + "/", Map.of(), BODY);
            assertThat(refused.outcome()).isEqualTo(AttemptOutcome.CONNECTION_ERROR);
        }
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedAndNothingIsSent() {
        try (Receiver receiver = Receiver.start();
                WebhookClient client = client(false, HostResolver.SYSTEM)) {
            HttpAttempt attempt = client.post("http://localhost:" + receiver.port() + "/", Map.of(), BODY);
            assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.TARGET_REFUSED);
            assertThat(attempt.error()).contains("127.0.0.1").contains("loopback");
            assertThat(receiver.requests()).isEmpty();
        }
    }

    @Test
    void theConnectionGoesToTheVettedAddressWithoutResolvingTheNameAgain() {
        // "hooks.switchboard.test" exists nowhere: the client must connect to the address our resolver vetted and
        // still send the URL's host in the Host header (and TLS server name).
        AtomicInteger lookups = new AtomicInteger();
        HostResolver resolver = host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        };
        try (Receiver receiver = Receiver.start();
                WebhookClient client = client(true, resolver)) {
            HttpAttempt attempt =
                    client.post("http://hooks.switchboard.test:" + receiver.port() + "/in", Map.of(), BODY);
            assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);
            assertThat(receiver.requests())
                    .singleElement()
                    .satisfies(
                            r -> assertThat(r.header("host")).isEqualTo("hooks.switchboard.test:" + receiver.port()));
            assertThat(lookups).hasValue(1);
        }
    }

    @Test
    void aNameThatRebindsToAPrivateAddressAfterTheSubscriptionWasSavedIsRefusedAtConnection() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> lookups.getAndIncrement() == 0
                ? new InetAddress[] {InetAddress.getByName("93.184.216.34")}
                : new InetAddress[] {InetAddress.getLoopbackAddress()};
        TargetPolicy policy = new TargetPolicy(false, false, rebinding);
        try (Receiver receiver = Receiver.start();
                WebhookClient client = new WebhookClient(vertx, policy, SETTINGS)) {
            String url = "http://rebind.switchboard.test:" + receiver.port() + "/";
            policy.check(url); // what saving the subscription does: public then
            HttpAttempt attempt = client.post(url, Map.of(), BODY);
            assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.TARGET_REFUSED);
            assertThat(receiver.requests()).isEmpty();
        }
    }

    @Test
    void redirectsAreNotFollowed() {
        try (Receiver target = Receiver.start();
                Receiver redirecting = Receiver.start()
                        .answering(new Reply(307, Map.of("Location", target.url("/")), "", Duration.ZERO));
                WebhookClient client = client(true, HostResolver.SYSTEM)) {
            HttpAttempt attempt = client.post(redirecting.url("/"), Map.of(), BODY);
            assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.HTTP_ERROR);
            assertThat(attempt.statusCode()).isEqualTo(307);
            assertThat(target.requests()).isEmpty();
        }
    }

    private static WebhookClient client(boolean allowPrivate, HostResolver resolver) {
        return new WebhookClient(vertx, new TargetPolicy(false, allowPrivate, resolver), SETTINGS);
    }
}
