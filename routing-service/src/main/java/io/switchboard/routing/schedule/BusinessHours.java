package io.switchboard.routing.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.commons.problem.Validation;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When a schedule is open, answered for an instant: the instant is turned into the schedule's local date and time
 * ({@link ZonedDateTime}, so daylight-saving changes move the opening hours with the wall clock), then closures,
 * holidays and the weekday's intervals decide. A week without any interval means open around the clock (holidays and
 * closures still close); an interval's start is inclusive, its end exclusive, and {@code 24:00} ends the day.
 */
public final class BusinessHours {

    /** Always open: a tenant without business hours, or a DID without a closed-hours target. */
    public static final BusinessHours ALWAYS = new BusinessHours(ZoneId.of("UTC"), Map.of(), Set.of(), List.of());

    private final ZoneId zone;
    private final Map<DayOfWeek, int[]> weekly;
    private final Set<LocalDate> holidays;
    private final List<Instant[]> closures;

    private BusinessHours(
            ZoneId zone, Map<DayOfWeek, int[]> weekly, Set<LocalDate> holidays, List<Instant[]> closures) {
        this.zone = zone;
        this.weekly = weekly;
        this.holidays = holidays;
        this.closures = closures;
    }

    /** The hours of a valid schedule ({@link #check} found nothing wrong). */
    public static BusinessHours of(String timezone, ScheduleRules rules) {
        ZoneId zone = ZoneId.of(timezone);
        Map<DayOfWeek, int[]> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<TimeInterval> intervals = rules.weekly().of(day);
            if (!intervals.isEmpty()) {
                int[] bounds = new int[intervals.size() * 2];
                for (int i = 0; i < intervals.size(); i++) {
                    bounds[2 * i] = TimeInterval.secondOfDay(intervals.get(i).start());
                    bounds[2 * i + 1] =
                            TimeInterval.secondOfDay(intervals.get(i).end());
                }
                weekly.put(day, bounds);
            }
        }
        Set<LocalDate> holidays = new HashSet<>();
        rules.holidays().forEach(h -> holidays.add(h.date()));
        List<Instant[]> closures = new ArrayList<>();
        for (Closure closure : rules.closures()) {
            // A local time that a spring-forward skips moves later; one that a fall-back repeats takes its first.
            closures.add(new Instant[] {
                ZonedDateTime.of(closure.from(), zone).toInstant(),
                ZonedDateTime.of(closure.to(), zone).toInstant()
            });
        }
        return new BusinessHours(zone, weekly, Set.copyOf(holidays), List.copyOf(closures));
    }

    /**
     * The tenant's default business hours from its settings in the tenant directory ({@code timezone},
     * {@code businessHours.weekly} and {@code businessHours.holidays}); empty when they are missing or invalid.
     */
    public static Optional<BusinessHours> fromTenantSettings(JsonNode settings) {
        if (settings == null || !settings.hasNonNull("timezone")) {
            return Optional.empty();
        }
        JsonNode hours = settings.path("businessHours");
        List<List<TimeInterval>> days = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            List<TimeInterval> intervals = new ArrayList<>();
            for (JsonNode interval : hours.path("weekly").path(day.name().toLowerCase(Locale.ROOT))) {
                intervals.add(new TimeInterval(
                        interval.path("start").asText(), interval.path("end").asText()));
            }
            days.add(intervals);
        }
        List<Holiday> holidays = new ArrayList<>();
        try {
            for (JsonNode holiday : hours.path("holidays")) {
                holidays.add(new Holiday(
                        LocalDate.parse(holiday.path("date").asText()),
                        holiday.path("name").asText(null)));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        ScheduleRules rules = new ScheduleRules(
                new WeeklyHours(
                        days.get(0), days.get(1), days.get(2), days.get(3), days.get(4), days.get(5), days.get(6)),
                holidays,
                List.of());
        String timezone = settings.get("timezone").asText();
        Validation validation = new Validation();
        check(timezone, rules, "", validation);
        return validation.hasErrors() ? Optional.empty() : Optional.of(of(timezone, rules));
    }

    /** Adds what is wrong with a schedule to {@code validation}, under field names starting with {@code prefix}. */
    public static void check(String timezone, ScheduleRules rules, String prefix, Validation validation) {
        if (timezone == null || !ZoneId.getAvailableZoneIds().contains(timezone)) {
            validation.add(prefix + "timezone", "must be an IANA time zone such as Europe/Berlin or America/New_York");
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            String dayField = prefix + "weekly." + day.name().toLowerCase(Locale.ROOT);
            List<TimeInterval> intervals = rules.weekly().of(day);
            int previousEnd = -1;
            for (int i = 0; i < intervals.size(); i++) {
                TimeInterval interval = intervals.get(i);
                if (interval == null
                        || interval.start() == null
                        || interval.end() == null
                        || !interval.start().matches(TimeInterval.START)
                        || !interval.end().matches(TimeInterval.END)) {
                    validation.add(dayField + "[" + i + "]", "must be {start, end} with times HH:mm");
                    continue;
                }
                int start = TimeInterval.secondOfDay(interval.start());
                int end = TimeInterval.secondOfDay(interval.end());
                if (end <= start) {
                    validation.add(dayField + "[" + i + "].end", "must be after start (" + interval.start() + ")");
                } else if (start < previousEnd) {
                    validation.add(dayField + "[" + i + "]", "must start after the previous interval ends");
                }
                previousEnd = Math.max(previousEnd, end);
            }
        }
        for (int i = 0; i < rules.closures().size(); i++) {
            Closure closure = rules.closures().get(i);
            if (closure != null
                    && closure.from() != null
                    && closure.to() != null
                    && !closure.to().isAfter(closure.from())) {
                validation.add(prefix + "closures[" + i + "].to", "must be after from");
            }
        }
    }

    /** Whether the schedule is open at {@code at}. */
    public boolean isOpen(Instant at) {
        for (Instant[] closure : closures) {
            if (!at.isBefore(closure[0]) && at.isBefore(closure[1])) {
                return false;
            }
        }
        if (this == ALWAYS) {
            return true;
        }
        ZonedDateTime local = at.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        if (weekly.isEmpty()) {
            return true;
        }
        int[] bounds = weekly.get(local.getDayOfWeek());
        if (bounds == null) {
            return false;
        }
        int second = local.toLocalTime().toSecondOfDay();
        for (int i = 0; i < bounds.length; i += 2) {
            if (second >= bounds[i] && second < bounds[i + 1]) {
                return true;
            }
        }
        return false;
    }

    public ZoneId zone() {
        return zone;
    }
}
