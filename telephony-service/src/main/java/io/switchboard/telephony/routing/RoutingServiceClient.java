package io.switchboard.telephony.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import io.quarkus.logging.Log;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.switchboard.telephony.config.TelephonyConfig;
import io.switchboard.telephony.extension.ExtensionService;
import io.switchboard.telephony.trunk.TrunkService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The {@link RoutingClient}: without {@code switchboard.telephony.routing.url}, {@link DirectRouting}; with it, asks
 * routing-service for each call's decision, authenticated as telephony-service's service account (OAuth client
 * credentials from Keycloak). A call never waits on a failing routing-service: after {@code routing.timeout}, on an
 * error, while the circuit is open, or when the decision is not the tenant's to make, the call is routed directly
 * ({@link DirectRouting}) and {@code switchboard_routing_fallbacks_total} counts it, per tenant and reason.
 */
// Created at start-up: created lazily on a call's virtual thread, its configuration mapping fails to inject.
@Startup
@ApplicationScoped
@DefaultBean
public class RoutingServiceClient implements RoutingClient {

    static final String CIRCUIT = "routing-service";

    private final RoutingApi api;
    private final OidcClient oidc;
    private final DirectRouting direct;
    private final ExtensionService extensions;
    private final TrunkService trunks;
    private final MeterRegistry meters;
    private final ObjectMapper json;
    private final CircuitBreakerMaintenance circuits;
    private final Duration timeout;
    private final Duration ringTimeout;
    private final AtomicReference<Tokens> tokens = new AtomicReference<>();

    public RoutingServiceClient(
            OidcClient oidc,
            DirectRouting direct,
            ExtensionService extensions,
            TrunkService trunks,
            MeterRegistry meters,
            ObjectMapper json,
            CircuitBreakerMaintenance circuits,
            TelephonyConfig config) {
        this.oidc = oidc;
        this.circuits = circuits;
        this.direct = direct;
        this.extensions = extensions;
        this.trunks = trunks;
        this.meters = meters;
        this.json = json;
        this.timeout = config.routing().timeout();
        this.ringTimeout = config.ringTimeout();
        this.api = config.routing()
                .url()
                .map(url -> QuarkusRestClientBuilder.newBuilder()
                        .baseUri(url)
                        .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .build(RoutingApi.class))
                .orElse(null);
    }

    /** Whether routing-service is configured at all. */
    public boolean enabled() {
        return api != null;
    }

    @Override
    @CircuitBreaker(
            requestVolumeThreshold = 10,
            failureRatio = 0.5,
            delay = 5,
            delayUnit = java.time.temporal.ChronoUnit.SECONDS,
            successThreshold = 2,
            skipOn = RemoteDecisions.InvalidDecisionException.class)
    @CircuitBreakerName(CIRCUIT)
    @Fallback(fallbackMethod = "routeDirectly")
    public RoutingDecision decide(RoutingRequest request) {
        if (api == null) {
            return direct.decide(request);
        }
        JsonNode answer;
        try {
            answer = json.readTree(api.decide("Bearer " + accessToken(), request));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 401) {
                tokens.set(null); // rotated secret or revoked token: ask Keycloak again next time
            }
            throw e;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("routing-service answered with malformed JSON", e);
        }
        String tenantId = request.tenantId();
        RoutingDecision decision = new RemoteDecisions(
                        tenantId,
                        ringTimeout,
                        id -> extensions.findByEndpoint(tenantId, id).isPresent(),
                        id -> trunks.findByEndpoint(tenantId, id).isPresent())
                .read(answer.get("action"));
        Log.debugf(
                "Call %s routed by rule %s (decision %s): %s %s",
                request.callId(),
                answer.path("rule").asText(null),
                answer.path("decisionId").asText(null),
                decision.action(),
                decision.target());
        return decision;
    }

    RoutingDecision routeDirectly(RoutingRequest request, Throwable failure) {
        String reason = switch (failure) {
            case RemoteDecisions.InvalidDecisionException invalid -> {
                Log.errorf(
                        "routing-service's decision for call %s of tenant %s is invalid (%s); routing directly",
                        request.callId(), request.tenantId(), invalid.getMessage());
                yield "invalid_decision";
            }
            case CircuitBreakerOpenException open -> "circuit_open";
            default -> {
                Log.warnf(
                        "routing-service did not decide call %s of tenant %s (%s); routing directly",
                        request.callId(), request.tenantId(), failure.toString());
                yield "unavailable";
            }
        };
        meters.counter("switchboard.routing.fallbacks", "tenant", request.tenantId(), "reason", reason)
                .increment();
        return direct.decide(request);
    }

    /** {@code direct} (not configured), {@code closed} (asking routing-service), {@code open} or {@code half-open}. */
    public String state() {
        if (api == null) {
            return "direct";
        }
        return circuits.currentState(CIRCUIT)
                .name()
                .toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-');
    }

    @PostConstruct
    void watchCircuit() {
        if (api != null) {
            circuits.onStateChange(
                    CIRCUIT,
                    state -> Log.warnf(
                            "routing-service circuit is now %s%s",
                            state, state == CircuitBreakerState.CLOSED ? "" : ": calls are routed directly"));
        }
    }

    private String accessToken() {
        Tokens current = tokens.get();
        if (current == null || current.isAccessTokenExpired() || current.isAccessTokenWithinRefreshInterval()) {
            current = oidc.getTokens().await().atMost(timeout);
            tokens.set(current);
        }
        return current.getAccessToken();
    }
}
