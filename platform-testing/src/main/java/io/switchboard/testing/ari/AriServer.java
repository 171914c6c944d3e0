package io.switchboard.testing.ari;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The simulator's HTTP server on 127.0.0.1: ARI's REST resources under {@code /ari}, authenticated like Asterisk
 * (HTTP basic or {@code api_key=user:password}), and the event WebSocket {@code /ari/events}.
 */
final class AriServer {

    private static final String REALM = "Basic realm=\"Asterisk REST Interface\"";
    private static final String SERVER = "Asterisk/" + AriSimulator.ASTERISK_VERSION;

    private final Vertx vertx;
    private final Pbx pbx;
    private final AriRoutes routes;
    private final String user;
    private final String password;
    private final Consumer<RecordedRequest> recorder;
    private final List<HttpConnection> webSocketConnections = new ArrayList<>();
    private volatile boolean available = true;
    /** The simulator's own control API under {@code /sim/} (same credentials), or null. */
    volatile ControlApi control;

    /** Handles {@code /sim/...} requests of the standalone simulator. */
    interface ControlApi {
        AriReply apply(String method, String path, Map<String, List<String>> query);
    }

    private HttpServer server;

    AriServer(Vertx vertx, Pbx pbx, String user, String password, Consumer<RecordedRequest> recorder) {
        this.vertx = vertx;
        this.pbx = pbx;
        this.routes = new AriRoutes(pbx);
        this.user = user;
        this.password = password;
        this.recorder = recorder;
    }

