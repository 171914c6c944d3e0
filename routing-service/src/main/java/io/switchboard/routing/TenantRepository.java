package io.switchboard.routing;

import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.db.PagedQuery;
import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Persistence of one kind of tenant-owned entity: always through the tenant (row-level security is the second wall),
 * except {@link #all()}, which only a cross-tenant transaction may use.
 */
public abstract class TenantRepository<T extends TenantOwned> {

    protected final EntityManager em;
    private final Class<T> type;
    private final String entity;

    /** For the container's client proxies only. */
    protected TenantRepository() {
        this.em = null;
        this.type = null;
        this.entity = null;
    }

    protected TenantRepository(EntityManager em, Class<T> type) {
        this.em = em;
        this.type = type;
        this.entity = type.getSimpleName();
    }

    public Optional<T> find(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(type, id)).filter(e -> e.tenantId.equals(tenantId));
    }

    public List<T> allOf(String tenantId) {
        return em.createQuery("select e from " + entity + " e where e.tenantId = :tenant", type)
                .setParameter("tenant", tenantId)
                .getResultList();
    }

    /** Every tenant's rows: only in a cross-tenant transaction. */
    public List<T> all() {
        return em.createQuery("select e from " + entity + " e", type).getResultList();
    }

    /** One page of the tenant's rows matching {@code condition} (JPQL on alias {@code e}, may be empty). */
    public Page<T> page(String tenantId, String condition, Map<String, Object> parameters, PageRequest page) {
        Map<String, Object> all = new HashMap<>(parameters);
        all.put("tenant", tenantId);
        String where = "e.tenantId = :tenant" + (condition.isEmpty() ? "" : " and " + condition);
        return PagedQuery.page(em, type, "e", where, all, page, "e.id");
    }

    public void persist(T value) {
        em.persist(value);
        em.flush();
    }

    public void flush() {
        em.flush();
    }

    public void delete(T value) {
        em.remove(value);
        em.flush();
    }
}
