package io.switchboard.routing.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.Validation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Opening hours at their boundaries, on holidays and closures, and across the daylight-saving changes of 2026 in
 * Europe/Berlin (29 March, 25 October) and America/New_York (8 March, 1 November).
 */
class BusinessHoursTest {

    private static final List<TimeInterval> DAY = List.of(new TimeInterval("08:00", "18:00"));

    private static WeeklyHours everyDay(List<TimeInterval> intervals) {
        return new WeeklyHours(intervals, intervals, intervals, intervals, intervals, intervals, intervals);
    }

    private static BusinessHours hours(String zone, WeeklyHours weekly) {
        return BusinessHours.of(zone, new ScheduleRules(weekly, List.of(), List.of()));
    }

    private static boolean open(BusinessHours hours, String instant) {
        return hours.isOpen(Instant.parse(instant));
    }

    @Test
    void anIntervalOpensAtItsStartAndClosesAtItsEnd() {
        BusinessHours berlin = hours("Europe/Berlin", everyDay(DAY));
        // Saturday 28 March 2026, still CET (UTC+1)
        assertThat(open(berlin, "2026-03-28T06:59:59Z")).isFalse();
        assertThat(open(berlin, "2026-03-28T07:00:00Z")).isTrue();
        assertThat(open(berlin, "2026-03-28T16:59:59Z")).isTrue();
        assertThat(open(berlin, "2026-03-28T17:00:00Z")).isFalse();
    }

    @Test
    void berlinSpringForwardMovesTheOpeningHoursWithTheWallClock() {
        BusinessHours berlin = hours("Europe/Berlin", everyDay(DAY));
        // Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST (UTC+2); 08:00 local is now 06:00 UTC
        assertThat(open(berlin, "2026-03-29T05:59:59Z")).isFalse();
        assertThat(open(berlin, "2026-03-29T06:00:00Z")).isTrue();
        assertThat(open(berlin, "2026-03-29T06:30:00Z"))
                .as("a fixed UTC+1 would say 07:30, closed")
                .isTrue();
        assertThat(open(berlin, "2026-03-29T15:59:59Z")).isTrue();
        assertThat(open(berlin, "2026-03-29T16:00:00Z")).as("18:00 CEST").isFalse();
    }

    @Test
    void berlinAnIntervalInsideTheSkippedHourNeverOpensThatNight() {
        List<TimeInterval> night = List.of(new TimeInterval("02:00", "03:00"));
        BusinessHours berlin = hours("Europe/Berlin", everyDay(night));
        assertThat(open(berlin, "2026-03-28T01:30:00Z"))
                .as("02:30 CET the night before")
                .isTrue();
        assertThat(open(berlin, "2026-03-29T00:59:59Z")).as("01:59:59 CET").isFalse();
        assertThat(open(berlin, "2026-03-29T01:00:00Z"))
                .as("03:00 CEST, right after the gap")
                .isFalse();
    }

    @Test
    void berlinFallBackOpensTheRepeatedHourTwice() {
        List<TimeInterval> night = List.of(new TimeInterval("02:00", "03:00"));
        BusinessHours berlin = hours("Europe/Berlin", everyDay(night));
        // Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 local happens at 00:30 and at 01:30 UTC
        assertThat(open(berlin, "2026-10-24T23:59:59Z")).as("01:59:59 CEST").isFalse();
        assertThat(open(berlin, "2026-10-25T00:30:00Z")).as("02:30 CEST").isTrue();
        assertThat(open(berlin, "2026-10-25T01:30:00Z")).as("02:30 CET").isTrue();
        assertThat(open(berlin, "2026-10-25T02:00:00Z")).as("03:00 CET").isFalse();
        BusinessHours day = hours("Europe/Berlin", everyDay(DAY));
        assertThat(open(day, "2026-10-25T06:59:59Z")).isFalse();
        assertThat(open(day, "2026-10-25T07:00:00Z")).as("08:00 CET").isTrue();
        assertThat(open(day, "2026-10-24T06:00:00Z"))
                .as("08:00 CEST the day before")
                .isTrue();
    }

    @Test
    void newYorkSpringForwardAndFallBack() {
        BusinessHours newYork = hours("America/New_York", everyDay(DAY));
        // Saturday 7 March 2026, EST (UTC-5): 08:00 is 13:00 UTC
        assertThat(open(newYork, "2026-03-07T12:59:59Z")).isFalse();
        assertThat(open(newYork, "2026-03-07T13:00:00Z")).isTrue();
        // Sunday 8 March 2026, 02:00 EST becomes 03:00 EDT (UTC-4): 08:00 is 12:00 UTC, 18:00 is 22:00 UTC
        assertThat(open(newYork, "2026-03-08T11:59:59Z")).isFalse();
        assertThat(open(newYork, "2026-03-08T12:00:00Z")).isTrue();
        assertThat(open(newYork, "2026-03-08T21:59:59Z")).isTrue();
        assertThat(open(newYork, "2026-03-08T22:00:00Z")).isFalse();
        // Sunday 1 November 2026, 02:00 EDT becomes 01:00 EST: 08:00 is 13:00 UTC again
        assertThat(open(newYork, "2026-10-31T12:00:00Z")).as("08:00 EDT").isTrue();
        assertThat(open(newYork, "2026-11-01T12:30:00Z")).as("07:30 EST").isFalse();
        assertThat(open(newYork, "2026-11-01T13:00:00Z")).as("08:00 EST").isTrue();
    }

