package io.switchboard.helpdesk.ticket;

import io.switchboard.commons.problem.ProblemException;
import io.switchboard.helpdesk.Actor;
import io.switchboard.helpdesk.activity.Activity;
import io.switchboard.helpdesk.activity.ActivityService;
import io.switchboard.helpdesk.activity.ChatTickets;
import io.switchboard.helpdesk.contact.EmailAddresses;
import io.switchboard.helpdesk.message.MessageCreate;
import io.switchboard.helpdesk.message.MessageService;
import io.switchboard.helpdesk.template.TemplateService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * {@code POST /api/v1/tickets}: completes the request from what it names (a template; the call or chat it comes from)
 * and creates the ticket, all in one transaction. Fields the request sets always win over what is filled in. A ticket
 * from a chat whose transcript the helpdesk knows gets it as its first message, an internal note.
 */
@ApplicationScoped
public class TicketIntake {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final TicketService tickets;
    private final TemplateService templates;
    private final ActivityService activities;
    private final MessageService messages;

    public TicketIntake(
            TicketService tickets, TemplateService templates, ActivityService activities, MessageService messages) {
        this.tickets = tickets;
        this.templates = templates;
        this.activities = activities;
        this.messages = messages;
    }

    @Transactional
    public TicketView create(String tenantId, TicketCreate request, Actor actor) {
        TicketCreate filled = request;
        if (request.templateId() != null) {
            filled = withTemplate(tenantId, request);
        } else if (request.variables() != null && !request.variables().isEmpty()) {
            throw ProblemException.invalid("variables", "fill a template's placeholders; give templateId too");
        }
        if (request.callId() != null && request.chatSessionId() != null) {
            throw ProblemException.invalid("callId", "a ticket comes from a call or a chat, not both");
        }
        Activity source = null;
        if (request.callId() != null || request.chatSessionId() != null) {
            boolean call = request.callId() != null;
            String field = call ? "callId" : "chatSessionId";
            UUID id = call ? request.callId() : request.chatSessionId();
            source = activities
                    .find(tenantId, call ? Activity.CALL : Activity.CHAT, id)
                    .orElseThrow(() -> ProblemException.unknownReference(
                            field,
                            "is not a " + (call ? "call" : "chat session") + " the helpdesk knows in this tenant"));
            filled = withSource(tenantId, filled, source, field);
        }
        TicketView view = tickets.create(tenantId, filled, actor);
        String transcript = source == null || source.transcriptJson() == null
                ? null
                : ChatTickets.transcript(io.switchboard.helpdesk.activity.Transcripts.parse(source.transcriptJson()));
        if (transcript != null) {
            messages.post(tenantId, view.id(), new MessageCreate(transcript, false, true, null, null, null), actor);
            return tickets.get(tenantId, view.id());
        }
        return view;
    }

    private TicketCreate withSource(String tenantId, TicketCreate r, Activity a, String field) {
        boolean call = a.kind().equals(Activity.CALL);
        Requester requester = r.requester();
        if (requester == null) {
            UUID contact = a.contactId() != null
                    ? a.contactId()
                    : activities.contactOf(
                            tenantId, a.visitorName(), a.visitorEmail(), call ? a.customerNumber() : a.visitorPhone());
            if (contact == null) {
                throw ProblemException.invalid(
                        field, "has no e-mail address or phone number of the customer; give requester");
            }
            String email = a.visitorEmail() == null
                    ? null
                    : EmailAddresses.normalize(a.visitorEmail()).orElse(null);
            requester = new Requester(contact, email, a.visitorName());
        }
        String subject = r.subject();
        if (isBlank(subject)) {
            String when = a.startedAt() == null
                    ? ""
                    : " on " + WHEN.format(a.startedAt().atOffset(ZoneOffset.UTC));
            String who = call
                    ? (a.customerNumber() == null
                            ? ""
                            : ("inbound".equals(a.direction()) ? " from " : " to ") + a.customerNumber())
                    : " with " + firstNonBlank(a.visitorName(), a.visitorEmail(), a.visitorPhone(), "a visitor");
            subject = (call ? "Call" : "Chat") + who + when;
        }
        return new TicketCreate(
                subject,
                r.description(),
                r.priority(),
                r.category(),
                requester,
                r.assigneeId(),
                r.teamId(),
                r.tags(),
                r.dueAt(),
                r.customFields(),
                r.source() == null ? (call ? TicketSource.CALL : TicketSource.CHAT) : r.source(),
                r.templateId(),
                r.variables(),
                r.callId(),
                r.chatSessionId());
    }

    private TicketCreate withTemplate(String tenantId, TicketCreate r) {
        TemplateService.Filled t = templates.fill(tenantId, r.templateId(), r.variables());
        return new TicketCreate(
                isBlank(r.subject()) ? t.subject() : r.subject(),
                r.description() == null ? t.description() : r.description(),
                r.priority() == null ? t.priority() : r.priority(),
                r.category() == null ? t.category() : r.category(),
                r.requester(),
                r.assigneeId(),
                r.teamId() == null ? t.teamId() : r.teamId(),
                r.tags() == null ? t.tags() : r.tags(),
                r.dueAt(),
                r.customFields(),
                r.source(),
                r.templateId(),
                r.variables(),
                r.callId(),
                r.chatSessionId());
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (!isBlank(v)) {
                return v;
            }
        }
        return null;
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
