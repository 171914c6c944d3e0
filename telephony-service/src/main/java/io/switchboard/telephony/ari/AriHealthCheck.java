package io.switchboard.telephony.ari;

import io.switchboard.telephony.call.CallEngine;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports ARI in readiness. Without ARI the service still serves its configuration API, so it stays ready and says
 * {@code ari: degraded} (or {@code disabled}, or {@code standby} on a replica that does not hold the connection).
 */
@Readiness
@ApplicationScoped
public class AriHealthCheck implements HealthCheck {

    private final AriGateway gateway;
    private final CallEngine engine;

    public AriHealthCheck(AriGateway gateway, CallEngine engine) {
        this.gateway = gateway;
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        AriGateway.State state = gateway.state();
        String ari = !state.enabled()
                ? "disabled"
                : state.connected() ? "connected" : state.leader() ? "degraded" : "standby";
        HealthCheckResponseBuilder response = HealthCheckResponse.named("ari")
                .up()
                .withData("ari", ari)
                .withData("activeCalls", engine.activeCalls());
        if (state.lastError() != null) {
            response.withData("lastError", state.lastError());
        }
        return response.build();
    }
}