    int start(int port) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setReuseAddress(true)
                .setTcpNoDelay(true)
                // Asterisk sends every event as one frame, and ari4java cannot read continuation frames
                .setMaxWebSocketFrameSize(16 * 1024 * 1024)
                .setMaxWebSocketMessageSize(16 * 1024 * 1024)
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false);
        try {
            server = vertx.createHttpServer(options)
                    .requestHandler(this::handle)
                    .listen()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The ARI simulator could not listen on 127.0.0.1:" + port, e);
        }
        return server.actualPort();
    }

    void close() {
        if (server != null) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing anyway
            }
        }
    }

    void setAvailable(boolean available) {
        this.available = available;
    }

    boolean isAvailable() {
        return available;
    }

    /** Drops the TCP connection of every event WebSocket, without a close frame, as a network failure would. */
    void dropWebSockets() {
        List<HttpConnection> connections;
        synchronized (webSocketConnections) {
            connections = List.copyOf(webSocketConnections);
            webSocketConnections.clear();
        }
        connections.forEach(HttpConnection::close);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void handle(HttpServerRequest req) {
        long receivedAtNanos = System.nanoTime();
        Instant receivedAt = Instant.now();
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Map.Entry<String, String> param : req.params()) {
            query.computeIfAbsent(param.getKey(), k -> new ArrayList<>()).add(param.getValue());
        }
        String path = decodePath(req.path());
        boolean upgrade = "websocket".equalsIgnoreCase(req.getHeader(HttpHeaders.UPGRADE));
        if (upgrade) {
            handleUpgrade(req, path, query, receivedAtNanos, receivedAt);
            return;
        }
        req.body().onComplete(body -> {
            String text =
                    body.succeeded() && body.result() != null ? body.result().toString(StandardCharsets.UTF_8) : "";
            AriReply reply = invoke(req, path, query, text, receivedAtNanos);
            recorder.accept(new RecordedRequest(
                    req.method().name(), path, query, text, receivedAtNanos, receivedAt, reply.status()));
            send(req.response(), reply);
        });
    }

    private AriReply invoke(
            HttpServerRequest req, String path, Map<String, List<String>> query, String body, long receivedAtNanos) {
        if (!path.startsWith("/ari/") && !path.startsWith("/sim/")) {
            return AriReply.error(AriError.notFound("Not Found"));
        }
        if (!available && path.startsWith("/ari/")) {
            return AriReply.error(new AriError(503, "Asterisk not booted"));
        }
        if (!authenticated(req, query)) {
            return AriReply.error(new AriError(401, "Authentication required"));
        }
        if (path.endsWith("/")) {
            return AriReply.error(AriError.notFound(
                    "ARI URLs do not end with a slash. Try /ari/" + path.substring(5, path.length() - 1)));
        }
        if (path.startsWith("/sim/")) {
            return control == null
                    ? AriReply.error(AriError.notFound("Not Found"))
                    : control.apply(req.method().name(), path, query);
        }
        List<String> segments = List.of(path.substring(5).split("/"));
        JsonNode json;
        try {
            json = body.isBlank() ? null : AriJson.MAPPER.readTree(body);
        } catch (IOException e) {
            return AriReply.error(AriError.badRequest("Invalid JSON body"));
        }
        AriCall call = new AriCall(Map.of(), query, json);
        Set<String> allowed = new LinkedHashSet<>();
        return pbx.execute(() -> {
            noteChannelsNamed(segments, query, receivedAtNanos);
            try {
                AriRoutes.Match match = routes.match(req.method().name(), segments, allowed);
                return match.handler().apply(new AriCall(match.pathVars(), call.query, call.body));
            } catch (AriError e) {
                AriReply reply = AriReply.error(e);
                return e.status == 405 ? reply.withAllow("OPTIONS," + String.join(",", allowed)) : reply;
            }
        });
    }

    private void noteChannelsNamed(List<String> segments, Map<String, List<String>> query, long receivedAtNanos) {
        if (pbx.stasisLatency.isEmpty()) {
            return;
        }
        List<String> candidates = new ArrayList<>(segments);
        query.values().forEach(values -> values.forEach(v -> candidates.addAll(List.of(v.split(",")))));
        pbx.noteRequestNaming(candidates, receivedAtNanos);
    }

    private void send(HttpServerResponse response, AriReply reply) {
        response.setStatusCode(reply.status());
        response.putHeader(HttpHeaders.SERVER, SERVER);
        response.putHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store");
        if (reply.status() == 401) {
            response.putHeader("WWW-Authenticate", REALM);
        }
        if (reply.allow() != null) {
            response.putHeader(HttpHeaders.ALLOW, reply.allow());
        }
        if (reply.location() != null) {
            response.putHeader(HttpHeaders.LOCATION, reply.location());
        }
        if (reply.bytes() != null) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, reply.contentType());
            response.end(Buffer.buffer(reply.bytes()));
        } else if (reply.json() != null) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
            response.end(AriJson.write(reply.json()));
        } else {
            response.end();
        }
    }

    private boolean authenticated(HttpServerRequest req, Map<String, List<String>> query) {
        String header = req.getHeader(HttpHeaders.AUTHORIZATION);
        String credentials = null;
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                credentials = new String(
                        Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
        } else if (query.containsKey("api_key")) {
            credentials = query.get("api_key").getFirst();
        }
        return credentials != null && credentials.equals(user + ":" + password);
    }

    private static String decodePath(String raw) {
        // each segment is percent-decoded on its own, so %2F stays inside a segment as a slash-free name
        StringBuilder path = new StringBuilder();
        for (String segment : raw.split("/", -1)) {
            if (!path.isEmpty() || !segment.isEmpty()) {
                path.append('/');
            }
            path.append(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void handleUpgrade(
            HttpServerRequest req,
            String path,
            Map<String, List<String>> query,
            long receivedAtNanos,
            Instant receivedAt) {
        AriReply refusal = null;
        if (!"/ari/events".equals(path)) {
            refusal = AriReply.error(AriError.notFound("Resource not found"));
        } else if (!available) {
            refusal = AriReply.error(new AriError(503, "Asterisk not booted"));
        } else if (!authenticated(req, query)) {
            refusal = AriReply.error(new AriError(401, "Authentication required"));
        }
        List<String> apps = new ArrayList<>();
        String appParam = query.containsKey("app") ? query.get("app").getFirst() : "";
        for (String app : appParam.split(",")) {
            if (!app.isBlank()) {
                apps.add(app.strip());
            }
        }
        if (refusal == null && apps.isEmpty()) {
            refusal = AriReply.error(AriError.badRequest("HTTP request is missing param: [app]"));
        }
        int status = refusal == null ? 101 : refusal.status();
        recorder.accept(new RecordedRequest("GET", path, query, "", receivedAtNanos, receivedAt, status));
        if (refusal != null) {
            send(req.response(), refusal);
            return;
        }
        boolean subscribeAll = new AriCall(Map.of(), query, null).boolParam("subscribeAll");
        HttpConnection connection = req.connection();
        WebSocketSink sink = new WebSocketSink(vertx.getOrCreateContext());
        Pbx.Session session = new Pbx.Session(
                List.copyOf(apps), subscribeAll, String.valueOf(req.remoteAddress()), sink::write, connection::close);
        // registered before the handshake completes, as Asterisk does: events until then wait in the sink
        pbx.register(session);
        synchronized (webSocketConnections) {
            webSocketConnections.add(connection);
        }
        req.toWebSocket().onComplete(result -> {
            if (result.failed()) {
                synchronized (webSocketConnections) {
                    webSocketConnections.remove(connection);
                }
                pbx.unregister(session);
                return;
            }
            ServerWebSocket ws = result.result();
            ws.closeHandler(v -> {
                synchronized (webSocketConnections) {
                    webSocketConnections.remove(connection);
                }
                pbx.unregister(session);
            });
            ws.exceptionHandler(e -> ws.close());
            ws.textMessageHandler(text -> {
                // Asterisk 22 accepts REST requests over this WebSocket; the simulator does not
            });
            sink.attach(ws);
        });
    }

    /** Writes event frames in the order they were emitted, holding them until the WebSocket is established. */
    private static final class WebSocketSink {
        private final Context context;
        private final List<String> pending = new ArrayList<>();
        private ServerWebSocket ws;

        WebSocketSink(Context context) {
            this.context = context;
        }

        synchronized void write(String text) {
            if (ws == null) {
                pending.add(text);
            } else {
                dispatch(text);
            }
        }

        synchronized void attach(ServerWebSocket ws) {
            this.ws = ws;
            pending.forEach(this::dispatch);
            pending.clear();
        }

        private void dispatch(String text) {
            ServerWebSocket target = ws;
            // runOnContext always queues, so frames leave in the order they were written whatever the thread
            context.runOnContext(v -> {
                if (!target.isClosed()) {
                    target.writeTextMessage(text);
                }
            });
        }
    }
}
