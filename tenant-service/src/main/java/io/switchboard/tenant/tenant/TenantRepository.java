package io.switchboard.tenant.tenant;

import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.db.PagedQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Persistence of tenants. Row-level security limits every query to the tenants the transaction may see. */
@ApplicationScoped
public class TenantRepository {

    /** API sort fields and the entity attributes behind them. */
    public static final Map<String, String> SORTABLE = Map.of(
            "id", "t.id",
            "name", "t.name",
            "status", "t.status",
            "createdAt", "t.createdAt",
            "updatedAt", "t.updatedAt",
            "trialExpiresAt", "t.trialExpiresAt");

    private final EntityManager em;

    public TenantRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Tenant> find(String id) {
        return Optional.ofNullable(em.find(Tenant.class, id));
    }

    public void persist(Tenant tenant) {
        em.persist(tenant);
        em.flush();
    }

    public void flush() {
        em.flush();
    }

    public void delete(Tenant tenant) {
        em.remove(tenant);
    }

    public Page<Tenant> search(TenantFilter filter, PageRequest page) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (!filter.statuses().isEmpty()) {
            where.add("t.status in :statuses");
            params.put("statuses", filter.statuses());
        }
        if (filter.name() != null) {
            where.add("lower(t.name) like :name escape '\\'");
            params.put("name", "%" + escapeLike(filter.name().toLowerCase(Locale.ROOT)) + "%");
        }
        if (filter.trial() != null) {
            where.add(filter.trial() ? "t.status = :trial" : "t.status <> :trial");
            params.put("trial", TenantStatus.TRIAL);
        }
        if (!filter.includeDeleted()) {
            where.add("t.deletedAt is null");
        }
        String condition = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        return PagedQuery.page(em, Tenant.class, "t", condition, params, page, "t.id");
    }

    /** Trials past their expiry, locked so that concurrent job runs on several replicas skip each other's rows. */
    @SuppressWarnings("unchecked")
    public List<Tenant> lockExpiredTrials(Instant now, int limit) {
        return em.createNativeQuery(
                        "select * from tenant where status = 'trial' and trial_expires_at <= ?1 and deleted_at is null"
                                + " order by trial_expires_at limit ?2 for update skip locked",
                        Tenant.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
    }

    /** Tenants deleted before {@code cutoff}, locked for purging. */
    @SuppressWarnings("unchecked")
    public List<Tenant> lockDeletedBefore(Instant cutoff, int limit) {
        return em.createNativeQuery(
                        "select * from tenant where deleted_at <= ?1 order by deleted_at limit ?2"
                                + " for update skip locked",
                        Tenant.class)
                .setParameter(1, cutoff)
                .setParameter(2, limit)
                .getResultList();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
