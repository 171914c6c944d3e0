package io.switchboard.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.security.Caller;
import io.switchboard.commons.security.TenantIdentityAugmentor;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.GatewayConfig.Route;
import io.switchboard.gateway.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The gateway's own work on every {@code /api/...} request, before a byte reaches a service: authenticate the bearer
 * token, resolve the active tenant and refuse one the caller does not belong to, take the request from the tenant's
 * and the client's rate-limit buckets, then stream it to the service of the longest matching path prefix (WebSocket
 * upgrades included) with the request id, the resolved tenant and the trace context, and log one access line.
 */
@ApplicationScoped
public class ProxyRoutes {

    public static final String REQUEST_ID = "X-Request-ID";
    private static final Logger ACCESS = Logger.getLogger("io.switchboard.gateway.access");
    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    private static final Pattern REQUEST_ID_FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** Headers a client may not send on, because the gateway or the services own their meaning. */
    private static final String[] HOP_BY_CLIENT = {"X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto"};

    private final GatewayConfig config;
    private final RateLimiter rateLimiter;
    private final ObjectMapper mapper;
    private final OpenTelemetry telemetry;
    private final RouteTable table;

    public ProxyRoutes(GatewayConfig config, RateLimiter rateLimiter, ObjectMapper mapper, OpenTelemetry telemetry) {
        this.config = config;
        this.rateLimiter = rateLimiter;
        this.mapper = mapper;
        this.telemetry = telemetry;
        this.table = new RouteTable(config.routes());
    }

