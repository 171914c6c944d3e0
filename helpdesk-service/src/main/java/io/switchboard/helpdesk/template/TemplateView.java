package io.switchboard.helpdesk.template;

import io.switchboard.helpdesk.ticket.TicketPriority;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A ticket template as the API returns it. */
public record TemplateView(
        UUID id,
        String name,
        String subject,
        String description,
        String category,
        TicketPriority priority,
        UUID teamId,
        List<String> tags,

        @Schema(description = "The placeholders of subject and description: the variables a ticket from it needs")
        List<String> variables,

        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {}
