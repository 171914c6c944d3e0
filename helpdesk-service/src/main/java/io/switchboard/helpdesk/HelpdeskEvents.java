package io.switchboard.helpdesk;

import io.switchboard.commons.events.Topics;
import io.switchboard.commons.outbox.Outbox;
import io.switchboard.commons.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Emits {@code helpdesk.*} events on {@code helpdesk.events} through the outbox. Ticket and message events are keyed by
 * the ticket id, so that everything about one ticket stays in order.
 */
@ApplicationScoped
public class HelpdeskEvents {

    private final Outbox outbox;

    public HelpdeskEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void emit(String type, String tenantId, String aggregateType, Object aggregateId, Object data) {
        outbox.emit(new OutboxMessage(
                Topics.HELPDESK_EVENTS, type, tenantId, aggregateType, String.valueOf(aggregateId), data));
    }
}
