package io.switchboard.tenant.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.tenant.CrossTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The audit log's table: entries are added, found and never changed (a trigger refuses updates and deletes). */
@ApplicationScoped
public class AuditStore {

    private static final String COLUMNS = "id, tenant_id, occurred_at, type, source, subject, actor, client_ip, data";

    private final EntityManager em;
    private final ObjectMapper mapper;

    public AuditStore(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** Adds the entry of an event, in the transaction of the consumer (once per event id). */
    public void record(DomainEvent event) {
        em.createNativeQuery("insert into audit_entry (" + COLUMNS + ") values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                        + " cast(?9 as jsonb)) on conflict (id) do nothing")
                .setParameter(1, UUID.fromString(event.id()))
                .setParameter(2, event.tenantId())
                .setParameter(3, event.time())
                .setParameter(4, event.type())
                .setParameter(5, event.source())
                .setParameter(6, event.subject())
                .setParameter(7, event.actor())
                .setParameter(8, event.clientIp())
                .setParameter(9, event.data() == null ? "null" : new String(event.data(), StandardCharsets.UTF_8))
                .executeUpdate();
    }

    /** The entries of the transaction's tenant. */
    @Transactional
    public Page<AuditEntry> search(String tenantId, AuditFilter filter, PageRequest page) {
        return page("tenant_id = :tenant", Map.of("tenant", tenantId), filter, page);
    }

    /** Every tenant's entries, for superadmins. */
    @CrossTenant
    @Transactional
    public Page<AuditEntry> searchAll(AuditFilter filter, PageRequest page) {
        return page("true", Map.of(), filter, page);
    }

    private Page<AuditEntry> page(String scope, Map<String, Object> scopeParams, AuditFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" from audit_entry where " + scope);
        Map<String, Object> params = new LinkedHashMap<>(scopeParams);
        if (filter.type() != null) {
            if (filter.type().endsWith("*")) {
                where.append(" and starts_with(type, :type)");
                params.put("type", filter.type().substring(0, filter.type().length() - 1));
            } else {
                where.append(" and type = :type");
                params.put("type", filter.type());
            }
        }
        if (filter.actor() != null) {
            where.append(" and actor = :actor");
            params.put("actor", filter.actor());
        }
        if (filter.subject() != null) {
            where.append(" and subject = :subject");
            params.put("subject", filter.subject());
        }
        if (filter.from() != null) {
            where.append(" and occurred_at >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            where.append(" and occurred_at < :to");
            params.put("to", filter.to());
        }
        Query count = em.createNativeQuery("select count(*)" + where);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        String order = page.sort().stream()
                .map(s -> "occurred_at " + (s.ascending() ? "asc" : "desc"))
                .findFirst()
                .orElse("occurred_at desc");
        Query query = em.createNativeQuery("select " + COLUMNS.replace("data", "cast(data as text)") + where
                        + " order by " + order + ", id limit :limit offset :offset")
                .setParameter("limit", page.size())
                .setParameter("offset", page.offset());
        params.forEach(query::setParameter);
        List<AuditEntry> items = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            items.add(new AuditEntry(
                    (UUID) r[0],
                    (String) r[1],
                    time(r[2]),
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    (String) r[6],
                    (String) r[7],
                    json((String) r[8])));
        }
        return Page.of(items, page, total);
    }

    private static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        return ((Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }

    private com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("An audit entry holds invalid JSON", e);
        }
    }
}
