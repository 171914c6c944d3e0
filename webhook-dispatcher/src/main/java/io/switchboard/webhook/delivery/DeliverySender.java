package io.switchboard.webhook.delivery;

import io.switchboard.commons.webhook.WebhookSignature;
import io.switchboard.webhook.http.AttemptOutcome;
import io.switchboard.webhook.http.HttpAttempt;
import io.switchboard.webhook.http.WebhookClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Makes one attempt: signs the body for this attempt's timestamp with every live secret and posts it. */
@ApplicationScoped
public class DeliverySender {

    private final WebhookClient client;

    public DeliverySender(WebhookClient client) {
        this.client = client;
    }

    public HttpAttempt send(DueDelivery delivery) {
        Instant now = Instant.now();
        if (delivery.body() == null) {
            return HttpAttempt.failed(
                    AttemptOutcome.PAYLOAD_TOO_LARGE, "the event exceeds the payload cap; nothing was sent", now);
        }
        if (delivery.secrets().isEmpty()) {
            return HttpAttempt.failed(
                    AttemptOutcome.CONNECTION_ERROR,
                    "no usable signing secret: none is stored, or none decrypts with the configured keys",
                    now);
        }
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(delivery.headers());
        headers.putAll(WebhookSignature.headers(delivery.webhookId(), now, body, delivery.secrets()));
        return client.post(delivery.url(), headers, body);
    }
}
