package io.switchboard.routing.webhook;

import static io.switchboard.routing.support.Fixtures.as;
import static io.switchboard.routing.support.Scenario.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.commons.webhook.WebhookSecret;
import io.switchboard.commons.webhook.WebhookSignature;
import io.switchboard.routing.support.Numbers;
import io.switchboard.routing.support.Scenario;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.EventCapture.Captured;
import io.switchboard.testing.TestUsers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook routes against real HTTP receivers on 127.0.0.1: a valid answer routes the call, a slow one (beyond the
 * route's timeout) and a malformed one go to the DID's fallback; every request is signed so that the receiver can
 * verify it with the DID's secret, and each one is logged with its latency and emitted with the decision.
 */
@QuarkusTest
class WebhookRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestUsers users = new TestUsers();

    /** What one receiver answers: status, body, and how long it waits first. */
    private record Reply(int status, String body, Duration delay) {}

    /** A request as a receiver got it. */
    private record Received(Map<String, String> headers, byte[] body) {}

    private static final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private static final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private static HttpServer server;
    private static Scenario acme;

    @BeforeAll
    static void startReceivers() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                    .add(new Received(headers, exchange.getRequestBody().readAllBytes()));
            Reply reply = replies.getOrDefault(path, new Reply(404, "{}", Duration.ZERO));
            try {
                Thread.sleep(reply.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(reply.status(), body.length);
                out.write(body);
            } catch (IOException e) {
                // the router gave up waiting and reset the connection
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        users.close();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private Scenario acme() {
        if (acme == null) {
            acme = Scenario.standard(users, "hook");
        }
        return acme;
    }

    /** A DID whose calls the webhook at {@code path} decides, falling back to voicemail 2000; returns its secret. */
    private static String webhookDid(Scenario scenario, String number, String path, Integer timeoutSeconds) {
        Map<String, Object> webhook = new LinkedHashMap<>(target("webhook", url(path)));
        if (timeoutSeconds != null) {
            webhook.put("timeoutSeconds", timeoutSeconds);
        }
        Map<String, Object> body =
                Map.of("number", number, "route", Map.of("target", webhook, "fallback", target("voicemail", "2000")));
        return as(scenario.admin.token(), scenario.tenant)
                .body(body)
                .post("/api/v1/routing/dids")
                .then()
                .statusCode(201)
                .extract()
                .path("webhookSecret");
    }

    @Test
    void aValidAnswerRoutesTheCallAndTheRequestIsSignedWithTheDidsSecret() throws Exception {
        Scenario s = acme();
        String number = Numbers.berlin();
        replies.put(
                "/valid",
                new Reply(200, "{\"action\":\"route\",\"target\":\"sales\",\"message\":\"VIP\"}", Duration.ZERO));
        String secret = webhookDid(s, number, "/valid", null);
        assertThat(secret).startsWith(WebhookSecret.PREFIX);

        try (EventCapture events = EventCapture.open(Topics.ROUTING_EVENTS)) {
            JsonPath decision = Scenario.decide(s.tenant, "inbound", "+4930111222", number, null);
            assertThat(decision.getString("rule")).isEqualTo("did:" + number + "/always/webhook");
            assertThat(decision.getString("action.type")).isEqualTo("queue");
            assertThat(decision.getString("action.queueName")).isEqualTo("sales");

            Received request = received.get("/valid").getLast();
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.path("tenant_id").asText()).isEqualTo(s.tenant);
            assertThat(body.path("from").asText()).isEqualTo("+4930111222");
            assertThat(body.path("to").asText()).isEqualTo(number);
            assertThat(body.path("did").asText()).isEqualTo(number);
            assertThat(body.path("call_id").asText()).isNotBlank();
            assertThat(WebhookSignature.verify(
                            request.headers().get(WebhookSignature.HEADER_ID),
                            request.headers().get(WebhookSignature.HEADER_TIMESTAMP),
                            request.headers().get(WebhookSignature.HEADER_SIGNATURE),
                            request.body(),
                            WebhookSecret.parse(secret),
                            WebhookSignature.DEFAULT_TOLERANCE,
                            Instant.now()))
                    .isEmpty();
            assertThat(WebhookSignature.verify(
                            request.headers().get(WebhookSignature.HEADER_ID),
                            request.headers().get(WebhookSignature.HEADER_TIMESTAMP),
                            request.headers().get(WebhookSignature.HEADER_SIGNATURE),
                            request.body(),
                            WebhookSecret.generate(),
                            WebhookSignature.DEFAULT_TOLERANCE,
                            Instant.now()))
                    .as("another secret does not verify")
                    .isPresent();

            Captured routed = events.awaitOne(
                    c -> c.event().type().equals(EventTypes.ROUTING_CALL_ROUTED)
                            && s.tenant.equals(c.event().tenantId()),
                    Duration.ofSeconds(30));
            JsonNode data = JSON.readTree(routed.event().data());
            assertThat(data.path("rule").asText()).isEqualTo("did:" + number + "/always/webhook");
            assertThat(data.path("webhook").path("outcome").asText()).isEqualTo("answered");
            assertThat(AsyncApiContract.load().violations(routed)).isEmpty();
        }
        JsonPath log = awaitLog(s, number, 1);
        assertThat(log.getString("items[0].outcome")).isEqualTo("answered");
        assertThat(log.getString("items[0].target")).isEqualTo("sales");
        assertThat(log.getString("items[0].message")).isEqualTo("VIP");
        assertThat(log.getInt("items[0].latencyMs")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aSlowAnswerTimesOutToTheFallback() {
        Scenario s = acme();
        String number = Numbers.berlin();
        replies.put("/slow", new Reply(200, "{\"action\":\"hangup\"}", Duration.ofSeconds(3)));
        webhookDid(s, number, "/slow", 1);

        long started = System.nanoTime();
        JsonPath decision = Scenario.decide(s.tenant, "inbound", "+4930111222", number, null);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(decision.getString("rule")).isEqualTo("did:" + number + "/always/webhook-fallback");
        assertThat(decision.getMap("action")).isEqualTo(Map.of("type", "voicemail", "mailbox", "2000@" + s.tenant));
        assertThat(took).as("the decision does not wait for the slow answer").isLessThan(Duration.ofSeconds(3));
        JsonPath log = awaitLog(s, number, 1);
        assertThat(log.getString("items[0].outcome")).isEqualTo("timeout");
        assertThat(log.getInt("items[0].latencyMs")).isBetween(900, 2_900);
    }

    @Test
    void malformedAnswersAndUnknownTargetsGoToTheFallback() {
        Scenario s = acme();
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("/not-json", "this is not JSON");
        answers.put("/bad-action", "{\"action\":\"teleport\",\"target\":\"sales\"}");
        answers.put("/no-target", "{\"action\":\"route\"}");
        answers.put("/unknown-target", "{\"action\":\"route\",\"target\":\"no-such-queue\"}");
        for (Map.Entry<String, String> answer : answers.entrySet()) {
            String number = Numbers.berlin();
            replies.put(answer.getKey(), new Reply(200, answer.getValue(), Duration.ZERO));
            webhookDid(s, number, answer.getKey(), null);
            JsonPath decision = Scenario.decide(s.tenant, "inbound", "+4930111222", number, null);
            assertThat(decision.getString("rule"))
                    .as(answer.getKey())
                    .isEqualTo("did:" + number + "/always/webhook-fallback");
            assertThat(decision.getString("action.mailbox")).isEqualTo("2000@" + s.tenant);
            assertThat(awaitLog(s, number, 1).getString("items[0].outcome"))
                    .as(answer.getKey())
                    .isEqualTo("invalid_answer");
        }
        String failing = Numbers.berlin();
        replies.put("/error", new Reply(503, "{}", Duration.ZERO));
        webhookDid(s, failing, "/error", null);
        assertThat(Scenario.decide(s.tenant, "inbound", "+4930111222", failing, null)
                        .getString("action.mailbox"))
                .isEqualTo("2000@" + s.tenant);
        JsonPath log = awaitLog(s, failing, 1);
        assertThat(log.getString("items[0].outcome")).isEqualTo("http_error");
        assertThat(log.getInt("items[0].httpStatus")).isEqualTo(503);
    }

    @Test
    void theAnswerCanSendTheCallToVoicemailOrHangUp() {
        Scenario s = acme();
        String voicemail = Numbers.berlin();
        replies.put("/voicemail", new Reply(200, "{\"action\":\"voicemail\",\"target\":\"1001\"}", Duration.ZERO));
        webhookDid(s, voicemail, "/voicemail", null);
        assertThat(Scenario.decide(s.tenant, "inbound", "+4930111222", voicemail, null)
                        .getMap("action"))
                .isEqualTo(Map.of("type", "voicemail", "mailbox", "1001@" + s.tenant));
        String hangup = Numbers.berlin();
        replies.put("/hangup", new Reply(200, "{\"action\":\"hangup\",\"message\":\"blocked caller\"}", Duration.ZERO));
        webhookDid(s, hangup, "/hangup", null);
        JsonPath decision = Scenario.decide(s.tenant, "inbound", "+4930111222", hangup, null);
        assertThat(decision.getString("action.type")).isEqualTo("hangup");
        assertThat(decision.getInt("action.cause")).isEqualTo(21);
    }

    /** The DID's webhook log once it has {@code count} entries (they are written in the background). */
    private static JsonPath awaitLog(Scenario s, String number, int count) {
        String id = as(s.admin.token(), s.tenant)
                .queryParam("q", number)
                .get("/api/v1/routing/dids")
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].id");
        JsonPath[] log = new JsonPath[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    log[0] = as(s.admin.token(), s.tenant)
                            .get("/api/v1/routing/dids/" + id + "/webhook-calls")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    return log[0].getList("items").size() >= count;
                });
        return log[0];
    }
}
