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
import io.switchboard.helpdesk.attachment.AttachmentService;
import io.switchboard.helpdesk.attachment.AttachmentView;
import io.switchboard.helpdesk.canned.CannedResponseService;
import io.switchboard.helpdesk.mail.InboundMail;
import io.switchboard.helpdesk.mail.MailOutbox;
import io.switchboard.helpdesk.sla.SlaClock;
import io.switchboard.helpdesk.ticket.Ticket;
import io.switchboard.helpdesk.ticket.TicketEvents.TicketStatusChanged;
import io.switchboard.helpdesk.ticket.TicketService;
import io.switchboard.helpdesk.ticket.TicketStatus;
import io.switchboard.helpdesk.ticket.TicketView;
import io.switchboard.helpdesk.ticket.TicketWorkflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
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
    private final MailOutbox outbox;
    private final SlaClock sla;
    private final Clock clock;
    private final CannedResponseService canned;
    private final AttachmentService attachments;

    public MessageService(
            EntityManager em,
            TicketService tickets,
            HelpdeskEvents events,
            MailOutbox outbox,
            SlaClock sla,
            Clock clock,
            CannedResponseService canned,
            AttachmentService attachments) {
        this.canned = canned;
        this.attachments = attachments;
        this.outbox = outbox;
        this.sla = sla;
        this.clock = clock;
        this.em = em;
        this.tickets = tickets;
        this.events = events;
    }

    @Transactional
    public MessageView post(String tenantId, UUID ticketId, MessageCreate request, Actor actor) {
        Ticket ticket = tickets.require(tenantId, ticketId);
        List<UUID> attachmentIds = request.attachmentIds();
        request = canned.fillIn(tenantId, ticket, request, actor);
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

        TicketMessage message = new TicketMessage();
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
        return record(ticket, message, List.of(), attachmentIds);
    }

    /**
     * A mail from the requester's side joins the ticket: a requester's message (which reopens a pending or resolved
     * ticket), or, for an automatic mail (an auto-reply, a bounce), an internal note that moves nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public MessageView receiveMail(Ticket ticket, InboundMail mail, boolean automatic) {
        TicketMessage message = new TicketMessage();
        message.sender = Sender.REQUESTER.toString();
        message.senderName = mail.fromName();
        message.senderEmail = mail.fromAddress();
        message.html = mail.html();
        message.body = mail.body().isBlank() ? "(no text)" : mail.body();
        message.bodyText = mail.html() ? HtmlBodies.text(message.body) : message.body;
        message.internal = automatic;
        message.mailMessageId = mail.messageId();
        message.inReplyToId = repliedMessage(ticket, mail.references());
        return record(ticket, message, mail.attachments(), List.of());
    }

    /** Stores a message of the ticket, moves the ticket along, queues the mail to the requester, emits the events. */
    private MessageView record(
            Ticket ticket, TicketMessage message, List<InboundMail.Attachment> mailFiles, List<UUID> attachmentIds) {
        if (ticket.status() == TicketStatus.CLOSED) {
            throw new ProblemException(
                    ProblemType.CONFLICT,
                    "Ticket " + ticket.number + " is closed and takes no more messages; open a new ticket");
        }
        Instant now = clock.instant();
        message.id = Ids.newId();
        message.tenantId = ticket.tenantId;
        message.ticketId = ticket.id;
        message.createdAt = now;
        message.searchConfig = ticket.searchConfig;
        Sender sender = Sender.of(message.sender);
        boolean internal = message.internal;
        em.persist(message);
        em.flush();
        // the files first: a public reply's mail carries the ones attached to it
        attachments.storeFromMail(ticket, message, mailFiles);
        attachments.attach(message, attachmentIds);
        if (sender == Sender.AGENT && !internal) {
            message.mailMessageId = outbox.reply(ticket, message).orElse(null);
        }

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
                && !internal
                && (previous == TicketStatus.PENDING || previous == TicketStatus.RESOLVED)) {
            statusChanged = TicketWorkflow.transition(ticket, TicketStatus.OPEN, now);
        }
        ticket.updatedAt = now;
        // the first reply meets the first response target; a requester's reply resumes a pending ticket's clock
        sla.changed(ticket, previous, ticket.priority, ticket.category, now);
        em.flush();

        MessageView view = toView(message, ticket.number, attachmentsOf(message));
        String tenantId = ticket.tenantId;
        UUID ticketId = ticket.id;
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

    /** The message of the ticket that a mail answers, by its Message-ID. */
    private UUID repliedMessage(Ticket ticket, List<String> references) {
        if (references.isEmpty()) {
            return null;
        }
        return em.createQuery(
                        "select m.id from TicketMessage m where m.tenantId = :tenant and m.ticketId = :ticket"
                                + " and m.mailMessageId = :id",
                        UUID.class)
                .setParameter("tenant", ticket.tenantId)
                .setParameter("ticket", ticket.id)
                .setParameter("id", references.get(0))
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    private List<AttachmentView> attachmentsOf(TicketMessage message) {
        return attachmentsOf(List.of(message)).getOrDefault(message.id, List.of());
    }

    private Map<UUID, List<AttachmentView>> attachmentsOf(List<TicketMessage> messages) {
        Map<UUID, Boolean> internal = new HashMap<>();
        messages.forEach(m -> internal.put(m.id, m.internal));
        return attachments.ofMessages(internal.keySet(), internal);
    }

    @Transactional
    public Page<MessageView> list(String tenantId, UUID ticketId, PageRequest page, Actor actor) {
        Ticket ticket = tickets.require(tenantId, ticketId);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenant", tenantId);
        parameters.put("ticket", ticketId);
        String condition = "m.tenantId = :tenant and m.ticketId = :ticket"
                + (actor.seesInternal() ? "" : " and m.internal = false");
        Page<TicketMessage> found = PagedQuery.page(em, TicketMessage.class, "m", condition, parameters, page, "m.id");
        Map<UUID, List<AttachmentView>> files = attachmentsOf(found.items());
        return found.map(m -> toView(m, ticket.number, files.getOrDefault(m.id, List.of())));
    }

    @Transactional
    public MessageView get(String tenantId, UUID ticketId, UUID messageId, Actor actor) {
        Ticket ticket = tickets.require(tenantId, ticketId);
        return find(tenantId, ticketId, messageId, actor)
                .map(m -> toView(m, ticket.number, attachmentsOf(m)))
                .orElseThrow(() -> ProblemException.notFound("Message", messageId.toString()));
    }

    /** A message of the ticket that the actor may see. */
    private Optional<TicketMessage> find(String tenantId, UUID ticketId, UUID messageId, Actor actor) {
        return Optional.ofNullable(em.find(TicketMessage.class, messageId))
                .filter(m -> m.tenantId.equals(tenantId) && m.ticketId.equals(ticketId))
                .filter(m -> actor.seesInternal() || !m.internal);
    }

    static MessageView toView(TicketMessage m, String ticketNumber, List<AttachmentView> attachments) {
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
                List.copyOf(attachments),
                Times.utc(m.createdAt));
    }
}
