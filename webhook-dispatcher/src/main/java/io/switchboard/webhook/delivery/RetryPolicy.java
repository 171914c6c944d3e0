package io.switchboard.webhook.delivery;

import io.switchboard.webhook.http.AttemptOutcome;
import io.switchboard.webhook.http.HttpAttempt;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * What happens after an attempt: a 2xx ends the delivery; 410 Gone ends it and disables the subscription; 429 and 503
 * with {@code Retry-After} are retried no earlier than the receiver asked; anything else is retried along the
 * schedule, each delay lengthened by a random jitter (never shortened), until the schedule is used up.
 */
public final class RetryPolicy {

    /** What to do with the delivery. */
    public enum Action {
        SUCCEEDED,
        RETRY,
        /** No more attempts: the schedule is used up, or the failure cannot improve by retrying. */
        FAILED,
        /** The receiver said 410 Gone: fail, and disable the subscription. */
        GONE
    }

    /** The decision: the action, and for a retry when. */
    public record Decision(Action action, Instant nextAttemptAt) {}

    private final List<Duration> schedule;
    private final double jitter;
    private final Duration maxRetryAfter;
    private final DoubleSupplier random;

    public RetryPolicy(List<Duration> schedule, double jitter, Duration maxRetryAfter, DoubleSupplier random) {
        if (jitter < 0) {
            throw new IllegalArgumentException("switchboard.webhook.retry.jitter must not be negative");
        }
        this.schedule = List.copyOf(schedule);
        this.jitter = jitter;
        this.maxRetryAfter = maxRetryAfter;
        this.random = random;
    }

    /** The number of retries after the first attempt. */
    public int retries() {
        return schedule.size();
    }

    /**
     * @param retryStep how many retries this delivery already had since it was (re)started
     */
    public Decision decide(int retryStep, HttpAttempt attempt, Instant now) {
        if (attempt.succeeded()) {
            return new Decision(Action.SUCCEEDED, null);
        }
        Integer status = attempt.statusCode();
        if (status != null && status == 410) {
            return new Decision(Action.GONE, null);
        }
        if (attempt.outcome() == AttemptOutcome.PAYLOAD_TOO_LARGE || retryStep >= schedule.size()) {
            return new Decision(Action.FAILED, null);
        }
        if (status != null && (status == 429 || status == 503)) {
            Optional<Duration> asked = retryAfter(attempt.retryAfter(), now);
            if (asked.isPresent()) {
                return new Decision(Action.RETRY, now.plus(asked.get()));
            }
        }
        return new Decision(Action.RETRY, now.plus(withJitter(schedule.get(retryStep))));
    }

    Duration withJitter(Duration delay) {
        long extra = (long) (delay.toMillis() * jitter * random.getAsDouble());
        return delay.plusMillis(extra);
    }

    /**
     * A {@code Retry-After} value (delay-seconds or an HTTP date), clamped to at least one second and at most the
     * configured maximum; empty when absent or unreadable.
     */
    Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Duration delay;
        String text = value.strip();
        try {
            delay = Duration.ofSeconds(Long.parseLong(text));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                delay = Duration.between(now, at);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
        if (delay.compareTo(Duration.ofSeconds(1)) < 0) {
            delay = Duration.ofSeconds(1);
        }
        return Optional.of(delay.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : delay);
    }
}
