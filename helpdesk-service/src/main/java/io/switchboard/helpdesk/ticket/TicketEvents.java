package io.switchboard.helpdesk.ticket;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.UUID;

/** The data of {@code helpdesk.ticket.*} events: the ticket, and what changed. */
public final class TicketEvents {

    private TicketEvents() {}

    /** {@code helpdesk.ticket.updated}: the ticket and the JSON paths of what changed. */
    public record TicketUpdated(@JsonUnwrapped TicketView ticket, List<String> changed) {}

    /** {@code helpdesk.ticket.status_changed}: the ticket in its new status, and the one before. */
    public record TicketStatusChanged(@JsonUnwrapped TicketView ticket, TicketStatus previousStatus) {}

    /** {@code helpdesk.ticket.assigned}: the ticket with its new assignee and team, and the ones before. */
    public record TicketAssigned(@JsonUnwrapped TicketView ticket, String previousAssigneeId, UUID previousTeamId) {}
}
