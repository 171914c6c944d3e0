package io.switchboard.commons.db;

import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.Map;

/**
 * One page of entities and the total count, from one JPQL condition: {@code select x from Type x where <condition>
 * order by <the page's validated sort>}. The condition and parameter names are the caller's; sorting comes only from
 * {@link PageRequest}'s whitelist.
 */
public final class PagedQuery {

    private PagedQuery() {}

    /**
     * @param alias the entity alias used in {@code condition} and in the sortable columns, e.g. {@code e}
     * @param tiebreaker a unique attribute that makes the order total, e.g. {@code e.id}
     */
    public static <T> Page<T> page(
            EntityManager em,
            Class<T> type,
            String alias,
            String condition,
            Map<String, Object> parameters,
            PageRequest page,
            String tiebreaker) {
        String from = " from " + type.getSimpleName() + " " + alias + " where " + condition;
        TypedQuery<T> select = em.createQuery("select " + alias + from + " order by " + page.orderBy(tiebreaker), type);
        TypedQuery<Long> count = em.createQuery("select count(" + alias + ")" + from, Long.class);
        parameters.forEach((name, value) -> {
            select.setParameter(name, value);
            count.setParameter(name, value);
        });
        return Page.of(
                select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList(),
                page,
                count.getSingleResult());
    }
}
