package io.switchboard.helpdesk.reminder;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A reminder of a ticket as the API returns it and {@code helpdesk.ticket.reminder_due} carries it. */
public record ReminderView(
        UUID id,
        UUID ticketId,
        OffsetDateTime remindAt,
        String note,
        @Schema(description = "The user who set it") String createdBy,
        OffsetDateTime createdAt,

        @Schema(description = "When it fired; null until then")
        OffsetDateTime firedAt) {}
