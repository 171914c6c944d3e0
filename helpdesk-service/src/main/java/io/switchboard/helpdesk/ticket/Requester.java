package io.switchboard.helpdesk.ticket;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Who asked: a contact, or an e-mail address with a name. At least one of {@code contactId} and {@code email} is
 * required; a ticket is always linked to a contact (the given one, or the one found or created from the address).
 */
public record Requester(
        @Schema(
                description = "The requester's contact (requesterContactId): given, or found or created from the"
                        + " e-mail address")
        UUID contactId,

        @Email @Size(max = 254) String email,
        @Size(max = 200) String name) {}
