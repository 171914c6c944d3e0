package io.switchboard.telephony.trunk;

import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.db.PagedQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Persistence of trunks. */
@ApplicationScoped
public class TrunkRepository {

    public static final Map<String, String> SORTABLE = Map.of("name", "t.name", "createdAt", "t.createdAt");

    private final EntityManager em;

    public TrunkRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<SipTrunk> find(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(SipTrunk.class, id)).filter(t -> t.tenantId.equals(tenantId));
    }

    public Optional<SipTrunk> findByEndpoint(String tenantId, String endpointId) {
        return em.createQuery(
                        "select t from SipTrunk t where t.tenantId = :tenant and t.endpointId = :endpoint",
                        SipTrunk.class)
                .setParameter("tenant", tenantId)
                .setParameter("endpoint", endpointId)
                .getResultStream()
                .findFirst();
    }

    public Optional<SipTrunk> findByName(String tenantId, String name) {
        return em.createQuery("select t from SipTrunk t where t.tenantId = :tenant and t.name = :name", SipTrunk.class)
                .setParameter("tenant", tenantId)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    /** The tenant's trunks in creation order (the first is the default for outbound calls). */
    public List<SipTrunk> all(String tenantId) {
        return em.createQuery(
                        "select t from SipTrunk t where t.tenantId = :tenant order by t.createdAt", SipTrunk.class)
                .setParameter("tenant", tenantId)
                .getResultList();
    }

    public Page<SipTrunk> list(String tenantId, PageRequest page) {
        return PagedQuery.page(
                em, SipTrunk.class, "t", "t.tenantId = :tenant", Map.of("tenant", tenantId), page, "t.id");
    }

    public void persist(SipTrunk trunk) {
        em.persist(trunk);
        em.flush();
    }

    public void flush() {
        em.flush();
    }

    public void delete(SipTrunk trunk) {
        em.remove(trunk);
        em.flush();
    }
}
