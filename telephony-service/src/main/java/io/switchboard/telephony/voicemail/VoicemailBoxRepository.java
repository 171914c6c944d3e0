package io.switchboard.telephony.voicemail;

import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.db.PagedQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Persistence of voicemail boxes; row-level security keeps every query inside the transaction's tenant. */
@ApplicationScoped
public class VoicemailBoxRepository {

    public static final Map<String, String> SORTABLE =
            Map.of("mailbox", "v.mailbox", "fullName", "v.fullName", "createdAt", "v.createdAt");

    private final EntityManager em;

    public VoicemailBoxRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<VoicemailBox> find(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(VoicemailBox.class, id)).filter(v -> v.tenantId.equals(tenantId));
    }

    public Optional<VoicemailBox> findByMailbox(String tenantId, String mailbox) {
        return em.createQuery(
                        "select v from VoicemailBox v where v.tenantId = :tenant and v.mailbox = :mailbox",
                        VoicemailBox.class)
                .setParameter("tenant", tenantId)
                .setParameter("mailbox", mailbox)
                .getResultStream()
                .findFirst();
    }

    public Page<VoicemailBox> list(String tenantId, PageRequest page) {
        return PagedQuery.page(
                em, VoicemailBox.class, "v", "v.tenantId = :tenant", Map.of("tenant", tenantId), page, "v.id");
    }

    public void persist(VoicemailBox box) {
        em.persist(box);
        em.flush();
    }

    public void flush() {
        em.flush();
    }

    public void delete(VoicemailBox box) {
        em.remove(box);
        em.flush();
    }
}
