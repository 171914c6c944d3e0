package io.switchboard.chat.socket;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once this replica reads {@code chat.fanout}: before that, messages sent elsewhere would miss its sockets. */
@Readiness
@ApplicationScoped
public class FanoutHealthCheck implements HealthCheck {

    private final Fanout fanout;

    public FanoutHealthCheck(Fanout fanout) {
        this.fanout = fanout;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("chat-fanout")
                .status(fanout.isPositioned())
                .build();
    }
}
