package io.switchboard.helpdesk.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.helpdesk.sla.SlaView;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A ticket as the API returns it and the {@code helpdesk.ticket.*} events carry it. */
public record TicketView(
        UUID id,

        @Schema(description = "The tenant's ticket number as issued, e.g. ACME-00042")
        String number,

        String subject,
        String description,
        TicketStatus status,
        TicketPriority priority,
        String category,
        Requester requester,
        String assigneeId,
        UUID teamId,
        List<String> tags,
        OffsetDateTime dueAt,

        @Schema(description = "Past its due date and neither resolved nor closed")
        boolean overdue,

        Map<String, Object> customFields,
        TicketSource source,
        @Schema(description = "The user who created it") String createdBy,

        @Schema(description = "The first public reply of an agent")
        OffsetDateTime firstResponseAt,

        OffsetDateTime resolvedAt,
        OffsetDateTime closedAt,

        @Schema(description = "Set while the ticket is deleted (restorable until the retention ends)")
        OffsetDateTime deletedAt,

        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version,

        @Schema(description = "Deadlines and state under the tenant's SLA policy; null without a policy")
        SlaView sla,

        @Schema(description = "Seconds since it was created")
        long ageSeconds,

        @Schema(description = "The call it was opened from (see the requester's contact timeline), or null")
        UUID callId,

        @Schema(description = "The chat session it was opened from, or null")
        UUID chatSessionId,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "In search results (q): how well the ticket matches, higher is better")
        Double relevance) {

    public TicketView withRelevance(Double value) {
        return new TicketView(
                id,
                number,
                subject,
                description,
                status,
                priority,
                category,
                requester,
                assigneeId,
                teamId,
                tags,
                dueAt,
                overdue,
                customFields,
                source,
                createdBy,
                firstResponseAt,
                resolvedAt,
                closedAt,
                deletedAt,
                createdAt,
                updatedAt,
                version,
                sla,
                ageSeconds,
                callId,
                chatSessionId,
                value);
    }
}
