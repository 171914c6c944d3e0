package io.switchboard.routing.schedule;

import jakarta.validation.Valid;
import java.time.DayOfWeek;
import java.util.List;

/** Opening intervals per weekday, in local time; a day without intervals is closed. */
public record WeeklyHours(
        List<@Valid TimeInterval> monday,
        List<@Valid TimeInterval> tuesday,
        List<@Valid TimeInterval> wednesday,
        List<@Valid TimeInterval> thursday,
        List<@Valid TimeInterval> friday,
        List<@Valid TimeInterval> saturday,
        List<@Valid TimeInterval> sunday) {

    public WeeklyHours {
        monday = orEmpty(monday);
        tuesday = orEmpty(tuesday);
        wednesday = orEmpty(wednesday);
        thursday = orEmpty(thursday);
        friday = orEmpty(friday);
        saturday = orEmpty(saturday);
        sunday = orEmpty(sunday);
    }

    /** No interval on any day. */
    public static WeeklyHours none() {
        return new WeeklyHours(null, null, null, null, null, null, null);
    }

    public List<TimeInterval> of(DayOfWeek day) {
        return switch (day) {
            case MONDAY -> monday;
            case TUESDAY -> tuesday;
            case WEDNESDAY -> wednesday;
            case THURSDAY -> thursday;
            case FRIDAY -> friday;
            case SATURDAY -> saturday;
            case SUNDAY -> sunday;
        };
    }

    private static List<TimeInterval> orEmpty(List<TimeInterval> intervals) {
        return intervals == null ? List.of() : List.copyOf(intervals);
    }
}
