package io.switchboard.chat.widget;

import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Persistence of widgets; every query names the tenant, and row-level security checks it again. */
@ApplicationScoped
public class WidgetRepository {

    public static final Map<String, String> SORTABLE = Map.of("name", "w.name", "createdAt", "w.createdAt");

    private final EntityManager em;

    public WidgetRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Widget> find(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(Widget.class, id)).filter(w -> w.tenantId.equals(tenantId));
    }

    /** The widget of a public key, whichever tenant owns it: only in a cross-tenant transaction. */
    public Optional<Widget> findByKey(String key) {
        return em.createQuery("select w from Widget w where w.widgetKey = :key", Widget.class)
                .setParameter("key", key)
                .getResultStream()
                .findFirst();
    }

    public Page<Widget> list(String tenantId, PageRequest page) {
        List<Widget> items = em.createQuery(
                        "select w from Widget w where w.tenantId = :tenant order by " + page.orderBy("w.id"),
                        Widget.class)
                .setParameter("tenant", tenantId)
                .setFirstResult(page.offset())
                .setMaxResults(page.size())
                .getResultList();
        long total = em.createQuery("select count(w) from Widget w where w.tenantId = :tenant", Long.class)
                .setParameter("tenant", tenantId)
                .getSingleResult();
        return Page.of(items, page, total);
    }

    public void persist(Widget widget) {
        em.persist(widget);
        em.flush();
    }

    public void delete(Widget widget) {
        em.remove(widget);
        em.flush();
    }

    public void flush() {
        em.flush();
    }
}
