package io.switchboard.helpdesk.message;

import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Times;
import io.switchboard.commons.db.PagedQuery;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.problem.Validation;
import io.switchboard.helpdesk.Actor;
import io.switchboard.helpdesk.HelpdeskEvents;
import io.switchboard.helpdesk.ticket.Ticket;
import io.switchboard.helpdesk.ticket.TicketEvents.TicketStatusChanged;
import io.switchboard.helpdesk.ticket.TicketService;
import io.switchboard.helpdesk.ticket.TicketStatus;
import io.switchboard.helpdesk.ticket.TicketView;
import io.switchboard.helpdesk.ticket.TicketWorkflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The thread of a ticket: public replies and internal notes, plain text or sanitized HTML. Internal notes are shown
 * only to those who handle tickets ({@code tickets:handle}); to everyone else (viewers, and requesters once they read
 * their tickets) they do not exist. A message moves the ticket along: an agent's first public reply to an open ticket
 * starts work on it ({@code in_progress}) and is its first response; a requester's message reopens a pending or
 * resolved ticket.
 */
@ApplicationScoped
public class MessageService {

    public static final Map<String, String> SORTABLE = Map.of("createdAt", "m.createdAt");

    private final EntityManager em;
    private final TicketService tickets;
    private final HelpdeskEvents events;

    public MessageService(EntityManager em, TicketService tickets, HelpdeskEvents events) {
        this.em = em;
        this.tickets = tickets;
        this.events = events;
    }

    @Transactional
    public MessageView post(String tenantId, UUID ticketId, MessageCreate request, Actor actor) {
        Ticket ticket = tickets.require(tenantId, ticketId);
        boolean internal = Boolean.TRUE.equals(request.isInternal());
        boolean html = Boolean.TRUE.equals(request.isHtml());
        Sender sender = request.sender() == null ? Sender.AGENT : request.sender();
        Validation validation = new Validation();
        if (internal && sender == Sender.REQUESTER) {
            validation.add("isInternal", "internal notes are written by agents, not by the requester");
        }
        String body =
                html ? HtmlBodies.sanitize(request.body()) : request.body().strip();
        String text = html ? HtmlBodies.text(body) : body;
        if (text.isBlank()) {
            validation.add("body", "has no text left after removing unsafe HTML");
        }
        if (request.inReplyToId() != null
                && find(tenantId, ticketId, request.inReplyToId(), actor).isEmpty()) {
            validation.add("inReplyToId", "is not a message of this ticket");
        }
        validation.throwIfInvalid();
        if (ticket.status() == TicketStatus.CLOSED) {
            throw new ProblemException(
                    ProblemType.CONFLICT,
                    "Ticket " + ticket.number + " is closed and takes no more messages; open a new ticket");
        }

        Instant now = Instant.now();
        TicketMessage message = new TicketMessage();
        message.id = Ids.newId();
        message.tenantId = tenantId;
        message.ticketId = ticketId;
        message.inReplyToId = request.inReplyToId();
        message.sender = sender.toString();
        if (sender == Sender.AGENT) {
            message.userId = actor.userId();
            message.senderName = actor.name();
        } else {
            message.senderName = ticket.requesterName;
            message.senderEmail = ticket.requesterEmail;
        }
        message.body = body;
        message.bodyText = text;
        message.html = html;
        message.internal = internal;
        message.createdAt = now;
        message.searchConfig = ticket.searchConfig;
        em.persist(message);

        TicketStatus previous = ticket.status();
        boolean statusChanged = false;
        if (sender == Sender.AGENT && !internal) {
            if (ticket.firstResponseAt == null) {
                ticket.firstResponseAt = now;
            }
            if (previous == TicketStatus.OPEN) {
                statusChanged = TicketWorkflow.transition(ticket, TicketStatus.IN_PROGRESS, now);
            }
        } else if (sender == Sender.REQUESTER
                && (previous == TicketStatus.PENDING || previous == TicketStatus.RESOLVED)) {
            statusChanged = TicketWorkflow.transition(ticket, TicketStatus.OPEN, now);
        }
        ticket.updatedAt = now;
        em.flush();

        MessageView view = toView(message, ticket.number);
        events.emit(EventTypes.HELPDESK_MESSAGE_CREATED, tenantId, "ticket", ticketId, view);
        if (statusChanged) {
            TicketView ticketView = tickets.view(ticket);
            events.emit(
                    EventTypes.HELPDESK_TICKET_STATUS_CHANGED,
                    tenantId,
                    "ticket",
                    ticketId,
                    new TicketStatusChanged(ticketView, previous));
        }
        return view;
    }

    @Transactional
    public Page<MessageView> list(String tenantId, UUID ticketId, PageRequest page, Actor actor) {
        Ticket ticket = tickets.require(tenantId, ticketId);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenant", tenantId);
        parameters.put("ticket", ticketId);
        String condition = "m.tenantId = :tenant and m.ticketId = :ticket"
                + (actor.seesInternal() ? "" : " and m.internal = false");
        return PagedQuery.page(em, TicketMessage.class, "m", condition, parameters, page, "m.id")
                .map(m -> toView(m, ticket.number));
    }

    @Transactional
    public MessageView get(String tenantId, UUID ticketId, UUID messageId, Actor actor) {
        Ticket ticket = tickets.require(tenantId, ticketId);
        return find(tenantId, ticketId, messageId, actor)
                .map(m -> toView(m, ticket.number))
                .orElseThrow(() -> ProblemException.notFound("Message", messageId.toString()));
    }

    /** A message of the ticket that the actor may see. */
    private Optional<TicketMessage> find(String tenantId, UUID ticketId, UUID messageId, Actor actor) {
        return Optional.ofNullable(em.find(TicketMessage.class, messageId))
                .filter(m -> m.tenantId.equals(tenantId) && m.ticketId.equals(ticketId))
                .filter(m -> actor.seesInternal() || !m.internal);
    }

    static MessageView toView(TicketMessage m, String ticketNumber) {
        return new MessageView(
                m.id,
                m.ticketId,
                ticketNumber,
                m.inReplyToId,
                Sender.of(m.sender),
                m.userId,
                m.senderName,
                m.senderEmail,
                m.body,
                m.html,
                m.internal,
                Times.utc(m.createdAt));
    }
}
