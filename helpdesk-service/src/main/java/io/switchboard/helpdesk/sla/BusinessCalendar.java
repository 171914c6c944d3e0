package io.switchboard.helpdesk.sla;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
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
 * Time arithmetic in a tenant's business hours: adds business time to an instant and measures the business time
 * between two instants. Opening intervals are local times of the tenant's IANA time zone, turned into instants day by
 * day ({@link ZonedDateTime}), so a daylight-saving change moves them with the wall clock and its day is an hour
 * shorter or longer; holidays are closed whole local days. A week without any interval is open around the clock (as in
 * routing-service's schedules). Same settings format as routing-service's {@code BusinessHours}, which only answers
 * "open at this instant?".
 */
public final class BusinessCalendar {

    /** Around the clock, no holidays: plain elapsed time (policies not counted in business hours). */
    public static final BusinessCalendar ALWAYS = new BusinessCalendar(ZoneId.of("UTC"), Map.of(), Set.of());

    /** How far ahead an addition looks for open time before giving up (a calendar that is never open). */
    private static final int MAX_DAYS = 3 * 366;

    private static final String START = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
    private static final String END = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$";

    private final ZoneId zone;
    private final Map<DayOfWeek, int[]> weekly;
    private final Set<LocalDate> holidays;

    private BusinessCalendar(ZoneId zone, Map<DayOfWeek, int[]> weekly, Set<LocalDate> holidays) {
        this.zone = zone;
        this.weekly = weekly;
        this.holidays = holidays;
    }

    /**
     * @param weekly per weekday, its intervals as {@code [startSecond, endSecond, ...]} after local midnight, sorted
     *     and not overlapping; a day missing is closed, an empty map is open around the clock
     */
    public static BusinessCalendar of(ZoneId zone, Map<DayOfWeek, int[]> weekly, Set<LocalDate> holidays) {
        Map<DayOfWeek, int[]> copy = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, bounds) -> copy.put(day, bounds.clone()));
        return new BusinessCalendar(zone, copy, Set.copyOf(holidays));
    }

    /**
     * The tenant's calendar from its settings ({@code timezone}, {@code businessHours.weekly.<day>[{start, end}]},
     * {@code businessHours.holidays[{date}]}); empty when they are missing or invalid.
     */
    public static Optional<BusinessCalendar> fromTenantSettings(JsonNode settings) {
        if (settings == null || !settings.hasNonNull("timezone")) {
            return Optional.empty();
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(settings.get("timezone").asText());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        JsonNode hours = settings.path("businessHours");
        Map<DayOfWeek, int[]> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            JsonNode intervals = hours.path("weekly").path(day.name().toLowerCase(Locale.ROOT));
            if (!intervals.isArray() || intervals.isEmpty()) {
                continue;
            }
            int[] bounds = new int[intervals.size() * 2];
            int previousEnd = -1;
            for (int i = 0; i < intervals.size(); i++) {
                String start = intervals.get(i).path("start").asText("");
                String end = intervals.get(i).path("end").asText("");
                if (!start.matches(START) || !end.matches(END)) {
                    return Optional.empty();
                }
                bounds[2 * i] = secondOfDay(start);
                bounds[2 * i + 1] = secondOfDay(end);
                if (bounds[2 * i + 1] <= bounds[2 * i] || bounds[2 * i] < previousEnd) {
                    return Optional.empty();
                }
                previousEnd = bounds[2 * i + 1];
            }
            weekly.put(day, bounds);
        }
        Set<LocalDate> holidays = new HashSet<>();
        try {
            for (JsonNode holiday : hours.path("holidays")) {
                holidays.add(LocalDate.parse(holiday.path("date").asText()));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.of(of(zone, weekly, holidays));
    }

    /** The instant {@code amount} of business time after {@code start}. */
    public Instant plus(Instant start, Duration amount) {
        if (amount.isNegative() || amount.isZero()) {
            return start;
        }
        if (this == ALWAYS) {
            return start.plus(amount);
        }
        Duration left = amount;
        LocalDate day = start.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            for (Instant[] open : openOn(day)) {
                if (!open[1].isAfter(start)) {
                    continue;
                }
                Instant from = open[0].isAfter(start) ? open[0] : start;
                Duration available = Duration.between(from, open[1]);
                if (available.compareTo(left) >= 0) {
                    return from.plus(left);
                }
                left = left.minus(available);
            }
        }
        throw new IllegalStateException("The calendar has no open time within " + MAX_DAYS + " days");
    }

    /** The business time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (this == ALWAYS) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            for (Instant[] open : openOn(day)) {
                Instant a = open[0].isAfter(from) ? open[0] : from;
                Instant b = open[1].isBefore(to) ? open[1] : to;
                if (b.isAfter(a)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
        }
        return total;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The open intervals of a local day as instants, in order. */
    private List<Instant[]> openOn(LocalDate day) {
        if (holidays.contains(day)) {
            return List.of();
        }
        if (weekly.isEmpty()) {
            List<Instant[]> whole = new ArrayList<>(1);
            whole.add(new Instant[] {startOf(day), startOf(day.plusDays(1))});
            return whole;
        }
        int[] bounds = weekly.get(day.getDayOfWeek());
        if (bounds == null) {
            return List.of();
        }
        List<Instant[]> open = new ArrayList<>(bounds.length / 2);
        for (int i = 0; i < bounds.length; i += 2) {
            Instant a = at(day, bounds[i]);
            Instant b = at(day, bounds[i + 1]);
            // an interval inside a spring-forward gap has no time at all
            if (b.isAfter(a)) {
                open.add(new Instant[] {a, b});
            }
        }
        return open;
    }

    /** A local time of a day as an instant: a time a spring-forward skips moves later, a repeated one is the first. */
    private Instant at(LocalDate day, int secondOfDay) {
        if (secondOfDay >= 24 * 3600) {
            return startOf(day.plusDays(1));
        }
        return ZonedDateTime.of(day, LocalTime.ofSecondOfDay(secondOfDay), zone).toInstant();
    }

    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    private static int secondOfDay(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 3600 + Integer.parseInt(hhmm.substring(3, 5)) * 60;
    }
}
