package io.switchboard.routing.schedule;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A named business-hours schedule, as created and as a JSON Merge Patch changes it; validated as a whole. */
public record ScheduleDraft(
        @NotBlank @Size(max = 80) @Schema(examples = "Support hours")
        String name,

        @NotNull @Schema(description = "IANA time zone", examples = "Europe/Berlin")
        String timezone,

        @Valid @Schema(description = "Opening intervals per weekday; a week without any interval is always open")
        WeeklyHours weekly,

        @Size(max = 400) List<@Valid @NotNull Holiday> holidays,
        @Size(max = 400) List<@Valid @NotNull Closure> closures) {

    public ScheduleDraft {
        weekly = weekly == null ? WeeklyHours.none() : weekly;
        holidays = holidays == null ? List.of() : holidays;
        closures = closures == null ? List.of() : closures;
    }

    public ScheduleRules rules() {
        return new ScheduleRules(weekly, holidays, closures);
    }
}
