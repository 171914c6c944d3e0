package io.switchboard.chat.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** A test's WebSocket client (the JDK's, independent of Vert.x): every frame it receives, and waits on them. */
public final class ChatSocket implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;

    /** Opens {@code url} (ws://...) with these headers (e.g. Origin); fails with the handshake's status when refused. */
    public static ChatSocket open(String url, Map<String, String> headers) {
        ChatSocket client = new ChatSocket();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        try {
            client.socket =
                    builder.buildAsync(URI.create(url), client.new Listener()).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException h) {
                throw new Refused(
                        h.getResponse().statusCode(),
                        h.getResponse()
                                .headers()
                                .firstValue("X-Refused-Because")
                                .orElse(""),
                        e);
            }
            throw e;
        }
        return client;
    }

    /** The status of a refused handshake (or 101 when it was accepted, and closed again). */
    public static int refusal(String url, Map<String, String> headers) {
        try (ChatSocket ignored = open(url, headers)) {
            return 101;
        } catch (Refused e) {
            return e.status;
        }
    }

    /** A handshake the server refused: its status and why. */
    public static final class Refused extends RuntimeException {
        public final int status;

        Refused(int status, String why, Throwable cause) {
            super("WebSocket handshake refused with " + status + ": " + why, cause);
            this.status = status;
        }
    }

    public void send(Object frame) {
        try {
            socket.sendText(MAPPER.writeValueAsString(frame), true).join();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    public List<JsonNode> frames(String type) {
        return frames.stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    /** Waits for a frame of this type matching the condition, and answers it. */
    public JsonNode await(String type, Predicate<JsonNode> condition) {
        return Awaitility.await(type)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> frames(type).stream()
                                .filter(condition)
                                .findFirst()
                                .orElse(null),
                        java.util.Objects::nonNull);
    }

    public JsonNode await(String type) {
        return await(type, f -> true);
    }

    /** The seq of every message.new received, in order. */
    public List<Long> seqs() {
        return frames("message.new").stream().map(f -> f.path("seq").asLong()).toList();
    }

    /** Drops the connection without a goodbye, like a network failure. */
    public void drop() {
        socket.abort();
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(MAPPER.readTree(partial.toString()));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
