package io.switchboard.routing.table;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the routing table has been loaded: before that, decisions would not know any DID. */
@Readiness
@ApplicationScoped
public class RoutingTableHealthCheck implements HealthCheck {

    private final RoutingTable table;

    public RoutingTableHealthCheck(RoutingTable table) {
        this.table = table;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("routing-table")
                .status(table.loadedAt() != null)
                .withData("tenants", table.tenantCount())
                .withData("loadedAt", String.valueOf(table.loadedAt()))
                .build();
    }
}
