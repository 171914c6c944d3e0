package io.switchboard.webhook.delivery;

import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.webhook.delivery.RetryPolicy.Action;
import io.switchboard.webhook.http.HttpAttempt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The dispatcher's units of work, each in its own request context and declared as a system task: claiming across
 * tenants, and recording an outcome for the delivery's own scope, so row-level security applies to it.
 */
@ApplicationScoped
public class DeliveryTasks {

    private final DeliveryService service;
    private final TenantContext tenantContext;

    public DeliveryTasks(DeliveryService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @ActivateRequestContext
    public List<DueDelivery> claim(int limit, int perEndpoint, Collection<UUID> busy, UUID token) {
        tenantContext.runAsSystem(null);
        return service.claim(limit, perEndpoint, busy, token);
    }

    @ActivateRequestContext
    public Action record(DueDelivery delivery, HttpAttempt attempt, AttemptCause cause) {
        tenantContext.runAsSystem(delivery.scope());
        return service.record(delivery, attempt, cause);
    }

    @ActivateRequestContext
    public int[] purge(Instant cutoff, int limit) {
        tenantContext.runAsSystem(null);
        return service.purge(cutoff, limit);
    }

    @ActivateRequestContext
    public Map<String, Long> pendingByScope() {
        tenantContext.runAsSystem(null);
        return service.pendingByScope();
    }
}
