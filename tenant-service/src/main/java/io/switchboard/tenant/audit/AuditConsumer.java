package io.switchboard.tenant.audit;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.switchboard.commons.events.CloudEventCodec;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.inbox.IdempotentConsumer;
import io.switchboard.tenant.config.TenantServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Makes the audit log from the domain events of every service: each event of an administrative type (configuration,
 * users, tenants; not calls) with a tenant becomes one entry, once, however often Kafka delivers it. The offset is
 * committed only after the entry, and a failing database is retried rather than skipped, so no change goes unaudited.
 */
@ApplicationScoped
public class AuditConsumer {

    static final String CONSUMER = "audit-log";
    static final String CHANNEL = "audit-events";

    private final IdempotentConsumer inbox;
    private final AuditStore store;
    private final List<String> types;

    public AuditConsumer(IdempotentConsumer inbox, AuditStore store, TenantServiceConfig config) {
        this.inbox = inbox;
        this.store = store;
        this.types = config.auditTypes();
    }

    @Incoming(CHANNEL)
    @Blocking
    @Retry(maxRetries = -1, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 1, durationUnit = ChronoUnit.HOURS)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        DomainEvent event = CloudEventCodec.fromRecord(record);
        if (event.tenantId() == null || !audited(event.type())) {
            return;
        }
        boolean recorded = inbox.process(CONSUMER, event, store::record);
        Log.debugf("Audit %s %s %s", recorded ? "recorded" : "skipped duplicate", event.type(), event.subject());
    }

    boolean audited(String type) {
        return types.stream().anyMatch(type::startsWith);
    }
}
