package io.switchboard.tenant.tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * A tenant's own settings, which its tenant admins may change: time zone (IANA), locale (BCP 47), business hours and
 * branding. Rules that span fields are checked by {@link TenantRules}.
 */
public record TenantSettings(
        @NotNull String timezone,
        @NotNull String locale,
        @NotNull @Valid BusinessHours businessHours,
        @NotNull @Valid Branding branding) {

    static final String TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
    static final String END_TIME = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$";
    static final String COLOR = "^#[0-9a-fA-F]{6}$";

    public static TenantSettings defaults() {
        List<TimeInterval> office = List.of(new TimeInterval("09:00", "17:00"));
        return new TenantSettings(
                "UTC",
                "en-US",
                new BusinessHours(
                        new WeeklyHours(office, office, office, office, office, List.of(), List.of()), List.of()),
                new Branding(null, null, null, null));
    }

    /** When the tenant is open: intervals per weekday in the tenant's time zone, and the days it is closed. */
    public record BusinessHours(
            @NotNull @Valid WeeklyHours weekly,
            @NotNull @Size(max = 400) List<@Valid Holiday> holidays) {}

    /** Opening intervals for each day of the week; an empty list is a closed day. */
    public record WeeklyHours(
            @NotNull @Size(max = 8) List<@Valid TimeInterval> monday,
            @NotNull @Size(max = 8) List<@Valid TimeInterval> tuesday,
            @NotNull @Size(max = 8) List<@Valid TimeInterval> wednesday,
            @NotNull @Size(max = 8) List<@Valid TimeInterval> thursday,
            @NotNull @Size(max = 8) List<@Valid TimeInterval> friday,
            @NotNull @Size(max = 8) List<@Valid TimeInterval> saturday,
            @NotNull @Size(max = 8) List<@Valid TimeInterval> sunday) {}

    /** From {@code start} to {@code end}, local time, {@code HH:mm}; {@code end} may be {@code 24:00}. */
    public record TimeInterval(
            @NotNull @Pattern(regexp = TIME, message = "must be a time of day as HH:mm, e.g. 09:00") String start,

            @NotNull @Pattern(regexp = END_TIME, message = "must be a time of day as HH:mm, e.g. 17:30, or 24:00") String end) {}

    /** A day the tenant is closed. */
    public record Holiday(
            @NotNull LocalDate date,
            @NotNull @Size(min = 1, max = 100) String name) {}

    /** How the tenant's UI, widgets and e-mails look. */
    public record Branding(
            @Size(max = 100) String displayName,
            @Size(max = 2048) String logoUrl,

            @Pattern(regexp = COLOR, message = "must be a colour as #RRGGBB, e.g. #1F6FEB") String primaryColor,

            @Pattern(regexp = COLOR, message = "must be a colour as #RRGGBB, e.g. #1F6FEB") String accentColor) {}
}
