package io.switchboard.helpdesk.settings;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's helpdesk settings as the API returns them. */
public record SettingsView(
        String ticketPrefix,

        @Schema(description = "The number the next ticket will get (read-only)")
        String nextTicketNumber,

        @Schema(description = "The largest attachment in bytes (the default when not set)")
        long maxAttachmentBytes,

        @Schema(description = "The types attachments may have, detected from their bytes (the default when not set)")
        List<String> allowedAttachmentTypes,

        @Schema(description = "The platform's largest attachment, which maxAttachmentBytes stays within (read-only)")
        long platformMaxAttachmentBytes,

        OffsetDateTime updatedAt,
        long version) {}
