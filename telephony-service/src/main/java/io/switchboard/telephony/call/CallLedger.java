package io.switchboard.telephony.call;

import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.tenant.CrossTenant;
import io.switchboard.telephony.TelephonyEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The database side of calls: the concurrent-call count that enforces {@code maxConcurrentCalls}, the call record
 * (CDR) and the call events, each change in one transaction with its event. Callers set the tenant first (through
 * {@code TenantTasks}); every method is safe to repeat.
 */
@ApplicationScoped
public class CallLedger {

    /** What a new call gets: its id, or a refusal because the tenant's limit is reached. */
    public sealed interface Admission {
        /** The call may proceed. */
        record Admitted(UUID callId) implements Admission {}

        /** The tenant already has {@code active} calls of at most {@code limit}. */
        record Refused(UUID callId, int limit, int active) implements Admission {}
    }

    /** A new call as the dialplan handed it over. */
    public record NewCall(
            String tenantId,
            String channelId,
            String direction,
            String callerNumber,
            String callerName,
            String calledNumber,
            String sourceEndpoint) {}

    private final EntityManager em;
    private final TelephonyEvents events;

    public CallLedger(EntityManager em, TelephonyEvents events) {
        this.em = em;
        this.events = events;
    }

    /**
     * Counts the call against the tenant's limit, atomically: two calls racing for the last free slot cannot both get
     * it, because the counter row is updated conditionally in one statement.
     */
    @Transactional
    public Admission admit(NewCall call, int limit) {
        em.createNativeQuery("insert into tenant_call_usage (tenant_id, active_calls) values (?1, 0)"
                        + " on conflict (tenant_id) do nothing")
                .setParameter(1, call.tenantId())
                .executeUpdate();
        int admitted = em.createNativeQuery("update tenant_call_usage set active_calls = active_calls + 1"
                        + " where tenant_id = ?1 and active_calls < ?2")
                .setParameter(1, call.tenantId())
                .setParameter(2, limit)
                .executeUpdate();
        Instant now = Instant.now();
        CallRecord record = newRecord(call, now);
        if (admitted == 0) {
            int active = ((Number)
                            em.createNativeQuery("select active_calls from tenant_call_usage where tenant_id = ?1")
                                    .setParameter(1, call.tenantId())
                                    .getSingleResult())
                    .intValue();
            record.status = "ended";
            record.disposition = "rejected";
            record.hangupCause = 34;
            record.hangupCauseText = "Concurrent-call limit of " + limit + " reached";
            record.endedAt = now;
            record.durationSeconds = 0;
            em.persist(record);
            events.emit(
                    EventTypes.TELEPHONY_CALL_REJECTED,
                    call.tenantId(),
                    "call",
                    record.id,
                    new CallEvents.CallRejected(CallView.of(record), "limit", limit, active));
            events.emit(EventTypes.TELEPHONY_CDR_CREATED, call.tenantId(), "call", record.id, CallView.of(record));
            return new Admission.Refused(record.id, limit, active);
        }
        record.status = "started";
        em.persist(record);
        em.createNativeQuery("insert into active_call (channel_id, tenant_id, call_id, started_at)"
                        + " values (?1, ?2, ?3, ?4)")
                .setParameter(1, call.channelId())
                .setParameter(2, call.tenantId())
                .setParameter(3, record.id)
                .setParameter(4, now)
                .executeUpdate();
        events.emit(EventTypes.TELEPHONY_CALL_STARTED, call.tenantId(), "call", record.id, CallView.of(record));
        return new Admission.Admitted(record.id);
    }

    /** A call refused before it was counted (tenant suspended, endpoint of another tenant). */
    @Transactional
    public UUID refuse(NewCall call, int cause, String reason) {
        Instant now = Instant.now();
        CallRecord record = newRecord(call, now);
        record.endedAt = now;
        record.status = "ended";
        record.disposition = "rejected";
        record.hangupCause = cause;
        record.hangupCauseText = reason;
        record.durationSeconds = 0;
        em.persist(record);
        events.emit(
                EventTypes.TELEPHONY_CALL_REJECTED,
                call.tenantId(),
                "call",
                record.id,
                new CallEvents.CallRejected(CallView.of(record), reason, null, null));
        events.emit(EventTypes.TELEPHONY_CDR_CREATED, call.tenantId(), "call", record.id, CallView.of(record));
        return record.id;
    }

    @Transactional
    public void routed(UUID callId, String action, String target) {
        find(callId).ifPresent(record -> {
            record.routeAction = action;
            record.routeTarget = target;
        });
    }

    @Transactional
    public void ringing(UUID callId, String endpoint) {
        find(callId).filter(r -> r.endedAt == null).ifPresent(record -> {
            if (record.answeredAt == null) {
                record.status = "ringing";
            }
            events.emit(
                    EventTypes.TELEPHONY_CALL_RINGING,
                    record.tenantId,
                    "call",
                    record.id,
                    new CallEvents.CallRinging(CallView.of(record), endpoint));
        });
    }

