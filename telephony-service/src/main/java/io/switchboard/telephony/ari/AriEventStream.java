package io.switchboard.telephony.ari;

import ch.loway.oss.ari4java.generated.models.Message;
import ch.loway.oss.ari4java.tools.BaseAriAction;
import io.quarkus.logging.Log;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The application's event WebSocket ({@code /ari/events?app=...}), read frame by frame in the order Asterisk sent
 * them and decoded into ari4java's event models. ari4java's own WebSocket client hands frames to several threads, so
 * a burst (DTMF digits, a hangup sequence) can reach the application reordered; calls depend on that order.
 */
final class AriEventStream {

    private final WebSocket socket;

    private AriEventStream(WebSocket socket) {
        this.socket = socket;
    }

    /**
     * Opens the stream; {@code events} receives each event in order on one thread, {@code closed} is called once when
     * the stream ends for any reason.
     */
    static AriEventStream open(
            String baseUrl,
            String application,
            String username,
            String password,
            Class<?> messageType,
            Consumer<Message> events,
            Consumer<String> closed)
            throws Exception {
        String url = baseUrl.replaceFirst("^http", "ws") + (baseUrl.endsWith("/") ? "" : "/") + "ari/events?app="
                + URLEncoder.encode(application, StandardCharsets.UTF_8) + "&subscribeAll=false";
        String credentials =
                Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        WebSocket socket = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .build()
                .newWebSocketBuilder()
                .header("Authorization", "Basic " + credentials)
                .buildAsync(URI.create(url), new Listener(messageType, events, closed))
                .get(10, TimeUnit.SECONDS);
        return new AriEventStream(socket);
    }

    void close() {
        socket.abort();
    }

    /** Receives the frames one at a time: the next is requested only once the previous one was handed over. */
    private static final class Listener implements WebSocket.Listener {
        private final Class<?> messageType;
        private final Consumer<Message> events;
        private final Consumer<String> closed;
        private final StringBuilder frame = new StringBuilder();
        private boolean ended;

        Listener(Class<?> messageType, Consumer<Message> events, Consumer<String> closed) {
            this.messageType = messageType;
            this.events = events;
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                String json = frame.toString();
                frame.setLength(0);
                try {
                    events.accept(BaseAriAction.deserializeEvent(json, messageType));
                } catch (Exception e) {
                    Log.warnf("Undecodable ARI event (skipped): %s: %s", e.getMessage(), json);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            end("ARI WebSocket closed (" + statusCode + (reason == null || reason.isBlank() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            end("ARI WebSocket failed: " + error);
        }

        private synchronized void end(String reason) {
            if (!ended) {
                ended = true;
                closed.accept(reason);
            }
        }
    }
}
