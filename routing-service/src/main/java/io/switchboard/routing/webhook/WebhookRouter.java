package io.switchboard.routing.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.commons.webhook.WebhookSecret;
import io.switchboard.commons.webhook.WebhookSignature;
import io.switchboard.routing.config.RoutingConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks a tenant's system where a call goes: POSTs {@code {tenant_id, call_id, from, to, did}}, signed the Standard
 * Webhooks way with the DID's secret, to the vetted address of the route's URL, and reads the answer within the
 * timeout. Never throws: every failure is an outcome, after which the decision uses the DID's fallback.
 */
@ApplicationScoped
public class WebhookRouter {

    /** What came of a request: the outcome, the HTTP status if any, the valid answer, the time taken and why not. */
    public record Result(
            WebhookOutcome outcome, Integer httpStatus, WebhookAnswer answer, Duration latency, String detail) {

        public Result failed(WebhookOutcome newOutcome, String why) {
            return new Result(newOutcome, httpStatus, answer, latency, why);
        }
    }

    /** The request of one call. */
    public record Ask(
            String url,
            Duration timeout,
            WebhookSecret secret,
            String tenantId,
            UUID callId,
            UUID decisionId,
            String from,
            String to,
            String did) {}

    private record Raw(int status, Buffer body) {}

    /** An answer longer than allowed; the request is reset. */
    private static final class TooLong extends RuntimeException {
        TooLong(int limit) {
            super("the answer is longer than " + limit + " bytes", null, false, false);
        }
    }

    private static final String USER_AGENT = "Switchboard-Routing/1.0";

    private final WebhookTargets targets;
    private final ObjectMapper mapper;
    private final RoutingConfig config;
    private final HttpClient client;

    public WebhookRouter(WebhookTargets targets, ObjectMapper mapper, RoutingConfig config, Vertx vertx) {
        this.targets = targets;
        this.mapper = mapper;
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(64)
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setVerifyHost(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public Result ask(Ask ask) {
        long started = System.nanoTime();
        Duration timeout =
                ask.timeout() != null ? ask.timeout() : config.webhook().defaultTimeout();
        if (ask.secret() == null) {
            return new Result(WebhookOutcome.NO_SECRET, null, null, Duration.ZERO, "the DID has no signing secret");
        }
        WebhookTargets.Target target;
        try {
            target = targets.vet(ask.url());
        } catch (WebhookTargets.RefusedException e) {
            return new Result(WebhookOutcome.REFUSED, null, null, since(started), "the URL " + e.getMessage());
        }
        byte[] body = body(ask);
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        Future<Raw> response = send(target, body, ask, timeout, request);
        Raw raw;
        try {
            long left = timeout.toNanos() - (System.nanoTime() - started);
            raw = response.toCompletionStage().toCompletableFuture().get(Math.max(1, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            HttpClientRequest pending = request.get();
            if (pending != null) {
                pending.reset();
            }
            return new Result(WebhookOutcome.TIMEOUT, null, null, since(started), "no answer within " + timeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TooLong tooLong) {
                return new Result(WebhookOutcome.INVALID_ANSWER, null, null, since(started), tooLong.getMessage());
            }
            String why = e.getCause() == null ? e.toString() : e.getCause().toString();
            return new Result(WebhookOutcome.UNREACHABLE, null, null, since(started), why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(WebhookOutcome.UNREACHABLE, null, null, since(started), "interrupted");
        }
        Duration latency = since(started);
        if (raw.status() < 200 || raw.status() > 299) {
            return new Result(WebhookOutcome.HTTP_ERROR, raw.status(), null, latency, "HTTP " + raw.status());
        }
        StringBuilder problem = new StringBuilder();
        Optional<WebhookAnswer> answer = parse(raw.body(), problem);
        return answer.map(a -> new Result(WebhookOutcome.ANSWERED, raw.status(), a, latency, null))
                .orElseGet(() ->
                        new Result(WebhookOutcome.INVALID_ANSWER, raw.status(), null, latency, problem.toString()));
    }

    private Future<Raw> send(
            WebhookTargets.Target target,
            byte[] body,
            Ask ask,
            Duration timeout,
            AtomicReference<HttpClientRequest> pending) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(
                        target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.pathAndQuery())
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("accept", "application/json")
                .putHeader("user-agent", USER_AGENT);
        WebhookSignature.headers("msg_" + ask.decisionId(), Instant.now(), body, List.of(ask.secret()))
                .forEach(options::putHeader);
        int limit = config.webhook().maxAnswerBytes();
        return client.request(options).compose(request -> {
            pending.set(request);
            return request.send(Buffer.buffer(body)).compose(response -> {
                Promise<Raw> done = Promise.promise();
                Buffer received = Buffer.buffer();
                response.handler(chunk -> {
                    if (received.length() + chunk.length() > limit) {
                        done.tryFail(new TooLong(limit));
                        request.reset();
                    } else {
                        received.appendBuffer(chunk);
                    }
                });
                response.exceptionHandler(done::tryFail);
                response.endHandler(v -> done.tryComplete(new Raw(response.statusCode(), received)));
                return done.future();
            });
        });
    }

    private Optional<WebhookAnswer> parse(Buffer body, StringBuilder problem) {
        JsonNode json;
        try {
            json = mapper.readTree(body.getBytes());
        } catch (IOException e) {
            problem.append("the answer is not JSON");
            return Optional.empty();
        }
        return WebhookAnswer.read(json, problem);
    }

    private byte[] body(Ask ask) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_id", ask.tenantId());
        body.put("call_id", ask.callId());
        body.put("from", ask.from());
        body.put("to", ask.to());
        body.put("did", ask.did());
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
