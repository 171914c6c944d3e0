package io.switchboard.helpdesk.settings;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's helpdesk settings as the API returns them. */
public record SettingsView(
        String ticketPrefix,

        @Schema(description = "The number the next ticket will get (read-only)")
        String nextTicketNumber,

        OffsetDateTime updatedAt,
        long version) {}
