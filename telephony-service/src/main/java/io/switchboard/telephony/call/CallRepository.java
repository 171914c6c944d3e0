package io.switchboard.telephony.call;

import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.db.PagedQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads call records (CDRs) with filters. */
@ApplicationScoped
public class CallRepository {

    public static final Map<String, String> SORTABLE =
            Map.of("startedAt", "c.startedAt", "durationSeconds", "c.durationSeconds", "talkSeconds", "c.talkSeconds");

    /** Filters of the call list; null members do not filter. */
    public record Filter(
            Instant from,
            Instant to,
            String direction,
            String disposition,
            String status,
            String endpoint,
            String number,
            Boolean recorded) {}

    private final EntityManager em;

    public CallRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<CallRecord> find(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(CallRecord.class, id)).filter(c -> c.tenantId.equals(tenantId));
    }

    public Page<CallRecord> list(String tenantId, Filter filter, PageRequest page) {
        List<String> where = new ArrayList<>(List.of("c.tenantId = :tenant"));
        Map<String, Object> params = new HashMap<>(Map.of("tenant", tenantId));
        condition(where, params, "c.startedAt >= :from", "from", filter.from());
        condition(where, params, "c.startedAt < :to", "to", filter.to());
        condition(where, params, "c.direction = :direction", "direction", filter.direction());
        condition(where, params, "c.disposition = :disposition", "disposition", filter.disposition());
        condition(where, params, "c.status = :status", "status", filter.status());
        condition(
                where,
                params,
                "(c.sourceEndpoint = :endpoint or c.answeredBy = :endpoint or c.routeTarget = :endpoint)",
                "endpoint",
                filter.endpoint());
        condition(
                where,
                params,
                "(c.callerNumber like :number or c.calledNumber like :number)",
                "number",
                filter.number() == null
                        ? null
                        : "%" + filter.number().replace("%", "").replace("_", "") + "%");
        if (filter.recorded() != null) {
            where.add(filter.recorded() ? "c.recordingName is not null" : "c.recordingName is null");
        }
        return PagedQuery.page(em, CallRecord.class, "c", String.join(" and ", where), params, page, "c.id");
    }

    private static void condition(
            List<String> where, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            where.add(clause);
            params.put(name, value);
        }
    }
}
