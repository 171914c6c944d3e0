package io.switchboard.helpdesk.activity;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Times;
import io.switchboard.commons.ids.Ids;
import io.switchboard.helpdesk.contact.ContactService;
import io.switchboard.helpdesk.contact.EmailAddresses;
import io.switchboard.helpdesk.contact.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The contacts' chats and calls ({@code contact_activity}): kept from the chat-service and telephony-service events,
 * each linked to the contact found or created by the visitor's e-mail address (else phone) or the caller's E.164
 * number; and a contact's timeline of tickets, chats and calls.
 */
@ApplicationScoped
public class ActivityService {

    private static final String COLUMNS = "id, kind, external_id, contact_id, status, widget_id, agent_id, agent_name,"
            + " visitor_name, visitor_email, visitor_phone, direction, from_number, to_number, answered,"
            + " duration_seconds, cast(transcript as text), started_at, ended_at";

    private static final String UPSERT = "insert into contact_activity (id, tenant_id, kind, external_id, contact_id,"
            + " status, widget_id, agent_id, agent_name, visitor_name, visitor_email, visitor_phone, direction,"
            + " from_number, to_number, answered, duration_seconds, transcript, started_at, ended_at, source_time,"
            + " created_at, updated_at) values (:id, :tenant, :kind, :external, :contact, :status, :widget, :agentId,"
            + " :agentName, :visitorName, :visitorEmail, :visitorPhone, :direction, :from, :to, :answered, :duration,"
            + " cast(:transcript as jsonb), :startedAt, :endedAt, :sourceTime, :now, :now)"
            + " on conflict (tenant_id, kind, external_id) do update set"
            + " contact_id = coalesce(contact_activity.contact_id, excluded.contact_id),"
            + " status = case when excluded.source_time >= contact_activity.source_time"
            + " then coalesce(excluded.status, contact_activity.status) else contact_activity.status end,"
            + " widget_id = coalesce(excluded.widget_id, contact_activity.widget_id),"
            + " agent_id = coalesce(excluded.agent_id, contact_activity.agent_id),"
            + " agent_name = coalesce(excluded.agent_name, contact_activity.agent_name),"
            + " visitor_name = coalesce(excluded.visitor_name, contact_activity.visitor_name),"
            + " visitor_email = coalesce(excluded.visitor_email, contact_activity.visitor_email),"
            + " visitor_phone = coalesce(excluded.visitor_phone, contact_activity.visitor_phone),"
            + " direction = coalesce(excluded.direction, contact_activity.direction),"
            + " from_number = coalesce(excluded.from_number, contact_activity.from_number),"
            + " to_number = coalesce(excluded.to_number, contact_activity.to_number),"
            + " answered = coalesce(excluded.answered, contact_activity.answered),"
            + " duration_seconds = coalesce(excluded.duration_seconds, contact_activity.duration_seconds),"
            + " transcript = coalesce(excluded.transcript, contact_activity.transcript),"
            + " started_at = least(excluded.started_at, contact_activity.started_at),"
            + " ended_at = coalesce(excluded.ended_at, contact_activity.ended_at),"
            + " source_time = greatest(excluded.source_time, contact_activity.source_time),"
            + " updated_at = excluded.updated_at";

    private final EntityManager em;
    private final ContactService contacts;
    private final Clock clock;

    public ActivityService(EntityManager em, ContactService contacts, Clock clock) {
        this.em = em;
        this.contacts = contacts;
        this.clock = clock;
    }

