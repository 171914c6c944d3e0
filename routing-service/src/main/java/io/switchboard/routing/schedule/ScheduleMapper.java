package io.switchboard.routing.schedule;

import io.switchboard.commons.api.Times;

/** Schedules between their stored, editable and API forms. */
public final class ScheduleMapper {

    private ScheduleMapper() {}

    public static ScheduleView toView(Schedule schedule) {
        ScheduleRules rules = schedule.rules;
        return new ScheduleView(
                schedule.id,
                schedule.name,
                schedule.timezone,
                rules.weekly(),
                rules.holidays(),
                rules.closures(),
                Times.utc(schedule.createdAt),
                Times.utc(schedule.updatedAt),
                schedule.version);
    }

    static ScheduleDraft toDraft(Schedule schedule) {
        ScheduleRules rules = schedule.rules;
        return new ScheduleDraft(schedule.name, schedule.timezone, rules.weekly(), rules.holidays(), rules.closures());
    }
}
