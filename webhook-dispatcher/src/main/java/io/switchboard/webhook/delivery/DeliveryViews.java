package io.switchboard.webhook.delivery;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.switchboard.webhook.http.AttemptOutcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The delivery log as the API shows it. */
public final class DeliveryViews {

    private DeliveryViews() {}

    /** One event for one subscription, with where it stands. */
    public record DeliveryView(
            UUID id,
            String webhookId,
            String eventId,
            String eventType,
            DeliveryStatus status,
            int attempts,
            Instant nextAttemptAt,
            Instant lastAttemptAt,
            Integer lastStatusCode,
            String lastError,
            Instant createdAt,
            Instant completedAt) {}

    /** A delivery with the body it sends and every attempt. */
    public record DeliveryDetail(
            @JsonUnwrapped DeliveryView delivery,

            @Schema(description = "The request body, exactly as signed and sent") @JsonRawValue
            String payload,

            List<AttemptView> attemptLog) {}

    /** One attempt: when, how long, what came back. */
    public record AttemptView(
            UUID id,
            UUID deliveryId,
            String webhookId,
            String eventType,
            int attempt,
            AttemptCause cause,
            Instant startedAt,
            long durationMs,
            Integer statusCode,
            AttemptOutcome outcome,
            String responseSnippet,
            String error) {}

    /** The outcome of "send test event". */
    public record TestResult(
            UUID deliveryId,
            String webhookId,
            boolean delivered,
            AttemptOutcome outcome,
            Integer statusCode,
            long durationMs,
            String responseSnippet,
            String error) {}

    /** How many deliveries a bulk replay put back on the schedule. */
    public record ReplayResult(int replayed) {}
}
