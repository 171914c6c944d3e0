package io.switchboard.commons.tenant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.switchboard.commons.events.Channels;
import io.switchboard.commons.events.CloudEventCodec;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.inbox.IdempotentConsumer;
import io.switchboard.commons.security.BlockedUsers;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@link TenantDirectory} up to date from {@code tenant.events}. Every tenant event carries the whole tenant, so
 * applying the newest version is enough; the idempotent-consumer guard makes redeliveries harmless. The offset is
 * committed only after the transaction, and a failing database is retried rather than skipped.
 */
@ApplicationScoped
public class TenantDirectoryConsumer {

    static final String CONSUMER = "tenant-directory";
    static final String USER_CONSUMER = "user-directory";
    /** The user events that carry the user's status (others, such as password events, do not concern it). */
    static final java.util.Set<String> USER_STATUS_TYPES = java.util.Set.of(
            EventTypes.TENANT_USER_CREATED, EventTypes.TENANT_USER_UPDATED, EventTypes.TENANT_USER_DELETED);

    private final IdempotentConsumer inbox;
    private final TenantDirectory directory;
    private final BlockedUsers blockedUsers;
    private final ObjectMapper mapper;

    public TenantDirectoryConsumer(
            IdempotentConsumer inbox, TenantDirectory directory, BlockedUsers blockedUsers, ObjectMapper mapper) {
        this.inbox = inbox;
        this.directory = directory;
        this.blockedUsers = blockedUsers;
        this.mapper = mapper;
    }

    /** The part of a {@code tenant.user.*} event the directory keeps. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserStatus(String id, String status, String deletedAt, long version) {}

    @Incoming(Channels.TENANT_EVENTS)
    @Blocking
    @Retry(maxRetries = -1, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 1, durationUnit = ChronoUnit.HOURS)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void onEvent(ConsumerRecord<String, byte[]> record) throws IOException {
        DomainEvent event = CloudEventCodec.fromRecord(record);
        if (USER_STATUS_TYPES.contains(event.type())) {
            UserStatus user = mapper.readValue(event.data(), UserStatus.class);
            inbox.process(
                    USER_CONSUMER,
                    event,
                    e -> blockedUsers.apply(user.id(), user.status(), user.deletedAt() != null, user.version()));
            return;
        }
        if (!event.type().startsWith(EventTypes.TENANT_AGGREGATE_PREFIX)) {
            return;
        }
        TenantEntry entry = mapper.readValue(event.data(), TenantEntry.class);
        boolean processed = inbox.process(
                CONSUMER, event, e -> directory.apply(entry.id(), entry, new String(e.data(), StandardCharsets.UTF_8)));
        Log.debugf(
                "Tenant directory %s %s (%s)", processed ? "applied" : "skipped duplicate", event.type(), entry.id());
    }
}
