package io.switchboard.helpdesk.ticket;

import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.helpdesk.sla.SlaClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Persistence of tickets. Lists and searches are one SQL query over the ticket table (filters, full-text match and
 * rank, order, page) that returns ids, then the page's tickets by id; every query names the tenant, and row-level
 * security checks it again.
 */
@ApplicationScoped
public class TicketRepository {

    /** Sortable fields and their SQL; {@code relevance} only with a search query. */
    public static final Map<String, String> SORTABLE = Map.of(
            "createdAt", "t.created_at",
            "updatedAt", "t.updated_at",
            "priority", "t.priority_rank",
            "status", "array_position(array['open','in_progress','pending','resolved','closed'], t.status)",
            "dueAt", "t.due_at",
            "number", "t.seq",
            "relevance", "relevance");

    /** One page of matching tickets, with their relevance when the filter searched. */
    public record Found(Page<Ticket> page, Map<UUID, Double> relevance) {}

    private final EntityManager em;

    public TicketRepository(EntityManager em) {
        this.em = em;
    }

    /** A ticket that is not deleted. */
    public Optional<Ticket> find(String tenantId, UUID id) {
        return findAny(tenantId, id).filter(t -> t.deletedAt == null);
    }

    /** A ticket, deleted or not. */
    public Optional<Ticket> findAny(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(Ticket.class, id)).filter(t -> t.tenantId.equals(tenantId));
    }

    public Optional<Ticket> findBySeq(String tenantId, long seq) {
        return em.createQuery(
                        "select t from Ticket t where t.tenantId = :tenant and t.seq = :seq and t.deletedAt is null",
                        Ticket.class)
                .setParameter("tenant", tenantId)
                .setParameter("seq", seq)
                .getResultStream()
                .findFirst();
    }

    /**
     * @param searchConfig the text search configuration of the query (the tenant's)
     * @param withInternal whether internal notes count for the full-text match
     * @param now the time SLA states and overdue are judged at
     */
    public Found list(
            String tenantId,
            TicketFilter filter,
            PageRequest page,
            String searchConfig,
            boolean withInternal,
            Instant now) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenant", tenantId);
        List<String> where = new ArrayList<>();
        where.add("t.tenant_id = :tenant");
        where.add(filter.deleted() ? "t.deleted_at is not null" : "t.deleted_at is null");
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            where.add("t.status in (:statuses)");
            parameters.put(
                    "statuses", filter.statuses().stream().map(Object::toString).toList());
        }
        if (filter.priorities() != null && !filter.priorities().isEmpty()) {
            where.add("t.priority in (:priorities)");
            parameters.put(
                    "priorities",
                    filter.priorities().stream().map(Object::toString).toList());
        }
        if (TicketFilter.NONE.equals(filter.assigneeId())) {
            where.add("t.assignee_id is null");
        } else if (filter.assigneeId() != null) {
            where.add("t.assignee_id = :assignee");
            parameters.put("assignee", filter.assigneeId().toLowerCase(Locale.ROOT));
        }
        if (filter.unassignedTeam()) {
            where.add("t.team_id is null");
        } else if (filter.teamId() != null) {
            where.add("t.team_id = :team");
            parameters.put("team", filter.teamId());
        }
        if (filter.requester() != null) {
            UUID contact = uuidOrNull(filter.requester());
            if (contact != null) {
                where.add("t.requester_contact = :contact");
                parameters.put("contact", contact);
            } else {
                where.add("lower(t.requester_email) = :requester");
                parameters.put("requester", filter.requester().toLowerCase(Locale.ROOT));
            }
        }
        if (filter.category() != null) {
            where.add("lower(t.category) = :category");
            parameters.put("category", filter.category().toLowerCase(Locale.ROOT));
        }
        if (filter.tags() != null) {
            for (int i = 0; i < filter.tags().size(); i++) {
                where.add("exists (select 1 from ticket_tag tt join tag g on g.id = tt.tag_id where tt.ticket_id ="
                        + " t.id and lower(g.name) = :tag" + i + ")");
                parameters.put("tag" + i, filter.tags().get(i).strip().toLowerCase(Locale.ROOT));
            }
        }
        range(where, parameters, "t.created_at", "created", filter.createdFrom(), filter.createdTo());
        range(where, parameters, "t.updated_at", "updated", filter.updatedFrom(), filter.updatedTo());
        range(where, parameters, "t.due_at", "due", filter.dueFrom(), filter.dueTo());
        if (filter.overdue() != null) {
            String overdue =
                    "coalesce(t.due_at < :overdueNow and t.status in ('open', 'in_progress', 'pending'), false)";
            where.add(filter.overdue() ? overdue : "not " + overdue);
            parameters.put("overdueNow", now);
        }
        if (filter.slaStates() != null && !filter.slaStates().isEmpty()) {
            where.add("(" + SlaClock.STATE_SQL + ") in (:slaStates)");
            parameters.put("slaNow", now);
            parameters.put(
                    "slaStates",
                    filter.slaStates().stream().map(Object::toString).toList());
        }
        String from = "ticket t";
        String relevance = "null";
        if (filter.query() != null) {
            from += " cross join websearch_to_tsquery(cast(:config as regconfig), :query) as query";
            parameters.put("config", searchConfig);
            parameters.put("query", filter.query());
            String messages = "m.tenant_id = :tenant and m.search_vector @@ query"
                    + (withInternal ? "" : " and m.is_internal = false");
            // The matching ids as one union, each side a match the GIN indexes answer (a ticket's own text, or one of
            // its messages), rather than "t.search_vector @@ query or t.id in (...)": an OR with a subquery can only
            // be checked row by row, which read every ticket of the tenant (docs/benchmarks.md, "Helpdesk at scale").
            String tsquery = "websearch_to_tsquery(cast(:config as regconfig), :query)";
            where.add("t.id in (select s.id from ticket s where s.tenant_id = :tenant and s.search_vector @@ " + tsquery
                    + " union all select m.ticket_id from ticket_message m where m.tenant_id = :tenant and"
                    + " m.search_vector @@ " + tsquery + (withInternal ? "" : " and m.is_internal = false") + ")");
            relevance = "ts_rank(t.search_vector, query) + 0.5 * coalesce((select max(ts_rank(m.search_vector,"
                    + " query)) from ticket_message m where m.ticket_id = t.id and " + messages + "), 0)";
        }
        String condition = String.join(" and ", where);
        Query select = em.createNativeQuery("select t.id, " + relevance + " as relevance from " + from + " where "
                + condition + " order by " + page.orderBy("t.id") + " limit :limit offset :offset");
        Query count = em.createNativeQuery("select count(*) from " + from + " where " + condition);
        parameters.forEach((name, value) -> {
            select.setParameter(name, value);
            count.setParameter(name, value);
        });
        select.setParameter("limit", page.size());
        select.setParameter("offset", page.offset());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        long total = ((Number) count.getSingleResult()).longValue();

        Map<UUID, Double> ranks = new HashMap<>();
        List<UUID> ids = new ArrayList<>();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            ids.add(id);
            if (row[1] != null) {
                ranks.put(id, ((Number) row[1]).doubleValue());
            }
        }
        Map<UUID, Ticket> byId = ids.isEmpty()
                ? Map.of()
                : em.createQuery("select t from Ticket t where t.tenantId = :tenant and t.id in :ids", Ticket.class)
                        .setParameter("tenant", tenantId)
                        .setParameter("ids", ids)
                        .getResultStream()
                        .collect(Collectors.toMap(t -> t.id, Function.identity()));
        List<Ticket> tickets = ids.stream().map(byId::get).toList();
        return new Found(Page.of(tickets, page, total), ranks);
    }

    /** Removes tickets deleted before {@code cutoff}, with their messages and tags; only cross-tenant. */
    public int purgeDeletedBefore(Instant cutoff) {
        return em.createNativeQuery("delete from ticket where deleted_at < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }

    public void persist(Ticket ticket) {
        em.persist(ticket);
        em.flush();
    }

    public void flush() {
        em.flush();
    }

    private static void range(
            List<String> where,
            Map<String, Object> parameters,
            String column,
            String name,
            java.time.OffsetDateTime from,
            java.time.OffsetDateTime to) {
        if (from != null) {
            where.add(column + " >= :" + name + "From");
            parameters.put(name + "From", from);
        }
        if (to != null) {
            where.add(column + " < :" + name + "To");
            parameters.put(name + "To", to);
        }
    }

    private static UUID uuidOrNull(String value) {
        try {
            return value.length() == 36 ? UUID.fromString(value) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
