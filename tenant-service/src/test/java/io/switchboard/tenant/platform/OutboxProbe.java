package io.switchboard.tenant.platform;

import io.switchboard.commons.outbox.Outbox;
import io.switchboard.commons.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

/** Test-only: writes probe events to a test topic through the real outbox, committing or rolling back. */
@ApplicationScoped
public class OutboxProbe {

    static final String TOPIC = "tenant-service.test-outbox";
    static final String TYPE = "tenant.probe.emitted";

    private final Outbox outbox;

    public OutboxProbe(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional
    public UUID emitAndCommit(String subject) {
        return outbox.emit(message(subject));
    }

    @Transactional
    public void emitAndRollBack(String subject) {
        outbox.emit(message(subject));
        throw new IllegalStateException("rolled back on purpose");
    }

    private static OutboxMessage message(String subject) {
        return new OutboxMessage(TOPIC, TYPE, "probe-tenant", "probe", subject, Map.of("subject", subject));
    }
}
