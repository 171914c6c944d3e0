package io.switchboard.helpdesk.reminder;

import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new reminder of a ticket. */
public record ReminderCreate(
        @Schema(description = "When to remind the ticket's assignee (RFC 3339, in the future)", required = true)
        OffsetDateTime remindAt,

        @Size(max = 500) @Schema(description = "What to remember")
        String note) {}
