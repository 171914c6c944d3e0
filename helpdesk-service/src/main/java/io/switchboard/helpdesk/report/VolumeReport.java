package io.switchboard.helpdesk.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How many tickets a tenant got in a range and how many are open now, by status, priority, team and agent. */
public record VolumeReport(
        OffsetDateTime from,
        OffsetDateTime to,
        @Schema(description = "day, week, month, or none") String period,

        @Schema(description = "The IANA time zone periods start in (the tenant's)")
        String timezone,

        @Schema(description = "Tickets created in [from, to)")
        long created,

        @Schema(description = "Tickets open, in progress or pending now, whenever created")
        long openNow,

        List<Count> byStatus,
        List<Count> byPriority,

        @Schema(description = "key: the team id; null: no team")
        List<Count> byTeam,

        @Schema(description = "key: the assignee's user id; null: unassigned")
        List<Count> byAgent,

        @Schema(description = "Tickets created per period (with period)")
        List<PeriodCount> byPeriod) {

    /** One value of a grouping: tickets created in the range with it, and those open now with it. */
    public record Count(String key, long created, long openNow) {}

    public record PeriodCount(LocalDate periodStart, long created) {}
}
