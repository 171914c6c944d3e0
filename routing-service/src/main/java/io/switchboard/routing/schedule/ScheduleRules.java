package io.switchboard.routing.schedule;

import java.util.List;

/** The opening rules of a schedule as stored: weekly intervals, holidays and one-off closures. */
public record ScheduleRules(WeeklyHours weekly, List<Holiday> holidays, List<Closure> closures) {

    public ScheduleRules {
        weekly = weekly == null ? WeeklyHours.none() : weekly;
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        closures = closures == null ? List.of() : List.copyOf(closures);
    }
}
