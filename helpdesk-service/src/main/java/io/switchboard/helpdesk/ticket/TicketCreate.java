package io.switchboard.helpdesk.ticket;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new ticket. It starts {@code open}; the tenant's next number is given to it. {@code subject} and {@code requester}
 * are required unless a template or the call or chat it comes from gives them.
 */
public record TicketCreate(
        @Size(max = TicketDraft.SUBJECT_MAX) @Schema(description = "Required unless templateId, callId or chatSessionId")
        String subject,

        @Size(max = TicketDraft.DESCRIPTION_MAX) @Schema(description = "Plain text")
        String description,

        @Schema(description = "low, medium (default), high or critical")
        TicketPriority priority,

        @Size(max = 100) String category,

        @Valid @Schema(description = "Required unless callId or chatSessionId: then the caller's or visitor's contact")
        Requester requester,

        @Pattern(regexp = TicketDraft.USER_ID, message = "must be a user id (a UUID)")
        @Schema(description = "The agent's user id; someone else than yourself needs tickets:assign")
        String assigneeId,

        UUID teamId,

        @Size(max = TicketDraft.MAX_TAGS) @Schema(description = "Names of the tenant's tags")
        List<@NotBlank @Size(max = 50) String> tags,

        OffsetDateTime dueAt,

        @Size(max = TicketDraft.MAX_CUSTOM_FIELDS) @Schema(
                description =
                        "Custom fields: names of letters, digits and _ (up to 64), values strings, numbers or booleans")
        Map<String, Object> customFields,

        @Schema(description = "api (default), email, chat or call")
        TicketSource source,

        @Schema(
                description = "A template of the tenant: its subject, description and defaults fill what the request"
                        + " leaves out")
        UUID templateId,

        @Schema(description = "Values of the template's {{name}} placeholders, by name")
        Map<String, String> variables,

        @Schema(description = "A call the helpdesk knows (telephony.events): the caller becomes the requester")
        UUID callId,

        @Schema(
                description = "A chat session the helpdesk knows (chat.events): the visitor becomes the requester, the"
                        + " transcript (when known) the first message, an internal note")
        UUID chatSessionId) {

    /** A ticket without template or call or chat. */
    public TicketCreate(
            String subject,
            String description,
            TicketPriority priority,
            String category,
            Requester requester,
            String assigneeId,
            UUID teamId,
            List<String> tags,
            OffsetDateTime dueAt,
            Map<String, Object> customFields,
            TicketSource source) {
        this(
                subject,
                description,
                priority,
                category,
                requester,
                assigneeId,
                teamId,
                tags,
                dueAt,
                customFields,
                source,
                null,
                null,
                null,
                null);
    }
}
