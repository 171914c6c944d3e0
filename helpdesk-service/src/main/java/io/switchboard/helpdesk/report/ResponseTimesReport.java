package io.switchboard.helpdesk.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * First response and resolution times of the tickets created in a range: median and 90th percentile (PostgreSQL
 * {@code percentile_cont}, interpolated), in total and per group and period.
 */
public record ResponseTimesReport(
        OffsetDateTime from,
        OffsetDateTime to,
        @Schema(description = "day, week, month, or none") String period,

        @Schema(description = "team, priority, agent, or none")
        String groupBy,

        @Schema(description = "The IANA time zone periods start in (the tenant's)")
        String timezone,

        @Schema(
                description = "wall: times are elapsed wall-clock seconds from creation, nights, weekends and"
                        + " pending time included (the SLA report judges business hours)")
        String clock,

        Row total,
        List<Row> rows) {

    /**
     * @param key the team id, priority or assignee user id of the group (null: none, or the total)
     * @param firstResponse from creation to the first public reply of an agent
     * @param resolution from creation to resolved (or closed without being resolved)
     */
    public record Row(LocalDate periodStart, String key, long tickets, Times firstResponse, Times resolution) {}

    /**
     * @param count the tickets that reached it (the others have no time yet)
     */
    public record Times(long count, Double medianSeconds, Double p90Seconds) {}
}
