package io.switchboard.telephony.calls;

import io.switchboard.telephony.routing.DirectRouting;
import io.switchboard.telephony.routing.RoutingClient;
import io.switchboard.telephony.routing.RoutingDecision;
import io.switchboard.telephony.routing.RoutingRequest;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only stand-in for routing-service's decision API (which does not exist yet): decisions scripted per tenant and
 * called number; every other call goes to the interim {@link DirectRouting}, as in production.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ScriptedRouting implements RoutingClient {

    private final DirectRouting direct;
    private final Map<String, RoutingDecision> scripted = new ConcurrentHashMap<>();

    public ScriptedRouting(DirectRouting direct) {
        this.direct = direct;
    }

    public void script(String tenantId, String called, RoutingDecision decision) {
        scripted.put(tenantId + "/" + called, decision);
    }

    @Override
    public RoutingDecision decide(RoutingRequest request) {
        RoutingDecision decision = scripted.get(request.tenantId() + "/" + request.called());
        return decision != null ? decision : direct.decide(request);
    }
}
