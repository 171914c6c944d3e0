package io.switchboard.telephony.routing;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports where call decisions come from. Always up: while routing-service fails, calls are still routed (directly),
 * so taking telephony-service out of service would only make things worse.
 */
@Readiness
@ApplicationScoped
public class RoutingHealthCheck implements HealthCheck {

    private final RoutingServiceClient remote;

    public RoutingHealthCheck(RoutingServiceClient remote) {
        this.remote = remote;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("routing")
                .up()
                .withData("routing", remote.state())
                .build();
    }
}
