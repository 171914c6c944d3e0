package io.switchboard.telephony.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server in routing-service's place, answering {@code POST /api/v1/routing/decisions} with the answer
 * scripted for the called number (503 for others), and keeping every request it got.
 */
public class RoutingServiceStub implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, Answer> answers = new ConcurrentHashMap<>();
    static final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** What to answer for a called number: an HTTP status and body, after a delay. */
    record Answer(int status, String body, Duration delay) {
        static Answer decision(String action) {
            return new Answer(
                    200,
                    "{\"decisionId\":\"d-1\",\"rule\":\"r-1\",\"action\":" + action.replace('\'', '"') + "}",
                    Duration.ZERO);
        }
    }

    /** A request routing-service got. */
    record Received(String authorization, JsonNode body) {}

    static List<Received> receivedFor(String called) {
        return received.stream()
                .filter(r -> called.equals(r.body().path("called").asText()))
                .toList();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/v1/routing/decisions", this::decide);
        server.start();
        return Map.of(
                "switchboard.telephony.routing.url",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "switchboard.telephony.routing.timeout",
                "1s");
    }

    private void decide(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), body));
            Answer answer = answers.getOrDefault(body.path("called").asText(), new Answer(503, "{}", Duration.ZERO));
            Thread.sleep(answer.delay());
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
