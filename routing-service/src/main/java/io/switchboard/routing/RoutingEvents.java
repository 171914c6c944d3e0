package io.switchboard.routing;

import io.switchboard.commons.events.Topics;
import io.switchboard.commons.outbox.Outbox;
import io.switchboard.commons.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;

/** Emits {@code routing.*} events on {@code routing.events} through the outbox, keyed by the aggregate id. */
@ApplicationScoped
public class RoutingEvents {

    private final Outbox outbox;

    public RoutingEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void emit(String type, String tenantId, String aggregateType, Object aggregateId, Object data) {
        outbox.emit(new OutboxMessage(
                Topics.ROUTING_EVENTS, type, tenantId, aggregateType, String.valueOf(aggregateId), data));
    }
}
