package io.switchboard.webhook.messaging;

import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.inbox.IdempotentConsumer;
import io.switchboard.webhook.delivery.DeliveryService;
import io.switchboard.webhook.delivery.DeliveryService.FanOutCache;
import io.switchboard.webhook.subscription.DidEndpoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * One polled batch of events in one transaction: each event still goes through the idempotent-consumer guard (its
 * processed-event record and its deliveries), and each sets its own tenant for row-level security; the batch only
 * shares the commit, which is what makes fan-out keep up with a busy platform. DID events first update the DID's
 * managed SMS endpoint ({@link DidEndpoints}), in the same order as everything else on their partition.
 */
@ApplicationScoped
public class FanOutTransaction {

    static final String CONSUMER = "webhook-fanout";

    private final IdempotentConsumer inbox;
    private final DeliveryService deliveries;
    private final DidEndpoints didEndpoints;

    public FanOutTransaction(IdempotentConsumer inbox, DeliveryService deliveries, DidEndpoints didEndpoints) {
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.didEndpoints = didEndpoints;
    }

    /** @return how many deliveries were created */
    @ActivateRequestContext
    @Transactional
    public int fanOut(List<DomainEvent> events) {
        FanOutCache cache = new FanOutCache();
        int[] created = {0};
        for (DomainEvent event : events) {
            inbox.process(CONSUMER, event, e -> {
                if (didEndpoints.apply(e)) {
                    cache.forget(e.tenantId());
                }
                created[0] += deliveries.fanOut(e, cache);
            });
        }
        return created[0];
    }
}
