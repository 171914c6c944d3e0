package io.switchboard.webhook.delivery;

import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.db.RowLevelSecurity;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.tenant.CrossTenant;
import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.webhook.catalogue.EventTypePattern;
import io.switchboard.webhook.config.WebhookConfig;
import io.switchboard.webhook.delivery.DeliveryViews.AttemptView;
import io.switchboard.webhook.delivery.DeliveryViews.DeliveryDetail;
import io.switchboard.webhook.delivery.DeliveryViews.DeliveryView;
import io.switchboard.webhook.delivery.RetryPolicy.Action;
import io.switchboard.webhook.delivery.RetryPolicy.Decision;
import io.switchboard.webhook.http.HttpAttempt;
import io.switchboard.webhook.subscription.DisabledReason;
import io.switchboard.webhook.subscription.Scopes;
import io.switchboard.webhook.subscription.Subscription;
import io.switchboard.webhook.subscription.SubscriptionRepository;
import io.switchboard.webhook.subscription.SubscriptionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Deliveries: the fan-out of an event to the matching subscriptions, the outcome of each attempt with its effect on
 * the retry schedule and the subscription, the delivery log and replays. Transactions sit here; the dispatcher and
 * the consumer call in.
 */
@ApplicationScoped
public class DeliveryService {

    private final DeliveryStore store;
    private final SubscriptionRepository subscriptions;
    private final SubscriptionService subscriptionService;
    private final TenantContext tenantContext;
    private final RowLevelSecurity rowLevelSecurity;
    private final RetryPolicy retryPolicy;
    private final WebhookConfig config;

    public DeliveryService(
            DeliveryStore store,
            SubscriptionRepository subscriptions,
            SubscriptionService subscriptionService,
            TenantContext tenantContext,
            RowLevelSecurity rowLevelSecurity,
            RetryPolicy retryPolicy,
            WebhookConfig config) {
        this.store = store;
        this.subscriptions = subscriptions;
        this.subscriptionService = subscriptionService;
        this.tenantContext = tenantContext;
        this.rowLevelSecurity = rowLevelSecurity;
        this.retryPolicy = retryPolicy;
        this.config = config;
    }

    /**
     * What a batch of events looks up once: the enabled subscriptions of each scope, and which tenants are deleted.
     * Subscriptions change only through the API, so a batch may see them as they were when it began.
     */
    public static final class FanOutCache {
        private final Map<String, List<Subscription>> enabled = new HashMap<>();
        private final Map<String, Boolean> deleted = new HashMap<>();

        /** Forgets the scope's subscriptions after the batch itself changed them (a DID's managed endpoint). */
        public void forget(String scope) {
            enabled.remove(scope);
        }
    }

