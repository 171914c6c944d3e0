package io.switchboard.helpdesk.activity;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.switchboard.helpdesk.Actor;
import io.switchboard.helpdesk.contact.EmailAddresses;
import io.switchboard.helpdesk.message.MessageCreate;
import io.switchboard.helpdesk.message.MessageService;
import io.switchboard.helpdesk.ticket.Requester;
import io.switchboard.helpdesk.ticket.Ticket;
import io.switchboard.helpdesk.ticket.TicketCreate;
import io.switchboard.helpdesk.ticket.TicketService;
import io.switchboard.helpdesk.ticket.TicketSource;
import io.switchboard.helpdesk.ticket.TicketView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Tickets that chat-service asks for: a visitor's offline message ({@code chat.session.offline_message}: what they
 * wrote is the description, they are the requester) and an agent's ticket request for a chat
 * ({@code chat.session.ticket_requested}: the transcript is the first message, an internal note, because it holds the
 * agents' side too and is not for mailing). One ticket per request id, however often the event comes.
 */
@ApplicationScoped
public class ChatTickets {

    static final int SUBJECT_MAX = 300;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private final TicketService tickets;
    private final MessageService messages;
    private final EntityManager em;

    public ChatTickets(TicketService tickets, MessageService messages, EntityManager em) {
        this.tickets = tickets;
        this.messages = messages;
        this.em = em;
    }

    /** The ticket of an offline message, unless its request already has one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<TicketView> fromOfflineMessage(String tenantId, JsonNode data, Activity chat, UUID contactId) {
        UUID requestId = ActivityService.uuid(data, "id");
        if (requestId == null || alreadyOpened(tenantId, requestId)) {
            return Optional.empty();
        }
        JsonNode visitor = data.path("visitor");
        Requester requester = requester(visitor, contactId);
        if (requester == null) {
            Log.infof(
                    "Offline message %s of tenant %s left no e-mail address or phone number: no ticket",
                    requestId, tenantId);
            return Optional.empty();
        }
        StringBuilder description = new StringBuilder();
        for (JsonNode m : data.path("messages")) {
            String body = ActivityService.text(m, "body");
            if (body != null) {
                description.append(description.isEmpty() ? "" : "\n\n").append(body);
            }
        }
        String subject = "Offline message from " + who(visitor);
        TicketView view = create(
                tenantId,
                subject,
                description.isEmpty() ? null : clip(description.toString(), 50_000),
                requester,
                chat == null ? null : chat.externalId(),
                requestId,
                system(null, "Chat (offline message)"));
        return Optional.of(view);
    }

    /** The ticket an agent asked for from a chat, with its transcript as the first message, unless it exists. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<TicketView> fromTicketRequest(String tenantId, JsonNode data, UUID contactId) {
        UUID requestId = ActivityService.uuid(data, "id");
        if (requestId == null || alreadyOpened(tenantId, requestId)) {
            return Optional.empty();
        }
        JsonNode visitor = data.path("visitor");
        Requester requester = requester(visitor, contactId);
        if (requester == null) {
            Log.infof(
                    "Ticket request %s of tenant %s: the visitor left no e-mail address or phone number",
                    requestId, tenantId);
            return Optional.empty();
        }
        String subject = ActivityService.text(data, "subject");
        String requestedBy = ActivityService.text(data, "requestedBy");
        Actor agent = system(requestedBy, "Chat transcript");
        TicketView view = create(
                tenantId,
                subject == null ? "Chat with " + who(visitor) : subject,
                null,
                requester,
                ActivityService.uuid(data, "sessionId"),
                requestId,
                agent);
        String transcript = transcript(data.path("transcript"));
        if (transcript != null) {
            messages.post(tenantId, view.id(), new MessageCreate(transcript, false, true, null, null, null), agent);
        }
        return Optional.of(tickets.get(tenantId, view.id()));
    }

    /** The transcript as text, one line per message: {@code [time] name: body}; null when empty. */
    public static String transcript(JsonNode lines) {
        if (lines == null || !lines.isArray() || lines.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder("Chat transcript\n");
        for (JsonNode line : lines) {
            String sentAt = ActivityService.text(line, "sentAt");
            String stamp = sentAt;
            try {
                stamp = sentAt == null
                        ? ""
                        : STAMP.format(OffsetDateTime.parse(sentAt).withOffsetSameInstant(ZoneOffset.UTC));
            } catch (java.time.format.DateTimeParseException e) {
                // keep it as sent
            }
            String name = ActivityService.text(line, "senderName");
            String body = ActivityService.text(line, "body");
            text.append('\n')
                    .append('[')
                    .append(stamp)
                    .append("] ")
                    .append(name == null ? ActivityService.text(line, "senderType") : name)
                    .append(": ")
                    .append(body == null ? "" : body);
        }
        return clip(text.toString(), MessageCreate.BODY_MAX);
    }

    private TicketView create(
            String tenantId,
            String subject,
            String description,
            Requester requester,
            UUID sessionId,
            UUID requestId,
            Actor actor) {
        TicketView view = tickets.create(
                tenantId,
                new TicketCreate(
                        clip(subject, SUBJECT_MAX),
                        description,
                        null,
                        null,
                        requester,
                        null,
                        null,
                        List.of(),
                        null,
                        Map.of(),
                        TicketSource.CHAT,
                        null,
                        null,
                        null,
                        sessionId),
                actor);
        // on the managed entity: a later flush of it (a message moves the ticket) writes every column
        Ticket ticket = tickets.require(tenantId, view.id());
        ticket.sourceRequestId = requestId;
        em.flush();
        return view;
    }

    private boolean alreadyOpened(String tenantId, UUID requestId) {
        return !em.createNativeQuery("select 1 from ticket where tenant_id = :tenant and source_request_id = :request")
                .setParameter("tenant", tenantId)
                .setParameter("request", requestId)
                .getResultList()
                .isEmpty();
    }

    private static Requester requester(JsonNode visitor, UUID contactId) {
        if (contactId == null) {
            return null;
        }
        String name = ActivityService.text(visitor, "name");
        String email =
                EmailAddresses.normalize(ActivityService.text(visitor, "email")).orElse(null);
        return new Requester(contactId, email, name == null ? null : clip(name, 200));
    }

    private static String who(JsonNode visitor) {
        for (String field : List.of("name", "email", "phone")) {
            String value = ActivityService.text(visitor, field);
            if (value != null) {
                return value;
            }
        }
        return "a visitor";
    }

    /** Who acts for chat-service: the requesting agent (or a name of the source), with the rights to do it. */
    private static Actor system(String userId, String name) {
        return new Actor(userId, name, true, true, false);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
