package io.switchboard.helpdesk.settings;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a tenant admin can change in the helpdesk settings. */
public record SettingsDraft(
        @NotNull @Pattern(
                regexp = TicketNumbers.PREFIX_PATTERN,
                message = "must be 1 to 10 capital letters or digits, starting with a letter, e.g. ACME")
        @Schema(
                description = "Prefix of new ticket numbers (ACME gives ACME-00042). Tickets keep the number they"
                        + " were given, and stay found by it.")
        String ticketPrefix,

        @Positive @Schema(
                description = "The largest attachment in bytes (uploads and mail), at most the platform's maximum"
                        + " (platformMaxAttachmentBytes); null sets the default, 10 MiB")
        Long maxAttachmentBytes,

        @Size(min = 1, max = 100) @Schema(
                description = "The types attachments may have, as detected from their bytes: media types"
                        + " (application/pdf) or families (image/*); null sets the default list")
        List<
                        @NotNull @Pattern(
                                regexp = AttachmentLimits.TYPE_PATTERN,
                                message =
                                        "must be a lowercase media type such as application/pdf, or a family such as image/*")
                        String>
                allowedAttachmentTypes) {}
