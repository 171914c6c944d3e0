package io.switchboard.webhook.subscription;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The data of the {@code webhook.subscription.*} events on {@code webhook.events} (docs/asyncapi.yaml): the
 * subscription without its secrets or header values, plus what is particular to the fact.
 */
public final class SubscriptionEvents {

    private SubscriptionEvents() {}

    /** The subscription as events carry it: header names only, since their values may be credentials. */
    public record SubscriptionSnapshot(
            UUID id,
            String scope,
            String url,
            String description,
            List<String> eventTypes,
            boolean enabled,
            DisabledReason disabledReason,
            List<String> headerNames,
            Integer rateLimit,
            ManagedBy managedBy,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    /** {@code webhook.subscription.created} */
    public record SubscriptionCreated(@JsonUnwrapped SubscriptionSnapshot subscription) {}

    /** {@code webhook.subscription.updated}: {@code changedFields} are the top-level fields that changed. */
    public record SubscriptionUpdated(@JsonUnwrapped SubscriptionSnapshot subscription, List<String> changedFields) {}

    /** {@code webhook.subscription.deleted} */
    public record SubscriptionDeleted(@JsonUnwrapped SubscriptionSnapshot subscription) {}

    /** {@code webhook.subscription.disabled}: manually, on 410 Gone, or after failing for the whole window. */
    public record SubscriptionDisabled(
            @JsonUnwrapped SubscriptionSnapshot subscription, DisabledReason reason, Instant failingSince) {}

    /** {@code webhook.subscription.enabled}: re-enabled after it was disabled for {@code previousReason}. */
    public record SubscriptionEnabled(
            @JsonUnwrapped SubscriptionSnapshot subscription, DisabledReason previousReason) {}

    /** {@code webhook.subscription.secret_rotated}: the previous secret signs too until the given time. */
    public record SubscriptionSecretRotated(
            @JsonUnwrapped SubscriptionSnapshot subscription, Instant previousSecretExpiresAt) {}
}
