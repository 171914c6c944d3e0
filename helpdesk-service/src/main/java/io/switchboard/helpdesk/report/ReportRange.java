package io.switchboard.helpdesk.report;

import io.switchboard.commons.problem.Validation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The query parameters every helpdesk report shares, checked once: tickets created in [from, to) (default the 30 days
 * before now, at most 366 days), optionally split by the day, week or month of their creation in the tenant's time
 * zone, and grouped by one of what the report offers.
 *
 * @param period {@code day}, {@code week}, {@code month}, or null for the whole range
 * @param groupBy one of the report's groupings, or null for none
 */
public record ReportRange(Instant from, Instant to, String period, String groupBy) {

    public static final List<String> PERIODS = List.of("day", "week", "month");
    private static final Duration MAX_RANGE = Duration.ofDays(366);
    private static final Duration DEFAULT_RANGE = Duration.ofDays(30);

    /**
     * @param groupings what {@code groupBy} may name ({@code none} is always allowed); empty when the report has none
     * @throws io.switchboard.commons.problem.ProblemException 400 naming every invalid parameter
     */
    public static ReportRange parse(
            String from, String to, String period, String groupBy, List<String> groupings, Clock clock) {
        Validation validation = new Validation();
        Instant end = time(to, "to", validation);
        Instant start = time(from, "from", validation);
        String p = blankToNull(period);
        if (p != null && !PERIODS.contains(p)) {
            validation.add("period", "must be day, week or month");
        }
        String g = blankToNull(groupBy);
        if (g != null && g.equals("none")) {
            g = null;
        }
        if (g != null && !groupings.contains(g)) {
            validation.add(
                    "groupBy",
                    groupings.isEmpty() ? "is not offered by this report" : "must be one of " + groupings + " or none");
        }
        validation.throwIfInvalid();
        Instant until = end == null ? clock.instant() : end;
        Instant since = start == null ? until.minus(DEFAULT_RANGE) : start;
        if (!until.isAfter(since)) {
            validation.add("to", "must be after from");
        } else if (Duration.between(since, until).compareTo(MAX_RANGE) > 0) {
            validation.add("from", "the range is at most 366 days");
        }
        validation.throwIfInvalid();
        return new ReportRange(since, until, p, g);
    }

    /** The SQL of the first local day of a ticket's period ({@code :zone} bound), or a null date without periods. */
    public String periodStartSql(String createdColumn) {
        return period == null
                ? "cast(null as date)"
                : "cast(date_trunc('" + period + "', " + createdColumn + " at time zone :zone) as date)";
    }

    private static Instant time(String raw, String name, Validation validation) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (DateTimeParseException e) {
            validation.add(name, "must be an RFC 3339 date-time such as 2026-01-31T12:00:00Z");
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
