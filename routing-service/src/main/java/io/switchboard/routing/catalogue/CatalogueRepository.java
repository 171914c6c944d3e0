package io.switchboard.routing.catalogue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/** Persistence of the catalogue of telephony-service's targets. */
@ApplicationScoped
public class CatalogueRepository {

    private static final String UPSERT = "insert into catalogue_entry (source_id, tenant_id, kind, name, asterisk_id,"
            + " voicemail_box_id, max_wait_time, version, updated_at)"
            + " values (:id, :tenant, :kind, :name, :asterisk, cast(:voicemail as uuid), cast(:maxWait as integer),"
            + " :version, now())"
            + " on conflict (source_id) do update set name = excluded.name, asterisk_id = excluded.asterisk_id,"
            + " voicemail_box_id = excluded.voicemail_box_id, max_wait_time = excluded.max_wait_time,"
            + " version = excluded.version, updated_at = now()"
            + " where catalogue_entry.version <= excluded.version";

    private final EntityManager em;

    public CatalogueRepository(EntityManager em) {
        this.em = em;
    }

    /** Records an object as announced, unless a newer version of it is known. */
    public void upsert(CatalogueEntry entry) {
        em.createNativeQuery(UPSERT)
                .setParameter("id", entry.sourceId)
                .setParameter("tenant", entry.tenantId)
                .setParameter("kind", entry.kind)
                .setParameter("name", entry.name)
                .setParameter("asterisk", entry.asteriskId)
                .setParameter("voicemail", entry.voicemailBoxId == null ? null : entry.voicemailBoxId.toString())
                .setParameter("maxWait", entry.maxWaitTime == null ? null : entry.maxWaitTime.toString())
                .setParameter("version", entry.version)
                .executeUpdate();
    }

    public void delete(UUID sourceId) {
        em.createNativeQuery("delete from catalogue_entry where source_id = :id")
                .setParameter("id", sourceId)
                .executeUpdate();
    }

    public List<CatalogueEntry> allOf(String tenantId) {
        return em.createQuery("select c from CatalogueEntry c where c.tenantId = :tenant", CatalogueEntry.class)
                .setParameter("tenant", tenantId)
                .getResultList();
    }

    /** Every tenant's entries: only in a cross-tenant transaction. */
    public List<CatalogueEntry> all() {
        return em.createQuery("select c from CatalogueEntry c", CatalogueEntry.class)
                .getResultList();
    }
}