    /**
     * Creates the deliveries of one consumed event, in the consumer's transaction: to the enabled subscriptions of
     * the event's tenant whose filters match, and to those of the platform scope. A redelivered event creates nothing
     * new (the ids are derived from the event).
     *
     * @return how many deliveries were created
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int fanOut(DomainEvent event, FanOutCache cache) {
        String tenant = event.tenantId();
        int created = 0;
        if (tenant != null && !Scopes.isPlatform(tenant)) {
            actFor(tenant); // a batch shares one transaction: each event sets its own tenant
            if (!cache.deleted.computeIfAbsent(tenant, store::tenantDeleted)) {
                created += fanOutTo(tenant, event, cache);
            }
        }
        actFor(Scopes.PLATFORM);
        created += fanOutTo(Scopes.PLATFORM, event, cache);
        if (EventTypes.TENANT_PURGED.equals(event.type()) && tenant != null && !Scopes.isPlatform(tenant)) {
            actFor(tenant);
            store.purgeScope(tenant);
            cache.enabled.remove(tenant);
        }
        return created;
    }

    private int fanOutTo(String scope, DomainEvent event, FanOutCache cache) {
        List<Subscription> matching = cache.enabled.computeIfAbsent(scope, subscriptions::enabledIn).stream()
                .filter(s -> EventTypePattern.matchesAny(s.eventTypes, event.type()))
                // a managed endpoint receives the events about its own resource only (a DID's SMS)
                .filter(s -> !s.isManaged() || s.managedId.equals(event.subject()))
                .toList();
        if (matching.isEmpty()) {
            return 0;
        }
        OffsetDateTime time = event.time() == null ? OffsetDateTime.now(ZoneOffset.UTC) : event.time();
        String body = WebhookBody.of(event.type(), time, event.data());
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        int cap = config.delivery().maxPayloadBytes();
        String error = size > cap ? "payload of " + size + " bytes exceeds the cap of " + cap + " bytes" : null;
        UUID messageId = WebhookIds.message(scope, event.id());
        store.insertMessage(messageId, scope, event, error == null ? body : null, size);
        int created = 0;
        for (Subscription subscription : matching) {
            UUID deliveryId = WebhookIds.delivery(event.id(), subscription.id);
            if (store.insertDelivery(deliveryId, scope, subscription.id, messageId, event.type(), error)) {
                created++;
            }
        }
        return created;
    }

    // Deleted tenants are read from the directory table, not through TenantDirectory's cache: fan-out often runs for
    // the very tenant.tenant.created the directory is applying, and a cached "unknown" would then make the new
    // tenant's first requests wait for that cache to expire.

    /** Switches the ongoing transaction to another scope (the consumer acts for a tenant, then for the platform). */
    private void actFor(String scope) {
        tenantContext.runAsSystem(scope);
        rowLevelSecurity.refresh();
    }

    /** Claims due deliveries of every scope for this dispatcher instance. */
    @CrossTenant
    @Transactional
    public List<DueDelivery> claim(int limit, int perEndpoint, Collection<UUID> busy, UUID token) {
        return store.claim(limit, perEndpoint, busy, config.delivery().lease(), token);
    }

    /**
     * Records an attempt and decides what follows: done, a retry at a later time, or failed; on 410 Gone, or after
     * failing for the whole window, the subscription is disabled. Test events only record their single attempt.
     *
     * @return the action taken, or null when this instance no longer held the delivery
     */
    @Transactional
    public Action record(DueDelivery delivery, HttpAttempt attempt, AttemptCause cause) {
        if (cause != AttemptCause.TEST && !attempt.succeeded()) {
            // a failure may change the subscription (failing streak, disable): take its lock first, as a disable
            // does, so that failures of one subscription queue instead of deadlocking; successes need no lock
            store.lockSubscription(delivery.subscriptionId());
        }
        store.insertAttempt(Ids.newId(), delivery, delivery.attempts() + 1, cause, attempt);
        Instant now = Instant.now();
        Decision decision = cause == AttemptCause.TEST
                ? new Decision(attempt.succeeded() ? Action.SUCCEEDED : Action.FAILED, null)
                : retryPolicy.decide(delivery.retryStep(), attempt, now);
        DeliveryStatus status = switch (decision.action()) {
            case SUCCEEDED -> DeliveryStatus.SUCCEEDED;
            case RETRY -> DeliveryStatus.PENDING;
            case FAILED, GONE -> DeliveryStatus.FAILED;
        };
        boolean endsStreak = cause != AttemptCause.TEST && decision.action() == Action.SUCCEEDED;
        if (!store.recordOutcome(delivery, status, decision.nextAttemptAt(), attempt, endsStreak)) {
            return null;
        }
        if (cause == AttemptCause.TEST) {
            return decision.action();
        }
        if (decision.action() == Action.SUCCEEDED) {
            return decision.action(); // recordOutcome ended any failing streak
        }
        Instant failingSince = store.markFailing(delivery.subscriptionId());
        Subscription subscription =
                subscriptions.find(delivery.subscriptionId()).orElse(null);
        if (subscription == null) {
            return decision.action();
        }
        if (decision.action() == Action.GONE) {
            subscriptionService.disable(subscription, DisabledReason.GONE, failingSince);
        } else if (failingSince != null
                && Duration.between(failingSince, now).compareTo(config.retry().disableAfter()) >= 0) {
            subscriptionService.disable(subscription, DisabledReason.FAILING, failingSince);
        }
        return decision.action();
    }

