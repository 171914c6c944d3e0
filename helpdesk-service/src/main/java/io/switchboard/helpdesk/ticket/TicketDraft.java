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

/** What can be changed on a ticket; a JSON Merge Patch changes it and it is validated as a whole. */
public record TicketDraft(
        @NotBlank @Size(max = SUBJECT_MAX) String subject,
        @Size(max = DESCRIPTION_MAX) String description,
        @NotNull TicketStatus status,
        @NotNull TicketPriority priority,
        @Size(max = 100) String category,
        @NotNull @Valid Requester requester,

        @Pattern(regexp = USER_ID, message = "must be a user id (a UUID)")
        String assigneeId,

        UUID teamId,
        @NotNull @Size(max = MAX_TAGS) List<@NotBlank @Size(max = 50) String> tags,
        OffsetDateTime dueAt,
        @NotNull @Size(max = MAX_CUSTOM_FIELDS) Map<String, Object> customFields) {

    static final int SUBJECT_MAX = 300;
    static final int DESCRIPTION_MAX = 50_000;
    static final int MAX_TAGS = 20;
    static final int MAX_CUSTOM_FIELDS = 50;
    static final String USER_ID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
}
