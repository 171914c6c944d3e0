package io.switchboard.telephony;

import io.switchboard.commons.events.Topics;
import io.switchboard.commons.outbox.Outbox;
import io.switchboard.commons.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;

/** Emits {@code telephony.*} events on {@code telephony.events} through the outbox, keyed by the aggregate id. */
@ApplicationScoped
public class TelephonyEvents {

    private final Outbox outbox;

    public TelephonyEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void emit(String type, String tenantId, String aggregateType, Object aggregateId, Object data) {
        outbox.emit(new OutboxMessage(
                Topics.TELEPHONY_EVENTS, type, tenantId, aggregateType, String.valueOf(aggregateId), data));
    }
}
