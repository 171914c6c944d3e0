package io.switchboard.chat.widget;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether chats are offered at an instant: weekly intervals per day name ({@code monday}...) in a time zone, and closed
 * holidays. A schedule with no day at all is always open (the tenant default); a day that is missing or empty is
 * closed once any day is given.
 */
public record OpeningHours(ZoneId zone, Map<String, List<WidgetDraft.Interval>> weekly, List<LocalDate> holidays) {

    public boolean isOpen(java.time.Instant at) {
        if (weekly.isEmpty()) {
            return true;
        }
        ZonedDateTime local = at.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        List<WidgetDraft.Interval> today = weekly.get(dayName(local.getDayOfWeek()));
        if (today == null) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        for (WidgetDraft.Interval interval : today) {
            LocalTime start = LocalTime.parse(interval.start());
            boolean beforeEnd = interval.end().equals("24:00") || time.isBefore(LocalTime.parse(interval.end()));
            if (!time.isBefore(start) && beforeEnd) {
                return true;
            }
        }
        return false;
    }

    public static String dayName(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }
}
