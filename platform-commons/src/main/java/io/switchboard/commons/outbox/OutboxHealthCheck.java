package io.switchboard.commons.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the outbox relay in readiness. Kafka being unreachable makes the service degraded, not unready: it still
 * accepts writes, whose events wait in the outbox, so the check stays UP and says {@code kafka: degraded} with the
 * backlog. Only an unreachable database (checked by the datasource's own readiness check) makes it unready.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final OutboxRelay relay;

    public OutboxHealthCheck(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        OutboxRelay.Status status = relay.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox")
                .up()
                .withData("publisher", status.leader())
                .withData("kafka", status.healthy() ? "reachable" : "degraded");
        if (status.lastError() != null) {
            response.withData("lastError", status.lastError());
        }
        try {
            OutboxRelay.Backlog backlog = relay.backlog();
            response.withData("pending", backlog.pending());
            if (backlog.oldestCreatedAt() != null) {
                response.withData(
                        "oldestPendingSeconds",
                        Duration.between(backlog.oldestCreatedAt(), Instant.now())
                                .toSeconds());
            }
        } catch (Exception e) {
            response.withData("pending", "unknown: " + e.getMessage());
        }
        return response.build();
    }
}
