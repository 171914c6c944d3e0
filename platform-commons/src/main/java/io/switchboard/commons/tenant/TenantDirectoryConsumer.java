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
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@link TenantDirectory}, the users' status ({@link BlockedUsers}), {@link MemberDirectory} and
 * {@link TeamDirectory} up to date from {@code tenant.events}, dispatching by the exact event type. Every tenant, user,
 * membership and team event carries the whole aggregate with its version, so applying the newest version is enough;
 * the idempotent-consumer guard makes redeliveries harmless. The offset is
 * committed only after the transaction, and a failing database is retried rather than skipped.
 */
@ApplicationScoped
public class TenantDirectoryConsumer {

    static final String CONSUMER = "tenant-directory";
    static final String USER_CONSUMER = "user-directory";
    static final String MEMBER_CONSUMER = "member-directory";
    static final String TEAM_CONSUMER = "team-directory";
    /** The user events that carry the user's status (others, such as password events, do not concern it). */
    static final java.util.Set<String> USER_STATUS_TYPES = java.util.Set.of(
            EventTypes.TENANT_USER_CREATED, EventTypes.TENANT_USER_UPDATED, EventTypes.TENANT_USER_DELETED);

    private final IdempotentConsumer inbox;
    private final TenantDirectory directory;
    private final BlockedUsers blockedUsers;
    private final MemberDirectory members;
    private final TeamDirectory teams;
    private final ObjectMapper mapper;

    public TenantDirectoryConsumer(
            IdempotentConsumer inbox,
            TenantDirectory directory,
            BlockedUsers blockedUsers,
            MemberDirectory members,
            TeamDirectory teams,
            ObjectMapper mapper) {
        this.inbox = inbox;
        this.directory = directory;
        this.blockedUsers = blockedUsers;
        this.members = members;
        this.teams = teams;
        this.mapper = mapper;
    }

    /** The part of a {@code tenant.user.*} event the directory keeps. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserStatus(
            String id, String email, String firstName, String lastName, String status, String deletedAt, long version) {

        /** First and last name, else the e-mail. */
        String displayName() {
            String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
            return name.isEmpty() ? email : name;
        }
    }

    /** The part of a {@code tenant.membership.*} event the directory keeps. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MembershipData(String tenantId, String userId, List<String> roles, long version) {}

    /** The part of a {@code tenant.team.*} event the directory keeps. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TeamData(UUID id, String tenantId, String name, String leadId, List<String> members, long version) {}

    @Incoming(Channels.TENANT_EVENTS)
    @Blocking
    @Retry(maxRetries = -1, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 1, durationUnit = ChronoUnit.HOURS)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void onEvent(ConsumerRecord<String, byte[]> record) throws IOException {
        DomainEvent event = CloudEventCodec.fromRecord(record);
        // dispatch by exact type: each kind of event has its own data shape (password events carry no status)
        switch (event.type()) {
            case EventTypes.TENANT_USER_CREATED, EventTypes.TENANT_USER_UPDATED, EventTypes.TENANT_USER_DELETED -> {
                UserStatus user = mapper.readValue(event.data(), UserStatus.class);
                inbox.process(USER_CONSUMER, event, e -> {
                    blockedUsers.apply(
                            user.id(), user.status(), user.deletedAt() != null, user.version(), user.displayName());
                    members.userChanged();
                });
            }
            case EventTypes.TENANT_MEMBERSHIP_CREATED, EventTypes.TENANT_MEMBERSHIP_UPDATED -> {
                MembershipData m = mapper.readValue(event.data(), MembershipData.class);
                inbox.process(
                        MEMBER_CONSUMER,
                        event,
                        e -> members.apply(
                                m.tenantId(), m.userId(), m.roles() == null ? List.of() : m.roles(), m.version()));
            }
            case EventTypes.TENANT_MEMBERSHIP_DELETED -> {
                MembershipData m = mapper.readValue(event.data(), MembershipData.class);
                inbox.process(MEMBER_CONSUMER, event, e -> members.remove(m.tenantId(), m.userId(), m.version()));
            }
            case EventTypes.TENANT_TEAM_CREATED, EventTypes.TENANT_TEAM_UPDATED, EventTypes.TENANT_TEAM_DELETED -> {
                TeamData t = mapper.readValue(event.data(), TeamData.class);
                TeamEntry team = new TeamEntry(
                        t.id(),
                        t.tenantId(),
                        t.name(),
                        t.leadId(),
                        t.members() == null ? List.of() : t.members(),
                        t.version());
                inbox.process(
                        TEAM_CONSUMER,
                        event,
                        e -> teams.apply(team, EventTypes.TENANT_TEAM_DELETED.equals(event.type())));
            }
            default -> {
                if (event.type().startsWith(EventTypes.TENANT_AGGREGATE_PREFIX)) {
                    applyTenant(event);
                }
            }
        }
    }

    private void applyTenant(DomainEvent event) throws IOException {
        TenantEntry entry = mapper.readValue(event.data(), TenantEntry.class);
        boolean processed = inbox.process(
                CONSUMER, event, e -> directory.apply(entry.id(), entry, new String(e.data(), StandardCharsets.UTF_8)));
        Log.debugf(
                "Tenant directory %s %s (%s)", processed ? "applied" : "skipped duplicate", event.type(), entry.id());
    }
}
