package io.switchboard.helpdesk.contact;

import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Persistence of contacts, their e-mail addresses ({@code contact_email}) and tags ({@code contact_tag}). */
@ApplicationScoped
public class ContactRepository {

    public static final Map<String, String> SORTABLE =
            Map.of("name", "lower(c.name)", "createdAt", "c.created_at", "updatedAt", "c.updated_at");

    private final EntityManager em;

    public ContactRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Contact> find(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(Contact.class, id)).filter(c -> c.tenantId.equals(tenantId));
    }

    /** The contact that has this address (case-insensitive). */
    public Optional<Contact> findByEmail(String tenantId, String address) {
        return ids(
                        "select contact_id from contact_email where tenant_id = :tenant and lower(address) = :address",
                        Map.of("tenant", tenantId, "address", address.strip().toLowerCase(Locale.ROOT)))
                .stream()
                .findFirst()
                .flatMap(id -> find(tenantId, id));
    }

    /** The oldest contact with this E.164 number. */
    public Optional<Contact> findByPhone(String tenantId, String e164) {
        return ids(
                        "select id from contact where tenant_id = :tenant and phones @> cast(:phone as jsonb)"
                                + " order by created_at limit 1",
                        Map.of("tenant", tenantId, "phone", "[\"" + e164 + "\"]"))
                .stream()
                .findFirst()
                .flatMap(id -> find(tenantId, id));
    }

    /** Which of these addresses belong to a contact other than {@code exceptId}, lower-cased. */
    @SuppressWarnings("unchecked")
    public List<String> takenAddresses(String tenantId, Collection<String> addresses, UUID exceptId) {
        if (addresses.isEmpty()) {
            return List.of();
        }
        return em.createNativeQuery("select lower(address) from contact_email where tenant_id = :tenant"
                        + " and lower(address) in (:addresses) and contact_id <> :except")
                .setParameter("tenant", tenantId)
                .setParameter(
                        "addresses",
                        addresses.stream()
                                .map(a -> a.strip().toLowerCase(Locale.ROOT))
                                .toList())
                .setParameter("except", exceptId == null ? new UUID(0, 0) : exceptId)
                .getResultList();
    }

    /**
     * One page of the tenant's contacts: {@code search} matches the name, an address or a phone number (parts of
     * them); {@code email} an address exactly (case-insensitive); every tag of {@code tags} must be carried.
     */
    public Page<Contact> list(String tenantId, String search, String email, List<String> tags, PageRequest page) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenant", tenantId);
        List<String> where = new ArrayList<>();
        where.add("c.tenant_id = :tenant");
        if (search != null) {
            parameters.put(
                    "search",
                    "%" + search.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%");
            where.add("(lower(c.name) like :search or exists (select 1 from contact_email e where e.contact_id = c.id"
                    + " and lower(e.address) like :search) or cast(c.phones as text) like :search)");
        }
        if (email != null) {
            parameters.put("email", email.strip().toLowerCase(Locale.ROOT));
            where.add("exists (select 1 from contact_email e where e.contact_id = c.id and lower(e.address) = :email)");
        }
        for (int i = 0; i < tags.size(); i++) {
            where.add("exists (select 1 from contact_tag ct join tag g on g.id = ct.tag_id where ct.contact_id = c.id"
                    + " and lower(g.name) = :tag" + i + ")");
            parameters.put("tag" + i, tags.get(i).strip().toLowerCase(Locale.ROOT));
        }
        String condition = String.join(" and ", where);
        Query select = em.createNativeQuery("select c.id from contact c where " + condition + " order by "
                + page.orderBy("c.id") + " limit :limit offset :offset");
        Query count = em.createNativeQuery("select count(*) from contact c where " + condition);
        parameters.forEach((name, value) -> {
            select.setParameter(name, value);
            count.setParameter(name, value);
        });
        select.setParameter("limit", page.size());
        select.setParameter("offset", page.offset());
        @SuppressWarnings("unchecked")
        List<UUID> ids = select.getResultList();
        long total = ((Number) count.getSingleResult()).longValue();
        Map<UUID, Contact> byId = ids.isEmpty()
                ? Map.of()
                : em.createQuery("select c from Contact c where c.tenantId = :tenant and c.id in :ids", Contact.class)
                        .setParameter("tenant", tenantId)
                        .setParameter("ids", ids)
                        .getResultStream()
                        .collect(Collectors.toMap(c -> c.id, Function.identity()));
        return Page.of(ids.stream().map(byId::get).toList(), page, total);
    }

    /** The addresses of each of these contacts, primary first. */
    @SuppressWarnings("unchecked")
    public Map<UUID, List<ContactEmail>> emailsOf(String tenantId, Collection<UUID> contactIds) {
        Map<UUID, List<ContactEmail>> result = new HashMap<>();
        if (contactIds.isEmpty()) {
            return result;
        }
        List<Object[]> rows = em.createNativeQuery("select contact_id, address, is_primary from contact_email"
                        + " where tenant_id = :tenant and contact_id in (:ids) order by is_primary desc, position")
                .setParameter("tenant", tenantId)
                .setParameter("ids", List.copyOf(contactIds))
                .getResultList();
        for (Object[] row : rows) {
            result.computeIfAbsent((UUID) row[0], k -> new ArrayList<>())
                    .add(new ContactEmail((String) row[1], (Boolean) row[2]));
        }
        return result;
    }

    /** The tag names of each of these contacts, sorted by name. */
    @SuppressWarnings("unchecked")
    public Map<UUID, List<String>> tagsOf(String tenantId, Collection<UUID> contactIds) {
        Map<UUID, List<String>> result = new HashMap<>();
        if (contactIds.isEmpty()) {
            return result;
        }
        List<Object[]> rows = em.createNativeQuery("select ct.contact_id, g.name from contact_tag ct join tag g on"
                        + " g.id = ct.tag_id where ct.tenant_id = :tenant and ct.contact_id in (:ids)"
                        + " order by lower(g.name)")
                .setParameter("tenant", tenantId)
                .setParameter("ids", List.copyOf(contactIds))
                .getResultList();
        for (Object[] row : rows) {
            result.computeIfAbsent((UUID) row[0], k -> new ArrayList<>()).add((String) row[1]);
        }
        return result;
    }

    /** Makes {@code emails} (the primary one marked) the contact's addresses. */
    public void setEmails(String tenantId, UUID contactId, List<ContactEmail> emails) {
        em.flush();
        em.createNativeQuery("delete from contact_email where contact_id = :contact")
                .setParameter("contact", contactId)
                .executeUpdate();
        for (int i = 0; i < emails.size(); i++) {
            em.createNativeQuery("insert into contact_email (contact_id, tenant_id, address, is_primary, position)"
                            + " values (:contact, :tenant, :address, :primary, :position)")
                    .setParameter("contact", contactId)
                    .setParameter("tenant", tenantId)
                    .setParameter("address", emails.get(i).address())
                    .setParameter("primary", Boolean.TRUE.equals(emails.get(i).primary()))
                    .setParameter("position", i)
                    .executeUpdate();
        }
    }

    public void setTags(String tenantId, UUID contactId, Collection<UUID> tagIds) {
        em.flush();
        em.createNativeQuery("delete from contact_tag where contact_id = :contact")
                .setParameter("contact", contactId)
                .executeUpdate();
        for (UUID tagId : tagIds) {
            em.createNativeQuery(
                            "insert into contact_tag (contact_id, tag_id, tenant_id) values (:contact, :tag, :tenant)")
                    .setParameter("contact", contactId)
                    .setParameter("tag", tagId)
                    .setParameter("tenant", tenantId)
                    .executeUpdate();
        }
    }

    /** Takes a transaction-scoped lock on an address of the tenant, so that two finders do not both create it. */
    public void lockAddress(String tenantId, String address) {
        em.createNativeQuery("select cast(pg_advisory_xact_lock(hashtext(:key)) as text)")
                .setParameter(
                        "key",
                        "contact-email:" + tenantId + ":" + address.strip().toLowerCase(Locale.ROOT))
                .getSingleResult();
    }

    public void persist(Contact contact) {
        em.persist(contact);
        em.flush();
    }

    public void flush() {
        em.flush();
    }

    public void delete(Contact contact) {
        em.remove(contact);
        em.flush();
    }

    @SuppressWarnings("unchecked")
    private List<UUID> ids(String sql, Map<String, Object> parameters) {
        Query query = em.createNativeQuery(sql);
        parameters.forEach(query::setParameter);
        return query.getResultList();
    }
}
