package io.switchboard.chat.session;

import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Persistence of sessions; every query names the tenant, and row-level security checks it again. */
@ApplicationScoped
public class SessionRepository {

    public static final Map<String, String> SORTABLE =
            Map.of("createdAt", "s.createdAt", "queuedAt", "s.queuedAt", "endedAt", "s.endedAt");

    /** A tenant and one of its sessions, for jobs that walk every tenant. */
    public record TenantSession(String tenantId, UUID sessionId) {}

    private final EntityManager em;

    public SessionRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<ChatSession> find(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(ChatSession.class, id)).filter(s -> s.tenantId.equals(tenantId));
    }

    /** The session, locked until the transaction ends: messages and state changes of one session are serialized. */
    public Optional<ChatSession> lock(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(ChatSession.class, id, LockModeType.PESSIMISTIC_WRITE))
                .filter(s -> s.tenantId.equals(tenantId));
    }

    /**
     * Queued sessions waiting for automatic assignment, oldest first, locked (others' locked ones skipped).
     */
    @SuppressWarnings("unchecked")
    public List<ChatSession> lockWaiting(String tenantId, int limit) {
        List<UUID> ids = em.createNativeQuery("select id from chat_session where tenant_id = :tenant and status ="
                        + " 'queued' and assigned_to is null and auto_assign order by queued_at, id limit :limit"
                        + " for update skip locked")
                .setParameter("tenant", tenantId)
                .setParameter("limit", limit)
                .getResultList();
        List<ChatSession> sessions = new ArrayList<>();
        for (UUID id : ids) {
            sessions.add(em.find(ChatSession.class, id));
        }
        return sessions;
    }

    /** The ids of the tenant's unassigned queued sessions in queue order. */
    @SuppressWarnings("unchecked")
    public List<UUID> queue(String tenantId) {
        return em.createNativeQuery("select id from chat_session where tenant_id = :tenant and status = 'queued'"
                        + " and assigned_to is null order by queued_at, id")
                .setParameter("tenant", tenantId)
                .getResultList();
    }

    /** Queue position (1 = next) of a session, or 0 when it is not waiting. */
    public int position(String tenantId, ChatSession session) {
        if (!"queued".equals(session.status) || session.assignedTo != null) {
            return 0;
        }
        Object ahead = em.createNativeQuery("select count(*) from chat_session where tenant_id = :tenant and status ="
                        + " 'queued' and assigned_to is null and (queued_at, id) < (:queuedAt, :id)")
                .setParameter("tenant", tenantId)
                .setParameter("queuedAt", session.queuedAt)
                .setParameter("id", session.id)
                .getSingleResult();
        return ((Number) ahead).intValue() + 1;
    }

    /** The average duration of the tenant's sessions that ended in the last day, in seconds, if any. */
    public Optional<Double> averageHandleSeconds(String tenantId) {
        Object avg = em.createNativeQuery("select avg(duration_seconds) from chat_session where tenant_id = :tenant"
                        + " and status = 'ended' and duration_seconds is not null"
                        + " and ended_at > now() - interval '1 day'")
                .setParameter("tenant", tenantId)
                .getSingleResult();
        return Optional.ofNullable(avg).map(a -> ((Number) a).doubleValue());
    }

    /** Sessions queued before {@code cutoff}, across tenants (for the queue-timeout job). */
    @SuppressWarnings("unchecked")
    public List<TenantSession> queuedBefore(Instant cutoff, int limit) {
        List<Object[]> rows = em.createNativeQuery("select tenant_id, id from chat_session where status = 'queued'"
                        + " and queued_at < :cutoff order by queued_at limit :limit")
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream()
                .map(r -> new TenantSession((String) r[0], (UUID) r[1]))
                .toList();
    }

    public Page<ChatSession> list(String tenantId, SessionFilter filter, PageRequest page) {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        where.add("s.tenantId = :tenant");
        parameters.put("tenant", tenantId);
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            where.add("s.status in :statuses");
            parameters.put(
                    "statuses", filter.statuses().stream().map(Object::toString).toList());
        }
        if (filter.assignedTo() != null) {
            where.add("s.assignedTo = :agent");
            parameters.put("agent", filter.assignedTo());
        }
        if (filter.widgetId() != null) {
            where.add("s.widgetId = :widget");
            parameters.put("widget", filter.widgetId());
        }
        if (filter.visitorId() != null) {
            where.add("s.visitorId = :visitor");
            parameters.put("visitor", filter.visitorId());
        }
        if (filter.visitorEmail() != null) {
            where.add("lower(s.visitorEmail) = :email");
            parameters.put("email", filter.visitorEmail().toLowerCase(java.util.Locale.ROOT));
        }
        String condition = String.join(" and ", where);
        TypedQuery<ChatSession> select = em.createQuery(
                "select s from ChatSession s where " + condition + " order by " + page.orderBy("s.id"),
                ChatSession.class);
        TypedQuery<Long> count = em.createQuery("select count(s) from ChatSession s where " + condition, Long.class);
        parameters.forEach((k, v) -> {
            select.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<ChatSession> items =
                select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return Page.of(items, page, count.getSingleResult());
    }

    /** Records an offline message (for the reports; its text went out in the event). */
    public void recordOffline(
            UUID id, String tenantId, UUID widgetId, UUID sessionId, String team, String reason, Instant at) {
        em.createNativeQuery("insert into chat_offline_message (id, tenant_id, widget_id, session_id, team, reason,"
                        + " created_at) values (:id, :tenant, :widget, :session, :team, :reason, :at)")
                .setParameter("id", id)
                .setParameter("tenant", tenantId)
                .setParameter("widget", widgetId)
                .setParameter("session", sessionId)
                .setParameter("team", team)
                .setParameter("reason", reason)
                .setParameter("at", at)
                .executeUpdate();
    }

    public void persist(ChatSession session) {
        em.persist(session);
        em.flush();
    }

    public void flush() {
        em.flush();
    }
}
