package io.switchboard.helpdesk.ticket;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Who asked: a contact (once contacts exist) or an e-mail address with a name. At least one of {@code contactId} and
 * {@code email} is required.
 */
public record Requester(
        @Schema(description = "The contact's id (contacts come with a later release; stored as given)")
        UUID contactId,

        @Email @Size(max = 254) String email,
        @Size(max = 200) String name) {}