    /** Creates a {@code webhook.test} delivery to the subscription, reserved for the caller to send at once. */
    @Transactional
    public DueDelivery prepareTest(String scope, UUID subscriptionId, String actor) {
        Subscription subscription = subscriptionService.require(scope, subscriptionId);
        String eventId = Ids.newId().toString();
        String data = "{\"subscriptionId\":\"" + subscription.id
                + "\",\"message\":\"This is a test event from Switchboard\"}";
        DomainEvent event = new DomainEvent(
                eventId,
                EventTypes.WEBHOOK_TEST,
                "/switchboard/webhook-dispatcher",
                OffsetDateTime.now(ZoneOffset.UTC),
                subscription.id.toString(),
                Scopes.eventTenant(scope),
                actor,
                null,
                null,
                data.getBytes(StandardCharsets.UTF_8));
        String body = WebhookBody.of(event.type(), event.time(), event.data());
        UUID messageId = WebhookIds.message(scope, eventId);
        store.insertMessage(messageId, scope, event, body, body.getBytes(StandardCharsets.UTF_8).length);
        UUID deliveryId = WebhookIds.delivery(eventId, subscription.id);
        store.insertDelivery(deliveryId, scope, subscription.id, messageId, event.type(), null);
        UUID token = UUID.randomUUID();
        store.lease(deliveryId, config.delivery().lease(), token);
        return store.load(List.of(deliveryId), token).get(0);
    }

    @Transactional
    public Page<DeliveryView> deliveries(String scope, UUID subscriptionId, DeliveryFilter filter, PageRequest page) {
        subscriptionService.require(scope, subscriptionId);
        return store.deliveries(subscriptionId, filter, page);
    }

    @Transactional
    public DeliveryDetail delivery(String scope, UUID subscriptionId, UUID deliveryId) {
        subscriptionService.require(scope, subscriptionId);
        return store.delivery(subscriptionId, deliveryId)
                .orElseThrow(() -> ProblemException.notFound("Delivery", deliveryId.toString()));
    }

    @Transactional
    public Page<AttemptView> attempts(String scope, UUID subscriptionId, DeliveryFilter filter, PageRequest page) {
        subscriptionService.require(scope, subscriptionId);
        return store.attempts(subscriptionId, filter, page);
    }

    /** Sends one delivery again, now (whatever its outcome was), keeping its webhook-id. */
    @Transactional
    public void replay(String scope, UUID subscriptionId, UUID deliveryId) {
        requireEnabled(scope, subscriptionId);
        DeliveryStatus status = store.status(subscriptionId, deliveryId)
                .orElseThrow(() -> ProblemException.notFound("Delivery", deliveryId.toString()));
        if (status == DeliveryStatus.PENDING || !store.replay(subscriptionId, deliveryId)) {
            throw new ProblemException(
                    ProblemType.CONFLICT, "Delivery " + deliveryId + " is still pending; it is sent on its schedule");
        }
    }

    /** Sends again every failed delivery created in {@code [since, until)}. */
    @Transactional
    public int replayFailed(String scope, UUID subscriptionId, Instant since, Instant until) {
        requireEnabled(scope, subscriptionId);
        return store.replayFailed(subscriptionId, since, until);
    }

    private void requireEnabled(String scope, UUID subscriptionId) {
        Subscription subscription = subscriptionService.require(scope, subscriptionId);
        if (!subscription.enabled) {
            throw new ProblemException(
                    ProblemType.CONFLICT,
                    "Subscription " + subscriptionId + " is disabled (" + subscription.disabledReason
                            + "); enable it first with PATCH {\"enabled\": true}");
        }
    }

    /** Deletes one batch of what is older than the retention period, in its own transaction. */
    @CrossTenant
    @Transactional
    public int[] purge(Instant cutoff, int limit) {
        return store.purge(cutoff, limit);
    }

    @CrossTenant
    @Transactional
    public Map<String, Long> pendingByScope() {
        return store.pendingByScope();
    }
}
