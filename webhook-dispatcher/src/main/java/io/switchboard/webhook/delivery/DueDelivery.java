package io.switchboard.webhook.delivery;

import io.switchboard.commons.webhook.WebhookSecret;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A delivery claimed for one attempt, with everything needed to send it: the target, custom headers and live secrets
 * of its subscription (decrypted), and the exact body.
 *
 * @param scope the tenant or {@code platform} the delivery belongs to
 * @param body null when the event exceeded the payload cap
 * @param leaseToken the claim this attempt belongs to; its outcome is only recorded while the claim holds
 */
public record DueDelivery(
        UUID id,
        String scope,
        UUID subscriptionId,
        String eventType,
        int attempts,
        int retryStep,
        UUID leaseToken,
        String url,
        Map<String, String> headers,
        List<WebhookSecret> secrets,
        String body,
        Instant occurredAt,
        Integer rateLimit) {

    public String webhookId() {
        return WebhookIds.webhookId(id);
    }
}
