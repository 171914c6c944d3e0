package io.switchboard.webhook.http;

import java.time.Instant;

/**
 * What happened to one POST: outcome, HTTP status if one came back, its {@code Retry-After}, the start of its body
 * for the log, an error description, and timing.
 */
public record HttpAttempt(
        AttemptOutcome outcome,
        Integer statusCode,
        String retryAfter,
        String responseSnippet,
        String error,
        Instant startedAt,
        long durationMs) {

    public boolean succeeded() {
        return outcome == AttemptOutcome.SUCCEEDED;
    }

    public static HttpAttempt failed(AttemptOutcome outcome, String error, Instant startedAt) {
        return new HttpAttempt(
                outcome,
                null,
                null,
                null,
                error,
                startedAt,
                Math.max(0, Instant.now().toEpochMilli() - startedAt.toEpochMilli()));
    }
}