    /**
     * Records what a {@code chat.session.*} event says about its session (the session view; a ticket request or an
     * offline message carries the visitor and, for the request, the transcript).
     *
     * @param transcriptJson the transcript to keep, or null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Activity recordChat(
            String tenantId,
            UUID sessionId,
            JsonNode session,
            String status,
            String transcriptJson,
            OffsetDateTime eventTime) {
        JsonNode visitor = session.path("visitor");
        String name = text(visitor, "name");
        String email = text(visitor, "email");
        String phone = text(visitor, "phone");
        Instant started = first(time(session, "startedAt"), time(session, "queuedAt"), time(session, "createdAt"));
        Activity known = find(tenantId, Activity.CHAT, sessionId).orElse(null);
        UUID contact = known != null && known.contactId() != null
                ? known.contactId()
                : contactOf(tenantId, name, email, phone);
        upsert(tenantId, Activity.CHAT, sessionId, contact, eventTime)
                .setParameter("status", status)
                .setParameter("widget", uuid(session, "widgetId"))
                .setParameter("agentId", text(session, "assignedTo"))
                .setParameter("agentName", text(session, "assignedName"))
                .setParameter("visitorName", name)
                .setParameter("visitorEmail", email)
                .setParameter("visitorPhone", phone)
                .setParameter("direction", null)
                .setParameter("from", null)
                .setParameter("to", null)
                .setParameter("answered", null)
                .setParameter(
                        "duration",
                        session.hasNonNull("durationSeconds")
                                ? session.get("durationSeconds").asInt()
                                : null)
                .setParameter("transcript", transcriptJson)
                .setParameter("startedAt", started == null ? eventTime.toInstant() : started)
                .setParameter("endedAt", time(session, "endedAt"))
                .executeUpdate();
        return find(tenantId, Activity.CHAT, sessionId).orElseThrow();
    }

    /** Records what a {@code telephony.call.*} event says about its call (the call view). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Activity recordCall(String tenantId, JsonNode call, OffsetDateTime eventTime) {
        UUID callId = uuid(call, "id");
        String direction = text(call, "direction");
        String from = text(call, "callerNumber");
        String to = text(call, "calledNumber");
        Activity known = find(tenantId, Activity.CALL, callId).orElse(null);
        UUID contact = known != null && known.contactId() != null ? known.contactId() : null;
        if (contact == null) {
            String customer = "inbound".equals(direction) ? from : "outbound".equals(direction) ? to : null;
            contact = contactOf(tenantId, text(call, "callerName"), null, customer);
        }
        Instant started = time(call, "startedAt");
        upsert(tenantId, Activity.CALL, callId, contact, eventTime)
                .setParameter("status", text(call, "status"))
                .setParameter("widget", null)
                .setParameter("agentId", null)
                .setParameter("agentName", text(call, "answeredBy"))
                .setParameter("visitorName", "inbound".equals(direction) ? text(call, "callerName") : null)
                .setParameter("visitorEmail", null)
                .setParameter("visitorPhone", null)
                .setParameter("direction", direction)
                .setParameter("from", from)
                .setParameter("to", to)
                .setParameter("answered", call.hasNonNull("answeredAt") ? Boolean.TRUE : null)
                .setParameter(
                        "duration",
                        call.hasNonNull("durationSeconds")
                                ? call.get("durationSeconds").asInt()
                                : null)
                .setParameter("transcript", null)
                .setParameter("startedAt", started == null ? eventTime.toInstant() : started)
                .setParameter("endedAt", time(call, "endedAt"))
                .executeUpdate();
        return find(tenantId, Activity.CALL, callId).orElseThrow();
    }

    /** The tenant's chat session or call with this id, if the helpdesk has heard of it. */
    public Optional<Activity> find(String tenantId, String kind, UUID externalId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from contact_activity where tenant_id ="
                        + " :tenant and kind = :kind and external_id = :id")
                .setParameter("tenant", tenantId)
                .setParameter("kind", kind)
                .setParameter("id", externalId)
                .getResultList();
        return rows.stream().findFirst().map(ActivityService::toActivity);
    }

    /**
     * The contact for a chat visitor or caller: found or created by the e-mail address, else the phone number (E.164),
     * else null when there is neither (a contact of a name alone could never be matched again).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID contactOf(String tenantId, String name, String email, String phone) {
        String safeName = name == null || name.isBlank() ? null : name.strip();
        if (email != null && EmailAddresses.normalize(email).isPresent()) {
            return contacts.findOrCreateByEmail(tenantId, email, safeName, "visitor.email")
                    .id();
        }
        if (phone != null && PhoneNumbers.e164(phone, null).isPresent()) {
            return contacts.findOrCreateByPhone(tenantId, phone, safeName, "visitor.phone")
                    .id();
        }
        return null;
    }

    /** The contact's tickets, chats and calls, newest first (404 for another tenant's contact). */
    @Transactional
    public Page<TimelineItem> timeline(String tenantId, UUID contactId, PageRequest page) {
        contacts.get(tenantId, contactId);
        String union =
                "select 'ticket' as kind, t.id as id, t.created_at as at, t.status as status, t.number as number,"
                        + " t.subject as subject, cast(null as uuid) as widget_id, cast(null as text) as agent_id,"
                        + " cast(null as text) as agent_name, cast(null as text) as direction, cast(null as text) as from_number,"
                        + " cast(null as text) as to_number, cast(null as boolean) as answered,"
                        + " cast(null as int) as duration_seconds, cast(null as timestamptz) as ended_at"
                        + " from ticket t where t.tenant_id = :tenant and t.requester_contact = :contact and t.deleted_at is null"
                        + " union all select a.kind, a.external_id, a.started_at, a.status, null, null, a.widget_id,"
                        + " a.agent_id, a.agent_name, a.direction, a.from_number, a.to_number, a.answered,"
                        + " a.duration_seconds, a.ended_at from contact_activity a"
                        + " where a.tenant_id = :tenant and a.contact_id = :contact";
        Number total = (Number) em.createNativeQuery("select count(*) from (" + union + ") x")
                .setParameter("tenant", tenantId)
                .setParameter("contact", contactId)
                .getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select * from (" + union + ") x order by at desc, id desc limit :limit offset :offset")
                .setParameter("tenant", tenantId)
                .setParameter("contact", contactId)
                .setParameter("limit", page.size())
                .setParameter("offset", page.offset())
                .getResultList();
        List<TimelineItem> items = rows.stream()
                .map(r -> new TimelineItem(
                        (String) r[0],
                        (UUID) r[1],
                        utc(r[2]),
                        (String) r[3],
                        (String) r[4],
                        (String) r[5],
                        (UUID) r[6],
                        (String) r[7],
                        (String) r[8],
                        (String) r[9],
                        (String) r[10],
                        (String) r[11],
                        (Boolean) r[12],
                        r[13] == null ? null : ((Number) r[13]).intValue(),
                        utc(r[14])))
                .toList();
        return Page.of(items, page, total.longValue());
    }

    private Query upsert(String tenantId, String kind, UUID externalId, UUID contact, OffsetDateTime eventTime) {
        return em.createNativeQuery(UPSERT)
                .setParameter("id", Ids.newId())
                .setParameter("tenant", tenantId)
                .setParameter("kind", kind)
                .setParameter("external", externalId)
                .setParameter("contact", contact)
                .setParameter("sourceTime", eventTime == null ? clock.instant() : eventTime.toInstant())
                .setParameter("now", clock.instant());
    }

    private static Activity toActivity(Object[] r) {
        return new Activity(
                (UUID) r[0],
                (String) r[1],
                (UUID) r[2],
                (UUID) r[3],
                (String) r[4],
                (UUID) r[5],
                (String) r[6],
                (String) r[7],
                (String) r[8],
                (String) r[9],
                (String) r[10],
                (String) r[11],
                (String) r[12],
                (String) r[13],
                (Boolean) r[14],
                r[15] == null ? null : ((Number) r[15]).intValue(),
                (String) r[16],
                instant(r[17]),
                instant(r[18]));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank()
                ? null
                : value.asText().strip();
    }

    static UUID uuid(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Instant time(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? null : OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static Instant first(Instant... values) {
        for (Instant v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp ts -> ts.toInstant();
            default -> throw new IllegalStateException("Unexpected timestamp " + value.getClass());
        };
    }

    private static OffsetDateTime utc(Object value) {
        return Times.utc(instant(value));
    }
}
