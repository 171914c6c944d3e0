package io.switchboard.helpdesk.ticket;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new ticket. It starts {@code open}; the tenant's next number is given to it. */
public record TicketCreate(
        @NotBlank @Size(max = TicketDraft.SUBJECT_MAX) String subject,

        @Size(max = TicketDraft.DESCRIPTION_MAX) @Schema(description = "Plain text")
        String description,

        @Schema(description = "low, medium (default), high or critical")
        TicketPriority priority,

        @Size(max = 100) String category,
        @NotNull @Valid Requester requester,

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
        TicketSource source) {}
