package io.switchboard.helpdesk.tag;

import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.db.PagedQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Persistence of tags and of which tickets carry them ({@code ticket_tag}). */
@ApplicationScoped
public class TagRepository {

    public static final Map<String, String> SORTABLE =
            Map.of("name", "lower(g.name)", "createdAt", "g.createdAt", "updatedAt", "g.updatedAt");

    private final EntityManager em;

    public TagRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Tag> find(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(Tag.class, id)).filter(t -> t.tenantId.equals(tenantId));
    }

    public Page<Tag> list(String tenantId, String search, PageRequest page) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenant", tenantId);
        String condition = "g.tenantId = :tenant";
        if (search != null) {
            condition += " and lower(g.name) like :search";
            parameters.put(
                    "search",
                    "%" + search.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%");
        }
        return PagedQuery.page(em, Tag.class, "g", condition, parameters, page, "g.id");
    }

    /** The tenant's tags with these names (case-insensitive), by lower-cased name. */
    public Map<String, Tag> byNames(String tenantId, Collection<String> names) {
        Map<String, Tag> result = new HashMap<>();
        if (names.isEmpty()) {
            return result;
        }
        List<String> lower =
                names.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).toList();
        em.createQuery("select g from Tag g where g.tenantId = :tenant and lower(g.name) in :names", Tag.class)
                .setParameter("tenant", tenantId)
                .setParameter("names", lower)
                .getResultList()
                .forEach(t -> result.put(t.name.toLowerCase(Locale.ROOT), t));
        return result;
    }

    public boolean nameTaken(String tenantId, String name, UUID exceptId) {
        return em.createQuery(
                                "select count(g) from Tag g where g.tenantId = :tenant and lower(g.name) = :name"
                                        + " and g.id <> :except",
                                Long.class)
                        .setParameter("tenant", tenantId)
                        .setParameter("name", name.strip().toLowerCase(Locale.ROOT))
                        .setParameter("except", exceptId == null ? new UUID(0, 0) : exceptId)
                        .getSingleResult()
                > 0;
    }

    /** The tag names of each of these tickets, sorted by name. */
    @SuppressWarnings("unchecked")
    public Map<UUID, List<String>> namesOf(String tenantId, Collection<UUID> ticketIds) {
        Map<UUID, List<String>> result = new HashMap<>();
        if (ticketIds.isEmpty()) {
            return result;
        }
        List<Object[]> rows = em.createNativeQuery("select tt.ticket_id, g.name from ticket_tag tt join tag g on"
                        + " g.id = tt.tag_id where tt.tenant_id = :tenant and tt.ticket_id in (:ids) order by"
                        + " lower(g.name)")
                .setParameter("tenant", tenantId)
                .setParameter("ids", List.copyOf(ticketIds))
                .getResultList();
        for (Object[] row : rows) {
            result.computeIfAbsent((UUID) row[0], k -> new ArrayList<>()).add((String) row[1]);
        }
        return result;
    }

    public List<String> namesOf(String tenantId, UUID ticketId) {
        return namesOf(tenantId, List.of(ticketId)).getOrDefault(ticketId, List.of());
    }

    /** Makes {@code tagIds} the ticket's tags. */
    public void setTicketTags(String tenantId, UUID ticketId, Collection<UUID> tagIds) {
        em.flush();
        em.createNativeQuery("delete from ticket_tag where ticket_id = :ticket")
                .setParameter("ticket", ticketId)
                .executeUpdate();
        for (UUID tagId : tagIds) {
            em.createNativeQuery(
                            "insert into ticket_tag (ticket_id, tag_id, tenant_id) values (:ticket, :tag, :tenant)")
                    .setParameter("ticket", ticketId)
                    .setParameter("tag", tagId)
                    .setParameter("tenant", tenantId)
                    .executeUpdate();
        }
    }

    public void persist(Tag tag) {
        em.persist(tag);
        em.flush();
    }

    public void flush() {
        em.flush();
    }

    public void delete(Tag tag) {
        em.remove(tag);
        em.flush();
    }
}
