package io.switchboard.helpdesk.contact;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A contact as the API returns it and the {@code helpdesk.contact.*} events carry it. */
public record ContactView(
        UUID id,
        String name,

        @Schema(description = "The primary address, also first in emails")
        String email,

        List<ContactEmail> emails,
        @Schema(description = "E.164") List<String> phones,
        List<String> tags,
        String notes,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {}
