package io.switchboard.webhook.http;

import io.netty.channel.ConnectTimeoutException;
import io.switchboard.webhook.target.TargetPolicy;
import io.switchboard.webhook.target.TargetRefusedException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Posts webhook requests. Before each request it resolves the target's host itself and checks every address
 * ({@link TargetPolicy}); the connection then goes to that vetted address, while the Host header and TLS server name
 * stay the URL's host, so a DNS answer that changes between the check and the connection cannot redirect it. Redirects
 * are not followed; the whole attempt is bounded by a total timeout; only the start of the response body is kept.
 * Blocking: call it from a worker or virtual thread.
 */
public class WebhookClient implements AutoCloseable {

    /** Timeouts, limits and identity of the client. */
    public record Settings(
            Duration connectTimeout, Duration timeout, int snippetBytes, int maxConnectionsPerHost, String userAgent) {}

    private final Vertx vertx;
    private final TargetPolicy policy;
    private final Settings settings;
    private final HttpClient client;

    public WebhookClient(Vertx vertx, TargetPolicy policy, Settings settings) {
        this.vertx = vertx;
        this.policy = policy;
        this.settings = settings;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setMaxPoolSize(settings.maxConnectionsPerHost())
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setVerifyHost(true)
                .setForceSni(true)
                .setTryUseCompression(false));
    }

    public Settings settings() {
        return settings;
    }

    /**
     * POSTs {@code body} as JSON to {@code url} with {@code headers} (plus content type and user agent).
     *
     * @return the attempt; never throws for a failed delivery
     */
    public HttpAttempt post(String url, Map<String, String> headers, byte[] body) {
        Instant started = Instant.now();
        TargetPolicy.Target target;
        InetAddress address;
        try {
            target = policy.parse(url);
            address = policy.vet(target);
        } catch (TargetRefusedException e) {
            return HttpAttempt.failed(AttemptOutcome.TARGET_REFUSED, "target refused: " + e.getMessage(), started);
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, target.port())))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.pathAndQuery())
                .setFollowRedirects(false)
                .setConnectTimeout(settings.connectTimeout().toMillis());
        headers.forEach(options::putHeader);
        options.putHeader("content-type", "application/json");
        options.putHeader("user-agent", settings.userAgent());

        CompletableFuture<HttpAttempt> result = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        long timer = vertx.setTimer(settings.timeout().toMillis(), id -> {
            if (result.complete(HttpAttempt.failed(
                    AttemptOutcome.TIMEOUT,
                    "no complete response within " + settings.timeout().toMillis() + " ms",
                    started))) {
                HttpClientRequest request = inFlight.get();
                if (request != null) {
                    request.reset();
                }
            }
        });
        client.request(options)
                .onFailure(e -> result.complete(failure(e, started)))
                .onSuccess(request -> {
                    inFlight.set(request);
                    request.send(Buffer.buffer(body))
                            .onFailure(e -> result.complete(failure(e, started)))
                            .onSuccess(response -> readResponse(response, started, result));
                });
        try {
            return result.get(settings.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpAttempt.failed(AttemptOutcome.CONNECTION_ERROR, "interrupted", started);
        } catch (ExecutionException | TimeoutException e) {
            return HttpAttempt.failed(AttemptOutcome.TIMEOUT, "no response: " + e, started);
        } finally {
            vertx.cancelTimer(timer);
        }
    }

    private void readResponse(HttpClientResponse response, Instant started, CompletableFuture<HttpAttempt> result) {
        Buffer snippet = Buffer.buffer();
        response.handler(chunk -> {
            int room = settings.snippetBytes() - snippet.length();
            if (room > 0) {
                snippet.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
            }
        });
        response.exceptionHandler(e -> result.complete(failure(e, started)));
        response.endHandler(done -> {
            int status = response.statusCode();
            result.complete(new HttpAttempt(
                    status >= 200 && status < 300 ? AttemptOutcome.SUCCEEDED : AttemptOutcome.HTTP_ERROR,
                    status,
                    response.getHeader("retry-after"),
                    snippet.length() == 0 ? null : snippet.toString(StandardCharsets.UTF_8),
                    status >= 200 && status < 300 ? null : "HTTP " + status,
                    started,
                    Math.max(0, Instant.now().toEpochMilli() - started.toEpochMilli())));
        });
    }

    private static HttpAttempt failure(Throwable e, Instant started) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        boolean timedOut = e instanceof ConnectTimeoutException
                || message.toLowerCase(java.util.Locale.ROOT).contains("timed out");
        return HttpAttempt.failed(
                timedOut ? AttemptOutcome.TIMEOUT : AttemptOutcome.CONNECTION_ERROR, message, started);
    }

    @Override
    public void close() {
        client.close();
    }
}
