package io.switchboard.helpdesk.template;

import io.switchboard.helpdesk.ticket.TicketPriority;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A ticket template: what creating sets and a merge patch changes. */
public record TemplateDraft(
        @NotBlank @Size(max = 100) @Schema(examples = "Hardware fault")
        String name,

        @NotBlank @Size(max = 300) @Schema(
                description = "The new ticket's subject; {{name}} placeholders take the values of the request's"
                        + " variables",
                examples = "{{issue_type}} broken")
        String subject,

        @Size(max = 50_000) @Schema(description = "Plain text with {{name}} placeholders")
        String description,

        @Size(max = 100) String category,

        @Schema(description = "low, medium, high or critical; none: the ticket's default (medium)")
        TicketPriority priority,

        UUID teamId,

        @Size(max = 20) @Schema(description = "Names of the tenant's tags")
        List<@NotBlank @Size(max = 50) String> tags) {}
