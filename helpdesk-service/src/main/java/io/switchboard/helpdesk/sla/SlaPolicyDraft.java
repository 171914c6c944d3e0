package io.switchboard.helpdesk.sla;

import io.switchboard.helpdesk.ticket.TicketPriority;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What creating an SLA policy sets and a merge patch changes. */
public record SlaPolicyDraft(
        @NotBlank @Size(max = 100) @Schema(examples = "High priority")
        String name,

        @NotNull TicketPriority priority,

        @Size(max = 100) @Schema(description = "Only tickets of this category (any case); none: the priority's default")
        String category,

        @NotNull @Positive @Max(MAX_MINUTES) @Schema(description = "Minutes to the first public reply of an agent", examples = "60")
        Integer firstResponseMinutes,

        @NotNull @Positive @Max(MAX_MINUTES) @Schema(description = "Minutes to resolution", examples = "480")
        Integer resolutionMinutes,

        @Schema(
                description =
                        "Count the tenant's business hours only (its settings: time zone, weekly hours, holidays)")
        Boolean businessHours) {

    /** A year. */
    public static final int MAX_MINUTES = 525_600;
}
