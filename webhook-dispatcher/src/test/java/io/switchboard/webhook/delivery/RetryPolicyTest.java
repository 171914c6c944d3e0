package io.switchboard.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.webhook.delivery.RetryPolicy.Action;
import io.switchboard.webhook.http.AttemptOutcome;
import io.switchboard.webhook.http.HttpAttempt;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    /** The default schedule. */
    private static final List<Duration> SCHEDULE = List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10));

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void failuresFollowTheScheduleAndStopWhenItIsUsedUp() {
        RetryPolicy policy = new RetryPolicy(SCHEDULE, 0.1, Duration.ofHours(24), () -> 0.0);
        for (int step = 0; step < SCHEDULE.size(); step++) {
            var decision = policy.decide(step, http(500, null), NOW);
            assertThat(decision.action()).isEqualTo(Action.RETRY);
            assertThat(decision.nextAttemptAt()).isEqualTo(NOW.plus(SCHEDULE.get(step)));
        }
        assertThat(policy.decide(SCHEDULE.size(), http(500, null), NOW).action())
                .isEqualTo(Action.FAILED);
        assertThat(policy.retries()).isEqualTo(7);
    }

    @Test
    void jitterOnlyEverDelays() {
        RetryPolicy most = new RetryPolicy(SCHEDULE, 0.1, Duration.ofHours(24), () -> 0.999_999);
        Instant next = most.decide(1, timeout(), NOW).nextAttemptAt();
        assertThat(next).isAfterOrEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(next).isBeforeOrEqualTo(NOW.plus(Duration.ofSeconds(330)));
    }

    @Test
    void successEndsAndGoneDisables() {
        RetryPolicy policy = new RetryPolicy(SCHEDULE, 0.1, Duration.ofHours(24), () -> 0.5);
        assertThat(policy.decide(0, http(204, null), NOW).action()).isEqualTo(Action.SUCCEEDED);
        assertThat(policy.decide(0, http(410, null), NOW).action()).isEqualTo(Action.GONE);
        assertThat(policy.decide(0, HttpAttempt.failed(AttemptOutcome.PAYLOAD_TOO_LARGE, "too large", NOW), NOW)
                        .action())
                .isEqualTo(Action.FAILED);
    }

    @Test
    void tooManyRequestsAndUnavailableHonourRetryAfterInSecondsOrAsADate() {
        RetryPolicy policy = new RetryPolicy(SCHEDULE, 0.1, Duration.ofHours(24), () -> 0.5);
        assertThat(policy.decide(0, http(429, "120"), NOW).nextAttemptAt()).isEqualTo(NOW.plusSeconds(120));
        String date =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(900).atZone(ZoneOffset.UTC));
        assertThat(policy.decide(3, http(503, date), NOW).nextAttemptAt()).isEqualTo(NOW.plusSeconds(900));
        assertThat(policy.decide(0, http(429, "0"), NOW).nextAttemptAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(policy.decide(0, http(503, "999999"), NOW).nextAttemptAt())
                .isEqualTo(NOW.plus(Duration.ofHours(24)));
        // unreadable or on another status: the schedule applies
        assertThat(policy.decide(0, http(429, "soon"), NOW).nextAttemptAt()).isEqualTo(NOW.plusMillis(5250));
        assertThat(policy.decide(0, http(500, "60"), NOW).nextAttemptAt()).isEqualTo(NOW.plusMillis(5250));
    }

    private static HttpAttempt http(int status, String retryAfter) {
        return new HttpAttempt(
                status < 300 ? AttemptOutcome.SUCCEEDED : AttemptOutcome.HTTP_ERROR,
                status,
                retryAfter,
                null,
                null,
                NOW,
                10);
    }

    private static HttpAttempt timeout() {
        return HttpAttempt.failed(AttemptOutcome.TIMEOUT, "timed out", NOW);
    }
}
