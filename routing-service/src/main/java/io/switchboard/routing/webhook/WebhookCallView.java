package io.switchboard.routing.webhook;

import io.switchboard.commons.api.Times;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A logged webhook routing request as the API returns it. */
public record WebhookCallView(
        UUID id,
        UUID callId,
        String url,
        OffsetDateTime startedAt,
        int latencyMs,
        String outcome,
        Integer httpStatus,
        String action,
        String target,
        String message,
        String detail) {

    static WebhookCallView of(WebhookCall call) {
        return new WebhookCallView(
                call.id,
                call.callId,
                call.url,
                Times.utc(call.startedAt),
                call.latencyMs,
                call.outcome,
                call.httpStatus,
                call.action,
                call.target,
                call.message,
                call.detail);
    }
}
