package io.switchboard.telephony.extension;

import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.db.PagedQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Persistence of extensions, and the contacts Asterisk registered for them. */
@ApplicationScoped
public class ExtensionRepository {

    public static final Map<String, String> SORTABLE =
            Map.of("number", "e.number", "displayName", "e.displayName", "createdAt", "e.createdAt");

    private final EntityManager em;

    public ExtensionRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<SipExtension> find(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(SipExtension.class, id)).filter(e -> e.tenantId.equals(tenantId));
    }

    public Optional<SipExtension> findByEndpoint(String tenantId, String endpointId) {
        return em.createQuery(
                        "select e from SipExtension e where e.tenantId = :tenant and e.endpointId = :endpoint",
                        SipExtension.class)
                .setParameter("tenant", tenantId)
                .setParameter("endpoint", endpointId)
                .getResultStream()
                .findFirst();
    }

    public Optional<SipExtension> findByNumber(String tenantId, String number) {
        return em.createQuery(
                        "select e from SipExtension e where e.tenantId = :tenant and e.number = :number",
                        SipExtension.class)
                .setParameter("tenant", tenantId)
                .setParameter("number", number)
                .getResultStream()
                .findFirst();
    }

    public Optional<SipExtension> findByEndpoint(String endpointId) {
        return em.createQuery("select e from SipExtension e where e.endpointId = :endpoint", SipExtension.class)
                .setParameter("endpoint", endpointId)
                .getResultStream()
                .findFirst();
    }

    public Page<SipExtension> list(String tenantId, String search, PageRequest page) {
        Map<String, Object> parameters = new java.util.HashMap<>(Map.of("tenant", tenantId));
        String condition = "e.tenantId = :tenant";
        if (search != null) {
            condition += " and (e.number like :search or lower(e.displayName) like :search)";
            parameters.put("search", "%" + search.toLowerCase().replace("%", "").replace("_", "") + "%");
        }
        return PagedQuery.page(em, SipExtension.class, "e", condition, parameters, page, "e.id");
    }

    public boolean usesVoicemail(String tenantId, UUID voicemailId) {
        return em.createQuery(
                                "select count(e) from SipExtension e where e.tenantId = :tenant and e.voicemailId = :voicemail",
                                Long.class)
                        .setParameter("tenant", tenantId)
                        .setParameter("voicemail", voicemailId)
                        .getSingleResult()
                > 0;
    }

    /** The devices registered for an endpoint now (Asterisk writes these rows itself). */
    @SuppressWarnings("unchecked")
    public List<Registration.Contact> contacts(String endpointId, Instant now) {
        List<Object[]> rows = em.createNativeQuery(
                        "select uri, user_agent, expiration_time from ps_contacts where endpoint = ?1"
                                + " and expiration_time > ?2 order by expiration_time desc")
                .setParameter(1, endpointId)
                .setParameter(2, now.getEpochSecond())
                .getResultList();
        List<Registration.Contact> contacts = new ArrayList<>();
        for (Object[] row : rows) {
            long expiry = ((Number) row[2]).longValue();
            contacts.add(new Registration.Contact(
                    (String) row[0],
                    (String) row[1],
                    Instant.ofEpochSecond(expiry).atOffset(ZoneOffset.UTC)));
        }
        return contacts;
    }

    public void persist(SipExtension extension) {
        em.persist(extension);
        em.flush();
    }

    public void flush() {
        em.flush();
    }

    public void delete(SipExtension extension) {
        em.remove(extension);
        em.flush();
    }
}