    @Test
    void severalIntervalsADayAndAnEndAtMidnight() {
        List<TimeInterval> split = List.of(new TimeInterval("08:00", "12:00"), new TimeInterval("13:00", "17:00"));
        WeeklyHours weekly = new WeeklyHours(
                split, split, split, split, split, List.of(new TimeInterval("20:00", "24:00")), List.of());
        BusinessHours utc = hours("UTC", weekly);
        // Monday 2 March 2026
        assertThat(open(utc, "2026-03-02T11:59:00Z")).isTrue();
        assertThat(open(utc, "2026-03-02T12:30:00Z")).as("lunch").isFalse();
        assertThat(open(utc, "2026-03-02T13:00:00Z")).isTrue();
        // Saturday 7 March 2026 until the end of the day; Sunday is closed
        assertThat(open(utc, "2026-03-07T23:59:59Z")).isTrue();
        assertThat(open(utc, "2026-03-08T00:00:00Z")).isFalse();
        assertThat(open(utc, "2026-03-08T12:00:00Z")).isFalse();
    }

    @Test
    void holidaysAndClosuresCloseInsideOpeningHours() {
        ScheduleRules rules = new ScheduleRules(
                everyDay(DAY),
                List.of(new Holiday(LocalDate.parse("2026-12-25"), "Christmas Day")),
                List.of(new Closure(
                        LocalDateTime.parse("2026-12-24T12:00"), LocalDateTime.parse("2026-12-24T14:00"), "Party")));
        BusinessHours berlin = BusinessHours.of("Europe/Berlin", rules);
        assertThat(open(berlin, "2026-12-25T10:00:00Z")).as("holiday").isFalse();
        assertThat(open(berlin, "2026-12-26T10:00:00Z")).isTrue();
        assertThat(open(berlin, "2026-12-24T10:59:59Z")).as("11:59:59 CET").isTrue();
        assertThat(open(berlin, "2026-12-24T11:00:00Z"))
                .as("12:00 CET, closure starts")
                .isFalse();
        assertThat(open(berlin, "2026-12-24T12:59:59Z")).isFalse();
        assertThat(open(berlin, "2026-12-24T13:00:00Z"))
                .as("14:00 CET, closure ends")
                .isTrue();
    }

    @Test
    void aWeekWithoutIntervalsIsAlwaysOpenButForHolidays() {
        BusinessHours hours = BusinessHours.of(
                "Europe/Berlin",
                new ScheduleRules(
                        WeeklyHours.none(), List.of(new Holiday(LocalDate.parse("2026-05-01"), "Labour Day")), null));
        assertThat(open(hours, "2026-04-30T02:00:00Z")).isTrue();
        assertThat(open(hours, "2026-04-30T23:00:00Z")).as("1 May, 01:00 CEST").isFalse();
    }

    @Test
    void theTenantDefaultComesFromItsSettings() throws Exception {
        String settings = """
                {"timezone": "America/New_York", "locale": "en-US",
                 "businessHours": {"weekly": {"monday": [{"start": "09:00", "end": "17:00"}], "tuesday": [],
                   "wednesday": [], "thursday": [], "friday": [], "saturday": [], "sunday": []},
                   "holidays": [{"date": "2026-03-16", "name": "Closed"}]},
                 "branding": {}}
                """;
        BusinessHours hours = BusinessHours.fromTenantSettings(new ObjectMapper().readTree(settings))
                .orElseThrow();
        assertThat(open(hours, "2026-03-09T12:59:59Z"))
                .as("Monday 08:59:59 EDT")
                .isFalse();
        assertThat(open(hours, "2026-03-09T13:00:00Z")).as("Monday 09:00 EDT").isTrue();
        assertThat(open(hours, "2026-03-10T14:00:00Z")).as("Tuesday").isFalse();
        assertThat(open(hours, "2026-03-16T14:00:00Z")).as("holiday Monday").isFalse();
        assertThat(BusinessHours.fromTenantSettings(new ObjectMapper().readTree("{\"timezone\": \"Mars/Olympus\"}")))
                .isEmpty();
    }

    @Test
    void invalidSchedulesNameEveryBadField() {
        ScheduleRules rules = new ScheduleRules(
                new WeeklyHours(
                        List.of(new TimeInterval("08:00", "12:00"), new TimeInterval("11:00", "13:00")),
                        List.of(new TimeInterval("18:00", "08:00")),
                        null,
                        null,
                        null,
                        null,
                        null),
                List.of(),
                List.of(new Closure(
                        LocalDateTime.parse("2026-01-02T10:00"), LocalDateTime.parse("2026-01-02T09:00"), "x")));
        Validation validation = new Validation();
        BusinessHours.check("Europe/Atlantis", rules, "", validation);
        assertThat(validation.errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("timezone", "weekly.monday[1]", "weekly.tuesday[0].end", "closures[0].to");
        Validation valid = new Validation();
        BusinessHours.check("Europe/Berlin", new ScheduleRules(everyDay(DAY), List.of(), List.of()), "", valid);
        assertThat(valid.hasErrors()).isFalse();
    }
}
