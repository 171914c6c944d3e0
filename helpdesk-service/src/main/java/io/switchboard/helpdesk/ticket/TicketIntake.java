package io.switchboard.helpdesk.ticket;

import io.switchboard.commons.problem.ProblemException;
import io.switchboard.helpdesk.Actor;
import io.switchboard.helpdesk.template.TemplateService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * {@code POST /api/v1/tickets}: completes the request from what it names (a template; the call or chat it comes from)
 * and creates the ticket, all in one transaction. Fields the request sets always win over what is filled in.
 */
@ApplicationScoped
public class TicketIntake {

    private final TicketService tickets;
    private final TemplateService templates;

    public TicketIntake(TicketService tickets, TemplateService templates) {
        this.tickets = tickets;
        this.templates = templates;
    }

    @Transactional
    public TicketView create(String tenantId, TicketCreate request, Actor actor) {
        TicketCreate filled = request;
        if (request.templateId() != null) {
            filled = withTemplate(tenantId, request);
        } else if (request.variables() != null && !request.variables().isEmpty()) {
            throw ProblemException.invalid("variables", "fill a template's placeholders; give templateId too");
        }
        return tickets.create(tenantId, filled, actor);
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

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
