package io.switchboard.telephony.queue;

import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.db.PagedQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Persistence of queues and their members. */
@ApplicationScoped
public class QueueRepository {

    public static final Map<String, String> SORTABLE =
            Map.of("name", "q.asteriskName", "displayName", "q.displayName", "createdAt", "q.createdAt");

    private final EntityManager em;

    public QueueRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<CallQueue> find(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(CallQueue.class, id)).filter(q -> q.tenantId.equals(tenantId));
    }

    public Optional<CallQueue> findByAsteriskName(String tenantId, String asteriskName) {
        return em.createQuery(
                        "select q from CallQueue q where q.tenantId = :tenant and q.asteriskName = :name",
                        CallQueue.class)
                .setParameter("tenant", tenantId)
                .setParameter("name", asteriskName)
                .getResultStream()
                .findFirst();
    }

    public Page<CallQueue> list(String tenantId, PageRequest page) {
        return PagedQuery.page(
                em, CallQueue.class, "q", "q.tenantId = :tenant", Map.of("tenant", tenantId), page, "q.id");
    }

    public List<QueueMember> members(String tenantId, String queueName) {
        return em.createQuery(
                        "select m from QueueMember m where m.tenantId = :tenant and m.queueName = :queue"
                                + " order by m.createdAt",
                        QueueMember.class)
                .setParameter("tenant", tenantId)
                .setParameter("queue", queueName)
                .getResultList();
    }

    public Optional<QueueMember> member(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(QueueMember.class, id)).filter(m -> m.tenantId.equals(tenantId));
    }

    public Optional<QueueMember> member(String tenantId, String queueName, String iface) {
        return em.createQuery(
                        "select m from QueueMember m where m.tenantId = :tenant and m.queueName = :queue"
                                + " and m.iface = :iface",
                        QueueMember.class)
                .setParameter("tenant", tenantId)
                .setParameter("queue", queueName)
                .setParameter("iface", iface)
                .getResultStream()
                .findFirst();
    }

    public void persist(Object entity) {
        em.persist(entity);
        em.flush();
    }

    public void flush() {
        em.flush();
    }

    public void delete(Object entity) {
        em.remove(entity);
        em.flush();
    }

    public int deleteMembers(String tenantId, String queueName) {
        return em.createQuery("delete from QueueMember m where m.tenantId = :tenant and m.queueName = :queue")
                .setParameter("tenant", tenantId)
                .setParameter("queue", queueName)
                .executeUpdate();
    }
}
