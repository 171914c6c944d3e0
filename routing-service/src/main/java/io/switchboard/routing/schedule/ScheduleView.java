package io.switchboard.routing.schedule;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A schedule as the API returns it and the {@code routing.schedule.*} events carry it. */
public record ScheduleView(
        UUID id,
        String name,
        String timezone,
        WeeklyHours weekly,
        List<Holiday> holidays,
        List<Closure> closures,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {

    public ScheduleRules rules() {
        return new ScheduleRules(weekly, holidays, closures);
    }
}
