package io.switchboard.webhook.subscription;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The subscription API's own models (never the entity). */
public final class SubscriptionModels {

    public static final int MAX_EVENT_TYPES = 50;
    public static final int MAX_HEADERS = 20;
    public static final int MAX_RATE_LIMIT = 10_000;

    private SubscriptionModels() {}

    /** A new subscription; unset fields take their defaults (enabled, no headers, no rate limit, a new secret). */
    public record SubscriptionCreate(
            @Schema(description = "Where to POST; https in production", examples = "https://example.com/webhooks")
            String url,

            String description,

            @Schema(
                    description = "Event types to receive; * stands for a segment or for everything",
                    examples = "[\"helpdesk.ticket.*\", \"telephony.call.ended\"]")
            List<String> eventTypes,

            @Schema(description = "Default true") Boolean enabled,

            @Schema(description = "Sent with every request, e.g. an Authorization header of the receiver")
            Map<String, String> headers,

            @Schema(description = "At most this many requests per second to this endpoint")
            Integer rateLimit,

            @Schema(description = "Your own signing secret (whsec_ + base64 of 24 to 64 bytes); generated when unset")
            String secret) {}

    /** Everything about a subscription that can be set: what creation fills and a merge patch changes. */
    public record SubscriptionDraft(
            @NotBlank @Size(max = 2048) String url,
            @Size(max = 500) String description,
            @NotNull @Size(min = 1, max = MAX_EVENT_TYPES) List<String> eventTypes,
            @NotNull Boolean enabled,
            @Size(max = MAX_HEADERS) Map<String, String> headers,
            @Min(1) @Max(MAX_RATE_LIMIT) Integer rateLimit) {}

    /** A subscription as the API returns it; never its secret. */
    public record SubscriptionView(
            UUID id,

            @Schema(description = "The tenant it belongs to, or platform")
            String scope,

            String url,
            String description,
            List<String> eventTypes,
            boolean enabled,

            @Schema(description = "manual, gone (the endpoint answered 410) or failing")
            DisabledReason disabledReason,

            Instant disabledAt,

            @Schema(description = "When the current streak of failed attempts began")
            Instant failingSince,

            Map<String, String> headers,
            Integer rateLimit,

            @Schema(
                    description = "Set when the endpoint is kept for another resource, e.g. {\"kind\": \"did\", \"id\":"
                            + " ...} for a DID's SMS webhook URL: change or delete that resource instead (409 here);"
                            + " reading it, rotating its secret, enabling or disabling it and its log work as usual")
            ManagedBy managedBy,

            Instant createdAt,
            Instant updatedAt,
            long version) {}

    /** The answer to creation: the subscription and, this once, its signing secret. */
    public record CreatedSubscription(@JsonUnwrapped SubscriptionView subscription, String secret) {}

    /** A rotation: how long the current secret keeps signing beside the new one, and optionally the new one. */
    public record SecretRotation(
            @Schema(description = "ISO-8601 duration, default PT24H, at most P7D; PT0S retires the old secret now")
            String gracePeriod,

            @Schema(description = "Your own new secret; generated when unset")
            String secret) {}

    /** The new secret, shown once, and until when the previous one still signs. */
    public record RotatedSecret(String secret, Instant previousSecretExpiresAt) {}
}
