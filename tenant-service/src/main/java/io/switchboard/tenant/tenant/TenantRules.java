package io.switchboard.tenant.tenant;

import io.switchboard.commons.problem.Validation;
import io.switchboard.tenant.tenant.TenantSettings.Holiday;
import io.switchboard.tenant.tenant.TenantSettings.TimeInterval;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a tenant draft that single-field constraints cannot express: real time zones and locales, ordered and
 * non-overlapping opening hours, unique holidays, logo URLs, and the trial rules. Each failure names its field.
 */
final class TenantRules {

    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private TenantRules() {}

    /**
     * @param trialChanged whether this change sets the status or the trial expiry, so that a past expiry is an error
     *     (an untouched trial that just expired is the expiry job's business, not the editor's)
     */
    static void check(TenantDraft draft, boolean trialChanged, Instant now, Validation validation) {
        checkSettings(draft.settings(), validation);
        if (draft.status() == TenantStatus.TRIAL) {
            validation.require(
                    draft.trialExpiresAt() != null, "trialExpiresAt", "a trial tenant needs a trial expiry date");
            if (trialChanged && draft.trialExpiresAt() != null) {
                validation.require(
                        draft.trialExpiresAt().toInstant().isAfter(now), "trialExpiresAt", "must be in the future");
            }
        } else if (draft.trialExpiresAt() != null) {
            validation.add(
                    "trialExpiresAt",
                    "only a tenant in trial has a trial expiry date (status is " + draft.status() + ")");
        }
    }

    private static void checkSettings(TenantSettings settings, Validation validation) {
        if (settings == null) {
            return;
        }
        if (settings.timezone() != null && !ZONES.contains(settings.timezone())) {
            validation.add("settings.timezone", "must be an IANA time zone such as Europe/Berlin or America/New_York");
        }
        if (settings.locale() != null && !isLanguageTag(settings.locale())) {
            validation.add("settings.locale", "must be a BCP 47 language tag such as en-US or de-DE");
        }
        if (settings.businessHours() != null) {
            if (settings.businessHours().weekly() != null) {
                weekdays(settings.businessHours().weekly())
                        .forEach((day, intervals) ->
                                checkDay("settings.businessHours.weekly." + day, intervals, validation));
            }
            checkHolidays(settings.businessHours().holidays(), validation);
        }
        if (settings.branding() != null && settings.branding().logoUrl() != null) {
            checkLogoUrl(settings.branding().logoUrl(), validation);
        }
    }

    private static boolean isLanguageTag(String tag) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            return !locale.getLanguage().isEmpty();
        } catch (IllformedLocaleException e) {
            return false;
        }
    }

    private static Map<String, List<TimeInterval>> weekdays(TenantSettings.WeeklyHours weekly) {
        Map<String, List<TimeInterval>> days = new LinkedHashMap<>();
        days.put("monday", weekly.monday());
        days.put("tuesday", weekly.tuesday());
        days.put("wednesday", weekly.wednesday());
        days.put("thursday", weekly.thursday());
        days.put("friday", weekly.friday());
        days.put("saturday", weekly.saturday());
        days.put("sunday", weekly.sunday());
        return days;
    }

    /** Intervals must end after they start and follow each other without overlapping. */
    private static void checkDay(String path, List<TimeInterval> intervals, Validation validation) {
        if (intervals == null) {
            return;
        }
        String previousEnd = null;
        for (int i = 0; i < intervals.size(); i++) {
            TimeInterval interval = intervals.get(i);
            if (interval == null || !isTime(interval.start()) || !isTime(interval.end())) {
                continue; // reported by the field constraints
            }
            if (interval.end().compareTo(interval.start()) <= 0) {
                validation.add(path + "[" + i + "].end", "must be after start (" + interval.start() + ")");
            }
            if (previousEnd != null && interval.start().compareTo(previousEnd) < 0) {
                validation.add(
                        path + "[" + i + "].start",
                        "overlaps or precedes the previous interval, which ends at " + previousEnd
                                + "; list intervals in order");
            }
            previousEnd = interval.end();
        }
    }

    private static boolean isTime(String value) {
        return value != null && value.matches(TenantSettings.END_TIME);
    }

    private static void checkHolidays(List<Holiday> holidays, Validation validation) {
        if (holidays == null) {
            return;
        }
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < holidays.size(); i++) {
            Holiday holiday = holidays.get(i);
            if (holiday != null && holiday.date() != null && !seen.add(holiday.date())) {
                validation.add(
                        "settings.businessHours.holidays[" + i + "].date", "is listed twice (" + holiday.date() + ")");
            }
        }
    }

    private static void checkLogoUrl(String url, Validation validation) {
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                validation.add("settings.branding.logoUrl", "must be an absolute https URL");
            }
        } catch (Exception e) {
            validation.add("settings.branding.logoUrl", "must be an absolute https URL");
        }
    }
}
