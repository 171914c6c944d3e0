package io.switchboard.helpdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Business time arithmetic across nights, weekends, holidays and daylight-saving changes. */
class BusinessCalendarTest {

    private static final int NINE = 9 * 3600;
    private static final int FIVE_PM = 17 * 3600;

    /** Monday to Friday 09:00-17:00. */
    private static BusinessCalendar officeHours(String zone, Set<LocalDate> holidays) {
        Map<DayOfWeek, int[]> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : new DayOfWeek[] {
            DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY
        }) {
            weekly.put(day, new int[] {NINE, FIVE_PM});
        }
        return BusinessCalendar.of(ZoneId.of(zone), weekly, holidays);
    }

    @Test
    void overTheNightAndTheWeekendIntoSummerTimeInBerlin() {
        BusinessCalendar berlin = officeHours("Europe/Berlin", Set.of());
        // Friday 27 March 2026 16:00 CET (UTC+1); clocks go forward on Sunday the 29th
        Instant friday = Instant.parse("2026-03-27T15:00:00Z");
        // one hour on Friday, one on Monday 09:00-10:00 CEST (UTC+2)
        assertThat(berlin.plus(friday, Duration.ofMinutes(120))).isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
        assertThat(berlin.plus(friday, Duration.ofMinutes(60))).isEqualTo(Instant.parse("2026-03-27T16:00:00Z"));
        // an evening start waits for the next morning
        Instant evening = Instant.parse("2026-03-25T19:30:00Z");
        assertThat(berlin.plus(evening, Duration.ofMinutes(30))).isEqualTo(Instant.parse("2026-03-26T08:30:00Z"));
        assertThat(berlin.between(friday, Instant.parse("2026-03-30T08:00:00Z")))
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void backIntoWinterTimeInBerlinAndNewYork() {
        // Friday 23 October 2026 16:00 CEST; clocks go back on Sunday the 25th: Monday 09:00 is 08:00Z
        BusinessCalendar berlin = officeHours("Europe/Berlin", Set.of());
        assertThat(berlin.plus(Instant.parse("2026-10-23T14:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2026-10-26T09:00:00Z"));
        // New York changes a week later (1 November) and in March on the 8th
        BusinessCalendar newYork = officeHours("America/New_York", Set.of());
        assertThat(newYork.plus(Instant.parse("2026-10-30T20:00:00Z"), Duration.ofHours(2)))
                .as("Friday 16:00 EDT + 2h: Monday 10:00 EST")
                .isEqualTo(Instant.parse("2026-11-02T15:00:00Z"));
        assertThat(newYork.plus(Instant.parse("2026-03-06T21:00:00Z"), Duration.ofHours(2)))
                .as("Friday 16:00 EST + 2h: Monday 10:00 EDT")
                .isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
    }

    @Test
    void holidaysAreClosedDays() {
        // Good Friday 3 April and Easter Monday 6 April 2026
        BusinessCalendar berlin =
                officeHours("Europe/Berlin", Set.of(LocalDate.parse("2026-04-03"), LocalDate.parse("2026-04-06")));
        Instant thursday = Instant.parse("2026-04-02T14:30:00Z"); // 16:30 CEST
        assertThat(berlin.plus(thursday, Duration.ofMinutes(60)))
                .as("30 minutes on Thursday, then Tuesday 09:00-09:30")
                .isEqualTo(Instant.parse("2026-04-07T07:30:00Z"));
        assertThat(berlin.between(thursday, Instant.parse("2026-04-07T07:30:00Z")))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aDayOfDaylightSavingChangeHasTwentyThreeOrTwentyFiveHours() {
        // open around the clock on Sundays only
        BusinessCalendar sundays = BusinessCalendar.of(
                ZoneId.of("America/New_York"), Map.of(DayOfWeek.SUNDAY, new int[] {0, 24 * 3600}), Set.of());
        Instant saturday = Instant.parse("2026-03-07T12:00:00Z");
        Instant monday = Instant.parse("2026-03-09T12:00:00Z");
        assertThat(sundays.between(saturday, monday)).isEqualTo(Duration.ofHours(23));
        assertThat(sundays.between(Instant.parse("2026-10-31T12:00:00Z"), Instant.parse("2026-11-02T12:00:00Z")))
                .isEqualTo(Duration.ofHours(25));
        // 24 business hours from Sunday 8 March 00:00 EST: the 23 of that Sunday, then one of the next Sunday (EDT)
        assertThat(sundays.plus(Instant.parse("2026-03-08T05:00:00Z"), Duration.ofHours(24)))
                .isEqualTo(Instant.parse("2026-03-15T05:00:00Z"));
    }

    @Test
    void aWeekWithoutHoursIsOpenAroundTheClockExceptHolidays() {
        BusinessCalendar always =
                BusinessCalendar.of(ZoneId.of("Europe/Berlin"), Map.of(), Set.of(LocalDate.parse("2026-12-25")));
        assertThat(always.plus(Instant.parse("2026-12-24T20:00:00Z"), Duration.ofHours(4)))
                .as("three hours up to Christmas midnight (23:00Z), none on the 25th, one on the 26th")
                .isEqualTo(Instant.parse("2026-12-25T23:00:00Z").plus(Duration.ofHours(1)));
        assertThat(BusinessCalendar.ALWAYS.plus(Instant.parse("2026-03-28T12:00:00Z"), Duration.ofHours(24)))
                .isEqualTo(Instant.parse("2026-03-29T12:00:00Z"));
        assertThat(BusinessCalendar.ALWAYS.between(
                        Instant.parse("2026-03-28T12:00:00Z"), Instant.parse("2026-03-28T11:00:00Z")))
                .isZero();
    }

    @Test
    void readsTheTenantSettings() throws Exception {
        ObjectMapper json = new ObjectMapper();
        BusinessCalendar calendar =
                BusinessCalendar.fromTenantSettings(json.readTree("""
                        {"timezone": "Europe/Berlin", "businessHours": {
                          "weekly": {"monday": [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}]},
                          "holidays": [{"date": "2026-03-30", "name": "Closed"}]}}""")).orElseThrow();
        // Monday 23 March 11:00 CET: one hour before lunch, four after, then the next open Monday is 6 April
        assertThat(calendar.plus(Instant.parse("2026-03-23T10:00:00Z"), Duration.ofHours(6)))
                .isEqualTo(Instant.parse("2026-04-06T08:00:00Z"));
        assertThat(BusinessCalendar.fromTenantSettings(json.readTree("""
                        {"timezone": "Mars/Olympus"}"""))).isEmpty();
        assertThat(BusinessCalendar.fromTenantSettings(json.readTree("""
                        {"timezone": "UTC", "businessHours": {"weekly": {"monday": [{"start": "17:00", "end": "09:00"}]}}}"""))).isEmpty();
    }
}
