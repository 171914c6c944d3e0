package io.switchboard.commons.inbox;

import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.function.Consumer;

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
        return transaction.processOnce(consumer, event, effect);
    }
}