    void register(@Observes Router router, Vertx vertx) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(200)
                .setKeepAlive(true)
                .setMaxWebSockets(1000)
                .setDecompressionSupported(false));
        Map<String, HttpProxy> proxies = new java.util.HashMap<>();
        config.routes().forEach((name, route) -> proxies.put(name, proxy(client, name, route)));
        router.routeWithRegex("/api/.*").order(-10).handler(rc -> handle(rc, proxies));
    }

    private HttpProxy proxy(HttpClient client, String name, Route route) {
        URI url = route.url();
        int port = url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        SocketAddress address = SocketAddress.inetSocketAddress(port, url.getHost());
        HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), client);
        proxy.origin(context -> {
            RequestOptions options = new RequestOptions()
                    .setServer(address)
                    .setHost(url.getHost())
                    .setPort(port)
                    .setSsl("https".equals(url.getScheme()))
                    .setConnectTimeout(route.connectTimeout().toMillis());
            if (!isUpgrade(context.request().proxiedRequest())) {
                // a WebSocket may stay quiet for long; a plain request may not
                options.setIdleTimeout(route.timeout().toMillis());
            }
            return context.client().request(options);
        });
        proxy.addInterceptor(new FailureAnswers(name));
        return proxy;
    }

    private void handle(RoutingContext rc, Map<String, HttpProxy> proxies) {
        long started = System.nanoTime();
        HttpServerRequest request = rc.request();
        String requestId = requestId(request);
        rc.response().putHeader(REQUEST_ID, requestId);
        Optional<RouteTable.Match> match = table.match(request.path());
        if (match.isEmpty()) {
            problem(rc, Problem.of(ProblemType.NOT_FOUND, "No Switchboard API under " + request.path()));
            return;
        }
        String routeName = match.get().route();
        HttpProxy proxy = proxies.get(routeName);
        if (match.get().open()) {
            forwardPublic(rc, proxy, routeName, requestId, started);
            return;
        }
        if (answeredCors(rc)) {
            return;
        }
        request.pause();
        Uni<SecurityIdentity> identity = QuarkusHttpUser.getSecurityIdentity(rc, null);
        identity.subscribe()
                .with(
                        id -> rc.vertx().runOnContext(v -> forward(rc, proxy, routeName, id, requestId, started)),
                        failure -> rc.vertx().runOnContext(v -> unauthenticated(rc, failure)));
    }

    /**
     * CORS of the API: a request from an origin that may not call it is refused (403), a preflight of an allowed one
     * answered here; an allowed request gets the headers that let the browser read the answer. True when answered.
     */
    private boolean answeredCors(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false; // not a browser's cross-origin request
        }
        GatewayConfig.Cors cors = config.cors();
        if (!cors.origins().contains(origin)) {
            problem(
                    rc,
                    Problem.of(
                                    ProblemType.FORBIDDEN,
                                    "Origin " + origin + " may not call the Switchboard API from a browser; the"
                                            + " gateway allows " + String.join(", ", cors.origins())
                                            + " (switchboard.gateway.cors.origins)")
                            .with("origin", origin));
            return true;
        }
        var response =
                rc.response().putHeader("Access-Control-Allow-Origin", origin).putHeader("Vary", "Origin");
        if (request.method() == io.vertx.core.http.HttpMethod.OPTIONS
                && request.getHeader("Access-Control-Request-Method") != null) {
            response.putHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
                    .putHeader("Access-Control-Allow-Headers", String.join(", ", cors.headers()))
                    .putHeader(
                            "Access-Control-Max-Age",
                            Long.toString(cors.maxAge().toSeconds()))
                    .setStatusCode(204)
                    .end();
            return true;
        }
        response.putHeader("Access-Control-Expose-Headers", String.join(", ", cors.exposedHeaders()));
        return false;
    }

    /**
     * A public path: no token asked (the service authenticates the request itself), the rate limit of the client's
     * address, and no tenant header passed on: the service finds the tenant from what it authenticates.
     */
    private void forwardPublic(RoutingContext rc, HttpProxy proxy, String routeName, String requestId, long started) {
        HttpServerRequest request = rc.request();
        String address = request.remoteAddress() == null
                ? "unknown"
                : request.remoteAddress().hostAddress();
        if (refusedByRateLimit(rc, null, "address:" + address)) {
            return;
        }
        request.headers().remove(TenantIdentityAugmentor.TENANT_HEADER);
        proxy(rc, proxy, routeName, null, "-", requestId, started);
    }

    private void forward(
            RoutingContext rc,
            HttpProxy proxy,
            String routeName,
            SecurityIdentity identity,
            String requestId,
            long started) {
        HttpServerRequest request = rc.request();
        if (identity == null || identity.isAnonymous()) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            problem(rc, Problem.of(ProblemType.UNAUTHORIZED, "Send an access token: Authorization: Bearer <token>"));
            return;
        }
        Caller caller = identity.getAttribute(TenantIdentityAugmentor.CALLER_ATTRIBUTE);
        String requested = identity.getAttribute(TenantIdentityAugmentor.REQUESTED_TENANT_ATTRIBUTE);
        String active = identity.getAttribute(TenantIdentityAugmentor.ACTIVE_TENANT_ATTRIBUTE);
        if (requested != null && active == null) {
            problem(
                    rc,
                    Problem.of(
                                    ProblemType.NOT_TENANT_MEMBER,
                                    "You are not a member of tenant '" + requested + "'; "
                                            + (caller.memberships().isEmpty()
                                                    ? "you belong to no tenant"
                                                    : "your tenants: "
                                                            + String.join(
                                                                    ", ",
                                                                    caller.memberships().keySet().stream()
                                                                            .sorted()
                                                                            .toList())))
                            .with("tenantId", requested));
            return;
        }
        if (refusedByRateLimit(rc, active, caller.userId())) {
            return;
        }
        if (active != null) {
            request.headers().set(TenantIdentityAugmentor.TENANT_HEADER, active);
        }
        proxy(rc, proxy, routeName, active, caller.displayName(), requestId, started);
    }

    /** Takes the request from the rate-limit buckets; answers 429 and returns true when one of them is empty. */
    private boolean refusedByRateLimit(RoutingContext rc, String tenant, String client) {
        Optional<RateLimiter.Refusal> refusal = rateLimiter.tryAcquire(tenant, client);
        if (refusal.isEmpty()) {
            return false;
        }
        RateLimiter.Refusal r = refusal.get();
        rc.response().putHeader("Retry-After", Long.toString(r.retryAfterSeconds()));
        problem(
                rc,
                Problem.of(
                                ProblemType.RATE_LIMITED,
                                (r.limit().equals("tenant") ? "Tenant '" + tenant + "' sends" : "You send")
                                        + " more than " + r.requestsPerSecond()
                                        + " requests per second; retry after " + r.retryAfterSeconds() + " s")
                        .with("limit", r.limit()));
        return true;
    }

    /** Streams the request to the service with the gateway's headers, and logs one access line when it ends. */
    private void proxy(
            RoutingContext rc,
            HttpProxy proxy,
            String routeName,
            String active,
            String user,
            String requestId,
            long started) {
        HttpServerRequest request = rc.request();
        MultiMap headers = request.headers();
        for (String header : HOP_BY_CLIENT) {
            headers.remove(header);
        }
        headers.set(REQUEST_ID, requestId);
        headers.set(
                "X-Forwarded-For",
                request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress());
        headers.set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
        telemetry.getPropagators().getTextMapPropagator().inject(Context.current(), headers, MultiMap::set);

        String tenant = active == null ? "-" : active;
        rc.addEndHandler(done -> {
            double millis = (System.nanoTime() - started) / 1e6;
            MDC.put("tenantId", active == null ? "" : active);
            try {
                ACCESS.infof(
                        "%s %s %d %.1fms tenant=%s user=%s route=%s request=%s",
                        request.method(),
                        request.path(),
                        rc.response().getStatusCode(),
                        millis,
                        tenant,
                        user,
                        routeName,
                        requestId);
            } finally {
                MDC.remove("tenantId");
            }
        });
        proxy.handle(request);
    }

    private void unauthenticated(RoutingContext rc, Throwable failure) {
        if (!(failure instanceof AuthenticationFailedException)) {
            LOG.warnf(failure, "Authentication failed unexpectedly");
        }
        rc.response().putHeader("WWW-Authenticate", "Bearer");
        problem(rc, Problem.of(ProblemType.UNAUTHORIZED, "The access token is missing, invalid or expired"));
    }

    private void problem(RoutingContext rc, Problem problem) {
        rc.request().resume();
        Problem withInstance = problem.withInstance(URI.create(rc.request().path()));
        rc.response()
                .setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Buffer.buffer(json(withInstance)));
    }

    private byte[] json(Problem problem) {
        try {
            return mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String requestId(HttpServerRequest request) {
        String given = request.getHeader(REQUEST_ID);
        return given != null && REQUEST_ID_FORMAT.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
    }

    private static boolean isUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /** Answers problem+json when the service cannot be reached (502) or does not answer in time (504). */
    private final class FailureAnswers implements ProxyInterceptor {

        private final String service;

        FailureAnswers(String service) {
            this.service = service;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(failure -> {
                boolean timeout = failure instanceof TimeoutException
                        || failure.getClass().getSimpleName().contains("Timeout");
                Problem problem = timeout
                        ? Problem.of(ProblemType.GATEWAY_TIMEOUT, service + " did not answer in time")
                        : Problem.of(ProblemType.BAD_GATEWAY, service + " cannot be reached; retry shortly");
                LOG.warnf(
                        "%s %s: %s (%s)",
                        context.request().getMethod(),
                        context.request().getURI(),
                        problem.detail(),
                        failure.toString());
                ProxyResponse response = context.request().response();
                response.setStatusCode(problem.status());
                response.headers().clear();
                response.putHeader("Content-Type", Problem.MEDIA_TYPE);
                response.setBody(Body.body(Buffer.buffer(json(problem.with("service", service)
                        .withInstance(
                                URI.create(context.request().proxiedRequest().path()))))));
                return Future.succeededFuture(response);
            });
        }
    }
}
