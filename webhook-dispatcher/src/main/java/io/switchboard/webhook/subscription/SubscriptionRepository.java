package io.switchboard.webhook.subscription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Persistence of subscriptions and their secrets. Every query names the scope as well; row-level security is the
 * second wall behind it.
 */
@ApplicationScoped
public class SubscriptionRepository {

    /** API sort fields and the entity attributes behind them. */
    public static final Map<String, String> SORTABLE = Map.of(
            "createdAt", "s.createdAt",
            "updatedAt", "s.updatedAt",
            "url", "s.url");

    private final EntityManager em;
    private final ObjectMapper mapper;

    public SubscriptionRepository(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    public Optional<Subscription> find(String scope, UUID id) {
        return em.createQuery(
                        "select s from Subscription s where s.id = :id and s.tenantId = :scope", Subscription.class)
                .setParameter("id", id)
                .setParameter("scope", scope)
                .getResultStream()
                .findFirst();
    }

    /** The endpoint kept for {@code owner} in this scope. */
    public Optional<Subscription> findManaged(String scope, ManagedBy owner) {
        return em.createQuery(
                        "select s from Subscription s where s.tenantId = :scope and s.managedKind = :kind"
                                + " and s.managedId = :id",
                        Subscription.class)
                .setParameter("scope", scope)
                .setParameter("kind", owner.kind())
                .setParameter("id", owner.id())
                .getResultStream()
                .findFirst();
    }

    /**
     * Inserts the endpoint kept for {@code owner}, enabled, unless one exists already (two consumers of the same events
     * may race here; the loser must not abort its transaction on the unique index).
     *
     * @return the new endpoint, or empty when one existed
     */
    public Optional<Subscription> insertManaged(
            UUID id,
            String scope,
            ManagedBy owner,
            String url,
            String description,
            List<String> eventTypes,
            Instant now) {
        int inserted = em.createNativeQuery(
                        "insert into subscription (id, tenant_id, url, description, event_types,"
                                + " enabled, created_at, updated_at, version, managed_kind, managed_id)"
                                + " values (?1, ?2, ?3, ?4, cast(?5 as jsonb), true, ?6, ?6, 0, ?7, ?8)"
                                + " on conflict (tenant_id, managed_kind, managed_id) where managed_kind is not null do nothing")
                .setParameter(1, id)
                .setParameter(2, scope)
                .setParameter(3, url)
                .setParameter(4, description)
                .setParameter(5, json(eventTypes))
                .setParameter(6, now)
                .setParameter(7, owner.kind())
                .setParameter(8, owner.id())
                .executeUpdate();
        return inserted == 0 ? Optional.empty() : Optional.ofNullable(em.find(Subscription.class, id));
    }

    private String json(List<String> values) {
        try {
            return mapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The subscription of a delivery, in the scope the transaction acts for. */
    public Optional<Subscription> find(UUID id) {
        return Optional.ofNullable(em.find(Subscription.class, id));
    }

    /** The scope's own subscriptions (the limit counts these; managed ones come with their resources). */
    public long count(String scope) {
        return em.createQuery(
                        "select count(s) from Subscription s where s.tenantId = :scope and s.managedKind is null",
                        Long.class)
                .setParameter("scope", scope)
                .getSingleResult();
    }

    public Page<Subscription> search(String scope, Boolean enabled, PageRequest page) {
        String condition = " where s.tenantId = :scope" + (enabled == null ? "" : " and s.enabled = :enabled");
        TypedQuery<Subscription> select = em.createQuery(
                "select s from Subscription s" + condition + " order by " + page.orderBy("s.id"), Subscription.class);
        TypedQuery<Long> count = em.createQuery("select count(s) from Subscription s" + condition, Long.class);
        select.setParameter("scope", scope);
        count.setParameter("scope", scope);
        if (enabled != null) {
            select.setParameter("enabled", enabled);
            count.setParameter("enabled", enabled);
        }
        List<Subscription> items =
                select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return Page.of(items, page, count.getSingleResult());
    }

    /** The enabled subscriptions of a scope, for fan-out. */
    public List<Subscription> enabledIn(String scope) {
        return em.createQuery(
                        "select s from Subscription s where s.tenantId = :scope and s.enabled = true",
                        Subscription.class)
                .setParameter("scope", scope)
                .getResultList();
    }

    public Optional<SubscriptionSecret> currentSecret(UUID subscriptionId) {
        return em.createQuery(
                        "select k from SubscriptionSecret k where k.subscriptionId = :id and k.expiresAt is null",
                        SubscriptionSecret.class)
                .setParameter("id", subscriptionId)
                .getResultStream()
                .findFirst();
    }

    /** Secrets that still sign: the current one and rotated ones inside their grace period, newest first. */
    public List<SubscriptionSecret> liveSecrets(UUID subscriptionId, Instant now) {
        return em.createQuery(
                        "select k from SubscriptionSecret k where k.subscriptionId = :id"
                                + " and (k.expiresAt is null or k.expiresAt > :now) order by k.createdAt desc",
                        SubscriptionSecret.class)
                .setParameter("id", subscriptionId)
                .setParameter("now", now)
                .getResultList();
    }

    public void persist(Object entity) {
        em.persist(entity);
    }

    public void flush() {
        em.flush();
    }

    public void delete(Subscription subscription) {
        em.remove(subscription);
        em.flush();
    }
}
