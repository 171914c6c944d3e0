package io.switchboard.chat.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The data of {@code chat.session.ticket_requested}: an agent asked for a helpdesk ticket from a chat. It carries the
 * transcript with the message bodies, because the helpdesk opens the ticket from it and cannot read chat-service's
 * database; helpdesk-service consumes exactly this shape.
 *
 * @param id the request's id (helpdesk-service's idempotency key: one ticket per request)
 * @param requestedBy the agent's user id
 * @param subject the agent's subject, or null (the helpdesk then makes one)
 */
public record TicketRequest(
        UUID id,
        UUID sessionId,
        UUID widgetId,
        Visitor visitor,
        String requestedBy,
        String subject,
        List<Line> transcript) {

    /** Who the ticket's requester is. */
    public record Visitor(String name, String email, String phone) {}

    /** One message of the chat, in sequence order. */
    public record Line(long seq, String senderType, String senderName, String body, Instant sentAt) {}
}
