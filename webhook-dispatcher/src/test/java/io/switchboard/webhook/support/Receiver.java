package io.switchboard.webhook.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A real HTTP receiver on 127.0.0.1 (a random free port) that records every request and answers as the test
 * scripts it: success, an error status, a Retry-After, or a delay longer than the dispatcher's timeout.
 */
public final class Receiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received request; header names are lower case. */
    public record Request(Instant receivedAt, String path, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String webhookId() {
            return header("webhook-id");
        }

        public String type() {
            return json().path("type").asText();
        }
    }

    /** How to answer. */
    public record Reply(int status, Map<String, String> headers, String body, Duration delay) {
        public static Reply ok() {
            return new Reply(200, Map.of(), "{\"received\":true}", Duration.ZERO);
        }

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "status " + status, Duration.ZERO);
        }

        public static Reply retryAfter(int status, String retryAfter) {
            return new Reply(status, Map.of("Retry-After", retryAfter), "slow down", Duration.ZERO);
        }

        public static Reply slow(Duration delay) {
            return new Reply(200, Map.of(), "late", delay);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Function<Request, Reply> responder = request -> Reply.ok();

    private Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static Receiver start() {
        return new Receiver();
    }

    public Receiver answering(Function<Request, Reply> responder) {
        this.responder = responder;
        return this;
    }

    public Receiver answering(Reply reply) {
        return answering(request -> reply);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> matching(Predicate<Request> predicate) {
        return requests.stream().filter(predicate).toList();
    }

    /** Waits until at least {@code count} requests match and returns them in arrival order. */
    public List<Request> await(Predicate<Request> predicate, int count, Duration timeout) {
        Awaitility.await()
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> matching(predicate).size() >= count);
        return matching(predicate);
    }

    /** The most requests this receiver was handling at the same time. */
    public int maxConcurrent() {
        return maxInFlight.get();
    }

    /** Requests whose JSON body is of this event type and whose data has {@code field} = {@code value}. */
    public static Predicate<Request> event(String type, String field, String value) {
        return r -> type.equals(r.type())
                && value.equals(r.json().path("data").path(field).asText());
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            Request request =
                    new Request(Instant.now(), exchange.getRequestURI().toString(), Map.copyOf(headers), body);
            requests.add(request);
            Reply reply = responder.apply(request);
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay());
            }
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream response = exchange.getResponseBody()) {
                    response.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the dispatcher gave up (timeout) and closed the connection: expected in timeout tests
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
