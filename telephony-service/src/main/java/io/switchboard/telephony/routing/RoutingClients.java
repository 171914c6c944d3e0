package io.switchboard.telephony.routing;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@link RoutingClient} in use until routing-service's client replaces it: {@link DirectRouting}. */
@ApplicationScoped
@DefaultBean
public class RoutingClients implements RoutingClient {

    private final DirectRouting direct;

    public RoutingClients(DirectRouting direct) {
        this.direct = direct;
    }

    @Override
    public RoutingDecision decide(RoutingRequest request) {
        return direct.decide(request);
    }
}
