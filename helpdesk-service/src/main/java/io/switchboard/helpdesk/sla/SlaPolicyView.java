package io.switchboard.helpdesk.sla;

import io.switchboard.helpdesk.ticket.TicketPriority;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An SLA policy as the API returns it. */
public record SlaPolicyView(
        UUID id,
        String name,
        TicketPriority priority,
        String category,
        int firstResponseMinutes,
        int resolutionMinutes,
        boolean businessHours,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {}
