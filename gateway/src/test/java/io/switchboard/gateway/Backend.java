package io.switchboard.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Real HTTP services on 127.0.0.1 for the gateway to route to (ports fixed in the test profile): each answers every
 * request with what it received (method, path, query, headers, body) as JSON, serves an OpenAPI document at
 * {@code /q/openapi}, waits on {@code ?delayMs=}, and echoes WebSocket text frames.
 */
public final class Backend {

    public static final int ECHO_PORT = 18_990;
    public static final int OTHER_PORT = 18_992;
    /** Nothing listens there: the route to it answers 502. */
    public static final int DEAD_PORT = 18_991;

    private static Vertx vertx;

    private Backend() {}

    /**
     * Starts both services once per test JVM, in a process of their own: Quarkus turns Vert.x's WebSocket server off
     * for its whole JVM ({@code vertx.disableWebsockets}), so WebSocket services cannot live beside it. The process
     * ends with the test JVM (its standard input closes).
     */
    public static synchronized void start() throws Exception {
        // a test profile restarts Quarkus in a new class loader, with a second copy of this class
        if (System.getProperties().putIfAbsent("switchboard.test.backend", "started") != null) {
            return;
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(
                        java, "-Xmx128m", "-cp", System.getProperty("java.class.path"), Backend.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + OTHER_PORT + "/q/openapi"))
                .build();
        Awaitility.await("the test services on ports " + ECHO_PORT + " and " + OTHER_PORT)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(IOException.class)
                .failFast("the test services' process exited; are their ports free?", () -> !process.isAlive())
                .until(() ->
                        http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** The test services' process: serves until its standard input closes. */
    public static void main(String[] args) throws Exception {
        vertx = Vertx.vertx();
        serve("echo", ECHO_PORT);
        serve("other", OTHER_PORT);
        while (System.in.read() >= 0) {
            // the test JVM holds the other end
        }
        System.exit(0);
    }

    private static void serve(String name, int port) throws Exception {
        HttpServer server = vertx.createHttpServer(
                new HttpServerOptions().setHost("127.0.0.1").setPort(port));
        server.webSocketHandler(ws -> ws.textMessageHandler(text -> ws.writeTextMessage(name + ":" + text)));
        server.requestHandler(request -> {
            if (request.path().equals("/q/openapi")) {
                request.response()
                        .putHeader("Content-Type", "application/json")
                        .end(openApi(name).encode());
                return;
            }
            if (request.path().contains("socket"))
                System.out.println("BACKEND saw " + request.method() + " " + request.version() + " "
                        + request.headers().entries());
            request.body().onSuccess(body -> {
                JsonObject headers = new JsonObject();
                request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
                JsonObject echo = new JsonObject()
                        .put("service", name)
                        .put("method", request.method().name())
                        .put("path", request.path())
                        .put("query", request.query())
                        .put("headers", headers)
                        .put("body", body.toString());
                String delay = request.getParam("delayMs");
                long millis = delay == null ? 0 : Long.parseLong(delay);
                Runnable answer = () -> request.response()
                        .setStatusCode(
                                request.getParam("status") == null ? 200 : Integer.parseInt(request.getParam("status")))
                        .putHeader("Content-Type", "application/json")
                        .end(echo.encode());
                if (millis > 0) {
                    vertx.setTimer(millis, t -> answer.run());
                } else {
                    answer.run();
                }
            });
        });
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A small document per service; both define a schema {@code Item}, differently. */
    private static JsonObject openApi(String name) {
        JsonObject item = new JsonObject()
                .put("type", "object")
                .put("properties", new JsonObject().put(name + "Field", new JsonObject().put("type", "string")));
        JsonObject get = new JsonObject()
                .put("tags", new io.vertx.core.json.JsonArray().add(name))
                .put(
                        "responses",
                        new JsonObject()
                                .put(
                                        "200",
                                        new JsonObject()
                                                .put("description", "OK")
                                                .put(
                                                        "content",
                                                        new JsonObject()
                                                                .put(
                                                                        "application/json",
                                                                        new JsonObject()
                                                                                .put(
                                                                                        "schema",
                                                                                        new JsonObject()
                                                                                                .put(
                                                                                                        "$ref",
                                                                                                        "#/components/schemas/Item"))))));
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", name).put("version", "1"))
                .put("tags", new io.vertx.core.json.JsonArray().add(new JsonObject().put("name", name)))
                .put("paths", new JsonObject().put("/api/v1/" + name, new JsonObject().put("get", get)))
                .put(
                        "components",
                        new JsonObject()
                                .put("schemas", new JsonObject().put("Item", item))
                                .put(
                                        "securitySchemes",
                                        new JsonObject()
                                                .put("switchboard", new JsonObject().put("type", "openIdConnect"))));
    }
}
