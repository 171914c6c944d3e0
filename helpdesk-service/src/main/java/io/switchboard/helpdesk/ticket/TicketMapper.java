package io.switchboard.helpdesk.ticket;

import io.switchboard.commons.api.Times;
import io.switchboard.helpdesk.sla.SlaClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

/** Tickets between their stored, editable and API forms. */
public final class TicketMapper {

    private TicketMapper() {}

    public static TicketView toView(Ticket t, List<String> tags, Instant now) {
        TicketStatus status = t.status();
        return new TicketView(
                t.id,
                t.number,
                t.subject,
                t.description,
                status,
                TicketPriority.of(t.priority),
                t.category,
                new Requester(t.requesterContact, t.requesterEmail, t.requesterName),
                t.assigneeId,
                t.teamId,
                List.copyOf(tags),
                Times.utc(t.dueAt),
                isOverdue(t, now),
                t.customFields == null ? new LinkedHashMap<>() : new LinkedHashMap<>(t.customFields),
                TicketSource.of(t.source),
                t.createdBy,
                Times.utc(t.firstResponseAt),
                Times.utc(t.resolvedAt),
                Times.utc(t.closedAt),
                Times.utc(t.deletedAt),
                Times.utc(t.createdAt),
                Times.utc(t.updatedAt),
                t.version,
                SlaClock.view(t, now),
                t.createdAt == null
                        ? 0
                        : Math.max(
                                0, java.time.Duration.between(t.createdAt, now).toSeconds()),
                t.sourceCallId,
                t.sourceChatSessionId,
                null);
    }

    public static boolean isOverdue(Ticket t, Instant now) {
        return t.dueAt != null && t.dueAt.isBefore(now) && t.status().isActive();
    }

    public static TicketDraft toDraft(Ticket t, List<String> tags) {
        return new TicketDraft(
                t.subject,
                t.description,
                t.status(),
                TicketPriority.of(t.priority),
                t.category,
                new Requester(t.requesterContact, t.requesterEmail, t.requesterName),
                t.assigneeId,
                t.teamId,
                List.copyOf(tags),
                Times.utc(t.dueAt),
                t.customFields == null ? new LinkedHashMap<>() : new LinkedHashMap<>(t.customFields));
    }

    /** Copies the editable fields (already validated and normalized) onto the entity; not the status. */
    static void apply(TicketDraft d, Ticket t) {
        t.subject = d.subject().strip();
        t.description = blankToNull(d.description());
        t.priority = d.priority().toString();
        t.priorityRank = (short) d.priority().ordinal();
        t.category = blankToNull(d.category());
        t.requesterContact = d.requester().contactId();
        t.requesterEmail = blankToNull(d.requester().email());
        t.requesterName = blankToNull(d.requester().name());
        t.assigneeId = d.assigneeId() == null ? null : d.assigneeId().toLowerCase(java.util.Locale.ROOT);
        t.teamId = d.teamId();
        t.dueAt = d.dueAt() == null ? null : d.dueAt().toInstant();
        t.customFields = new LinkedHashMap<>(d.customFields());
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