    @Transactional
    public void queued(UUID callId, String queueName) {
        find(callId).filter(r -> r.endedAt == null).ifPresent(record -> {
            record.status = "queued";
            record.queueName = queueName;
            events.emit(EventTypes.TELEPHONY_CALL_QUEUED, record.tenantId, "call", record.id, CallView.of(record));
        });
    }

    @Transactional
    public void answered(UUID callId, String answeredBy) {
        find(callId).filter(r -> r.endedAt == null).ifPresent(record -> {
            boolean first = record.answeredAt == null;
            record.status = "answered";
            record.answeredBy = answeredBy;
            if (first) {
                record.answeredAt = Instant.now();
            }
            events.emit(EventTypes.TELEPHONY_CALL_ANSWERED, record.tenantId, "call", record.id, CallView.of(record));
        });
    }

    @Transactional
    public void transferred(UUID callId, String from, String to) {
        find(callId).filter(r -> r.endedAt == null).ifPresent(record -> {
            record.answeredBy = to;
            events.emit(
                    EventTypes.TELEPHONY_CALL_TRANSFERRED,
                    record.tenantId,
                    "call",
                    record.id,
                    new CallEvents.CallTransferred(CallView.of(record), from, to));
        });
    }

    @Transactional
    public void recording(UUID callId, String name) {
        find(callId).ifPresent(record -> record.recordingName = name);
    }

    /**
     * Ends the call of {@code channelId}: frees its slot (once), completes the record and emits
     * {@code telephony.call.ended} and {@code telephony.cdr.created}. Repeating it changes nothing.
     */
    @Transactional
    public Optional<CallView> end(String channelId, int cause, String causeText, String disposition) {
        int freed = em.createNativeQuery("delete from active_call where channel_id = ?1")
                .setParameter(1, channelId)
                .executeUpdate();
        List<CallRecord> records = em.createQuery(
                        "select c from CallRecord c where c.channelId = :channel", CallRecord.class)
                .setParameter("channel", channelId)
                .getResultList();
        if (records.isEmpty()) {
            return Optional.empty();
        }
        CallRecord record = records.get(0);
        if (freed > 0) {
            em.createNativeQuery("update tenant_call_usage set active_calls = active_calls - 1"
                            + " where tenant_id = ?1 and active_calls > 0")
                    .setParameter(1, record.tenantId)
                    .executeUpdate();
        }
        if (record.endedAt != null) {
            return Optional.of(CallView.of(record));
        }
        Instant now = Instant.now();
        record.endedAt = now;
        record.status = "ended";
        record.hangupCause = cause;
        record.hangupCauseText = causeText;
        record.disposition = disposition != null ? disposition : dispositionOf(record, cause);
        record.durationSeconds = seconds(record.startedAt, now);
        record.ringSeconds = seconds(record.startedAt, record.answeredAt == null ? now : record.answeredAt);
        record.talkSeconds = record.answeredAt == null ? 0 : seconds(record.answeredAt, now);
        CallView view = CallView.of(record);
        events.emit(EventTypes.TELEPHONY_CALL_ENDED, record.tenantId, "call", record.id, view);
        events.emit(EventTypes.TELEPHONY_CDR_CREATED, record.tenantId, "call", record.id, view);
        return Optional.of(view);
    }

    /** The channels of calls in progress of every tenant, to reconcile with Asterisk after a reconnect. */
    @CrossTenant
    @Transactional
    @SuppressWarnings("unchecked")
    public Map<String, String> activeChannels() {
        List<Object[]> rows = em.createNativeQuery("select channel_id, tenant_id from active_call")
                .getResultList();
        Map<String, String> channels = new java.util.HashMap<>();
        for (Object[] row : rows) {
            channels.put((String) row[0], (String) row[1]);
        }
        return channels;
    }

    /** Recounts the tenants' usage from the calls in progress (after a reconciliation). */
    @CrossTenant
    @Transactional
    public void recount(Set<String> tenants) {
        for (String tenant : tenants) {
            em.createNativeQuery("update tenant_call_usage set active_calls ="
                            + " (select count(*) from active_call a where a.tenant_id = ?1) where tenant_id = ?1")
                    .setParameter(1, tenant)
                    .executeUpdate();
        }
    }

    private static CallRecord newRecord(NewCall call, Instant now) {
        CallRecord record = new CallRecord();
        record.id = Ids.newId();
        record.tenantId = call.tenantId();
        record.channelId = call.channelId();
        record.direction = call.direction();
        record.callerNumber = call.callerNumber();
        record.callerName = call.callerName();
        record.calledNumber = call.calledNumber();
        record.sourceEndpoint = call.sourceEndpoint();
        record.startedAt = now;
        return record;
    }

    private Optional<CallRecord> find(UUID callId) {
        return Optional.ofNullable(em.find(CallRecord.class, callId));
    }

    private static String dispositionOf(CallRecord record, int cause) {
        if (record.answeredAt != null) {
            return "answered";
        }
        return switch (cause) {
            case 17 -> "busy";
            case 18, 19 -> "no_answer";
            case 16 -> "abandoned";
            default -> "failed";
        };
    }

    private static int seconds(Instant from, Instant to) {
        return (int) Math.max(0, Duration.between(from, to).toSeconds());
    }
}
