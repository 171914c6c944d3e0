package io.switchboard.helpdesk.ticket;

import io.switchboard.helpdesk.sla.SlaState;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The filters of a ticket list; null (or empty) members do not filter, and all given ones must hold.
 *
 * @param assigneeId a user id, or {@link #NONE} for unassigned tickets
 * @param teamId a team id, or null; {@code unassignedTeam} for tickets without team
 * @param requester an e-mail address (case-insensitive) or a contact id
 * @param tags tag names, every one of which the ticket must carry
 * @param overdue true: past due and still active; false: not overdue
 * @param query full-text search (web search syntax: words, "phrases", -excluded, or)
 * @param deleted true: only soft-deleted tickets (for restoring)
 * @param slaStates SLA states, any of which the ticket must be in (at the time of the list)
 */
public record TicketFilter(
        List<TicketStatus> statuses,
        List<TicketPriority> priorities,
        String assigneeId,
        UUID teamId,
        boolean unassignedTeam,
        String requester,
        String category,
        List<String> tags,
        OffsetDateTime createdFrom,
        OffsetDateTime createdTo,
        OffsetDateTime updatedFrom,
        OffsetDateTime updatedTo,
        OffsetDateTime dueFrom,
        OffsetDateTime dueTo,
        Boolean overdue,
        String query,
        boolean deleted,
        List<SlaState> slaStates) {

    public static final String NONE = "none";
}
