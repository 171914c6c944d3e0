package io.switchboard.routing.did;

import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.routing.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Persistence of DIDs. */
@ApplicationScoped
public class DidRepository extends TenantRepository<Did> {

    public static final Map<String, String> SORTABLE =
            Map.of("number", "e.number", "status", "e.status", "createdAt", "e.createdAt", "updatedAt", "e.updatedAt");

    /** The filters of a DID list; null members do not filter. */
    public record Filter(String status, String routeType, Boolean smsEnabled, String search) {}

    public DidRepository(EntityManager em) {
        super(em, Did.class);
    }

    public Page<Did> list(String tenantId, Filter filter, PageRequest page) {
        Map<String, Object> parameters = new HashMap<>();
        List<String> conditions = new ArrayList<>();
        if (filter.status() != null) {
            conditions.add("e.status = :status");
            parameters.put("status", filter.status());
        }
        if (filter.routeType() != null) {
            conditions.add("e.routeType = :routeType");
            parameters.put("routeType", filter.routeType());
        }
        if (filter.smsEnabled() != null) {
            conditions.add("e.smsEnabled = :sms");
            parameters.put("sms", filter.smsEnabled());
        }
        if (filter.search() != null) {
            conditions.add("(e.number like :search or lower(e.description) like :search)");
            parameters.put(
                    "search",
                    "%" + filter.search().toLowerCase().replace("%", "").replace("_", "") + "%");
        }
        return page(tenantId, String.join(" and ", conditions), parameters, page);
    }

    public long count(String tenantId) {
        return em.createQuery("select count(d) from Did d where d.tenantId = :tenant", Long.class)
                .setParameter("tenant", tenantId)
                .getSingleResult();
    }

    /** The tenant's DID with this E.164 number; another tenant's DID with it is never found. */
    public Optional<Did> findByNumber(String tenantId, String number) {
        return em.createQuery("select d from Did d where d.tenantId = :tenant and d.number = :number", Did.class)
                .setParameter("tenant", tenantId)
                .setParameter("number", number)
                .getResultStream()
                .findFirst();
    }

    /** Whether a DID of any tenant (other than {@code exceptId}) has this number; says nothing more. */
    public boolean numberTaken(String number, UUID exceptId) {
        return (Boolean) em.createNativeQuery("select did_number_taken(?1, ?2)")
                .setParameter(1, number)
                .setParameter(2, exceptId == null ? new UUID(0, 0) : exceptId)
                .getSingleResult();
    }

    /** Serializes the tenant's DID creations until the transaction ends, so that the DID limit holds under races. */
    public void lockTenant(String tenantId) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('routing-service.did-limit.' || ?1))")
                .setParameter(1, tenantId)
                .getSingleResult();
    }
}
