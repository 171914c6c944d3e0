package io.switchboard.chat.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Chat figures of a tenant for sessions queued in [from, to), in total and per agent, team or widget.
 *
 * @param groupBy {@code agent}, {@code team} or {@code widget}
 */
public record ChatReport(Instant from, Instant to, String groupBy, Figures total, List<Row> rows) {

    /**
     * One agent, team or widget; {@code key} null collects what has none (sessions no agent answered, offline
     * messages in an agent report, widgets without a team).
     */
    public record Row(
            String key, String name, @JsonUnwrapped Figures figures) {}

    /**
     * @param sessions sessions queued in the range
     * @param answered of those, the ones an agent joined
     * @param abandoned left by the visitor while queued
     * @param abandonRate abandoned / sessions (null without sessions)
     * @param offlineMessages offline forms and sessions that waited past the queue timeout
     * @param firstResponseSeconds from queued to the agent's first message
     * @param durationSeconds from the agent joining to the end
     */
    public record Figures(
            long sessions,
            long answered,
            long abandoned,
            Double abandonRate,
            long offlineMessages,
            Spread firstResponseSeconds,
            Spread durationSeconds,
            Ratings ratings) {}

    /** Median and 90th percentile (continuous, as PostgreSQL's percentile_cont); null without values. */
    public record Spread(Double median, Double p90) {}

    /** The visitors' ratings: how many, their average (2 decimals) and median, and how many of each star. */
    public record Ratings(long count, Double average, Double median, Map<String, Long> distribution) {}
}
