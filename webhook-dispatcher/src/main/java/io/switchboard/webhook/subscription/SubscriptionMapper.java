package io.switchboard.webhook.subscription;

import io.switchboard.webhook.subscription.SubscriptionEvents.SubscriptionSnapshot;
import io.switchboard.webhook.subscription.SubscriptionModels.SubscriptionDraft;
import io.switchboard.webhook.subscription.SubscriptionModels.SubscriptionView;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Maps the stored subscription to its API view, its editable draft and its event snapshot. */
final class SubscriptionMapper {

    private SubscriptionMapper() {}

    static SubscriptionView toView(Subscription s, Map<String, String> headers) {
        return new SubscriptionView(
                s.id,
                s.tenantId,
                s.url,
                s.description,
                List.copyOf(s.eventTypes),
                s.enabled,
                DisabledReason.of(s.disabledReason),
                s.disabledAt,
                s.failingSince,
                new TreeMap<>(headers),
                s.rateLimit,
                s.managedBy(),
                s.createdAt,
                s.updatedAt,
                s.version);
    }

    static SubscriptionDraft toDraft(Subscription s, Map<String, String> headers) {
        return new SubscriptionDraft(
                s.url,
                s.description,
                List.copyOf(s.eventTypes),
                s.enabled,
                headers.isEmpty() ? null : new TreeMap<>(headers),
                s.rateLimit);
    }

    /** What events carry: the view without header values. */
    static SubscriptionSnapshot toSnapshot(Subscription s, Map<String, String> headers) {
        SubscriptionView view = toView(s, headers);
        return new SubscriptionSnapshot(
                view.id(),
                view.scope(),
                view.url(),
                view.description(),
                view.eventTypes(),
                view.enabled(),
                view.disabledReason(),
                List.copyOf(view.headers().keySet()),
                view.rateLimit(),
                view.managedBy(),
                view.createdAt(),
                view.updatedAt(),
                view.version());
    }

    /** Copies a validated draft onto the stored subscription (headers are stored separately, encrypted). */
    static void apply(SubscriptionDraft draft, Subscription s) {
        s.url = draft.url().strip();
        s.description = draft.description() == null || draft.description().isBlank()
                ? null
                : draft.description().strip();
        s.eventTypes = List.copyOf(draft.eventTypes());
        s.rateLimit = draft.rateLimit();
    }
}
