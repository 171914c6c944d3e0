package io.switchboard.commons.inbox;

import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.commons.tenant.TenantRequestFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.function.Consumer;
import org.jboss.logging.MDC;

/**
 * The idempotent-consumer guard: an event's effect and the record that it was processed commit in one transaction, so
 * a redelivered event (Kafka's at-least-once, a replay, a second relay publishing the same row) has no second effect.
 * The effect runs for the event's tenant, with row-level security set accordingly.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private final TenantContext tenantContext;
    private final InboxTransaction transaction;

    public IdempotentConsumer(TenantContext tenantContext, InboxTransaction transaction) {
        this.tenantContext = tenantContext;
        this.transaction = transaction;
    }

    /**
     * Runs {@code effect} unless {@code consumer} already processed this event.
     *
     * @param consumer a stable name of the consuming component, e.g. {@code tenant-directory}
     * @return whether the effect ran
     */
    @ActivateRequestContext
    public boolean process(String consumer, DomainEvent event, Consumer<DomainEvent> effect) {
        tenantContext.runAsSystem(event.tenantId());
        if (event.tenantId() != null) {
            MDC.put(TenantRequestFilter.MDC_TENANT, event.tenantId());
        }
        try {
            return transaction.processOnce(consumer, event, effect);
        } finally {
            MDC.remove(TenantRequestFilter.MDC_TENANT);
        }
    }
}
