package io.switchboard.telephony.calls;

import io.switchboard.telephony.routing.RoutingClient;
import io.switchboard.telephony.routing.RoutingDecision;
import io.switchboard.telephony.routing.RoutingRequest;
import io.switchboard.telephony.routing.RoutingServiceClient;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decisions scripted per tenant and called number, for call-flow tests of every kind of decision; every other call is
 * decided by the production {@link RoutingServiceClient} (direct routing unless a test profile names a routing-service).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ScriptedRouting implements RoutingClient {

    private final RoutingServiceClient production;
    private final Map<String, RoutingDecision> scripted = new ConcurrentHashMap<>();

    public ScriptedRouting(RoutingServiceClient production) {
        this.production = production;
    }

    public void script(String tenantId, String called, RoutingDecision decision) {
        scripted.put(tenantId + "/" + called, decision);
    }

    @Override
    public RoutingDecision decide(RoutingRequest request) {
        RoutingDecision decision = scripted.get(request.tenantId() + "/" + request.called());
        return decision != null ? decision : production.decide(request);
    }
}
