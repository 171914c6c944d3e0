package io.switchboard.helpdesk.canned;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.MergePatches;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Times;
import io.switchboard.commons.db.PagedQuery;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.problem.Validation;
import io.switchboard.helpdesk.Actor;
import io.switchboard.helpdesk.message.HtmlBodies;
import io.switchboard.helpdesk.message.MessageCreate;
import io.switchboard.helpdesk.template.Placeholders;
import io.switchboard.helpdesk.ticket.Ticket;
import io.switchboard.helpdesk.ticket.TicketService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The tenant's canned responses, shared by its agents, and their rendering for a ticket: placeholders
 * ({@link #VARIABLES}) are replaced by the ticket's and the agent's values (HTML-escaped in an HTML body, which is
 * sanitized again afterwards); nothing is evaluated.
 */
@ApplicationScoped
public class CannedResponseService {

    public static final List<String> VARIABLES = List.of(
            "ticket.number",
            "ticket.subject",
            "ticket.status",
            "ticket.priority",
            "requester.name",
            "requester.email",
            "agent.name");
    static final String VARIABLE_LIST = "{{ticket.number}}, {{ticket.subject}}, {{ticket.status}},"
            + " {{ticket.priority}}, {{requester.name}}, {{requester.email}}, {{agent.name}}";
    public static final Map<String, String> SORTABLE =
            Map.of("name", "lower(c.name)", "createdAt", "c.createdAt", "updatedAt", "c.updatedAt");
    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt", "version");

    private final EntityManager em;
    private final TicketService tickets;
    private final MergePatches patches;
    private final Clock clock;

    public CannedResponseService(EntityManager em, TicketService tickets, MergePatches patches, Clock clock) {
        this.em = em;
        this.tickets = tickets;
        this.patches = patches;
        this.clock = clock;
    }

    @Transactional
    public CannedResponseView create(String tenantId, CannedResponseDraft draft) {
        CannedResponseDraft checked = validate(tenantId, draft, null);
        Instant now = clock.instant();
        CannedResponse response = new CannedResponse();
        response.id = Ids.newId();
        response.tenantId = tenantId;
        response.createdAt = now;
        response.updatedAt = now;
        apply(checked, response);
        em.persist(response);
        em.flush();
        return toView(response);
    }

    @Transactional
    public CannedResponseView get(String tenantId, UUID id) {
        return toView(require(tenantId, id));
    }

    @Transactional
    public Page<CannedResponseView> list(String tenantId, String search, PageRequest page) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenant", tenantId);
        String condition = "c.tenantId = :tenant";
        if (search != null) {
            condition += " and (lower(c.name) like :search or lower(c.shortcut) like :search)";
            parameters.put(
                    "search",
                    "%" + search.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%");
        }
        return PagedQuery.page(em, CannedResponse.class, "c", condition, parameters, page, "c.id")
                .map(CannedResponseService::toView);
    }

    @Transactional
    public CannedResponseView update(String tenantId, UUID id, JsonNode patch, String ifMatch) {
        CannedResponse response = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, response.version);
        CannedResponseView before = toView(response);
        CannedResponseDraft current =
                new CannedResponseDraft(response.name, response.shortcut, response.body, response.html);
        MergePatches.Patched<CannedResponseDraft> patched =
                patches.apply(current, patch, CannedResponseDraft.class, READ_ONLY, before);
        if (!patched.changedAny()) {
            return before;
        }
        apply(validate(tenantId, patched.draft(), id), response);
        response.updatedAt = clock.instant();
        em.flush();
        return toView(response);
    }

    @Transactional
    public void delete(String tenantId, UUID id) {
        em.remove(require(tenantId, id));
    }

    /** The canned response filled in for the ticket, as {@code actor} would send it (404 for unknown ones). */
    @Transactional
    public RenderedResponse render(String tenantId, UUID id, UUID ticketId, Actor actor) {
        CannedResponse response = require(tenantId, id);
        return render(response, tickets.require(tenantId, ticketId), actor);
    }

    /**
     * A new message with its body: as given, or the canned response it names filled in for the ticket (then its
     * body and isHtml are the canned response's).
     *
     * @throws ProblemException 400 naming {@code body} when there is neither or both, 422 naming
     *     {@code cannedResponseId} when the tenant has no such canned response
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public MessageCreate fillIn(String tenantId, Ticket ticket, MessageCreate request, Actor actor) {
        boolean hasBody = request.body() != null && !request.body().isBlank();
        if (request.cannedResponseId() == null) {
            if (!hasBody) {
                throw ProblemException.invalid("body", "must not be blank (or give cannedResponseId)");
            }
            return request;
        }
        if (hasBody) {
            throw ProblemException.invalid("body", "give either body or cannedResponseId, not both");
        }
        CannedResponse response = find(tenantId, request.cannedResponseId())
                .orElseThrow(() -> ProblemException.unknownReference(
                        "cannedResponseId", "is not a canned response of this tenant"));
        RenderedResponse rendered = render(response, ticket, actor);
        return new MessageCreate(
                rendered.body(),
                rendered.isHtml(),
                request.isInternal(),
                request.sender(),
                request.inReplyToId(),
                request.cannedResponseId());
    }

    private static RenderedResponse render(CannedResponse response, Ticket ticket, Actor actor) {
        Map<String, String> values = new HashMap<>();
        values.put("ticket.number", ticket.number);
        values.put("ticket.subject", ticket.subject);
        values.put("ticket.status", ticket.status);
        values.put("ticket.priority", ticket.priority);
        values.put("requester.name", ticket.requesterName != null ? ticket.requesterName : ticket.requesterEmail);
        values.put("requester.email", ticket.requesterEmail);
        values.put("agent.name", actor.name());
        Function<String, String> value = name -> {
            String v = values.get(name);
            v = v == null ? "" : v;
            return response.html ? escape(v) : v;
        };
        String body = Placeholders.render(response.body, value);
        if (response.html) {
            body = HtmlBodies.sanitize(body);
            return new RenderedResponse(response.id, ticket.id, body, true, HtmlBodies.text(body));
        }
        return new RenderedResponse(response.id, ticket.id, body, false, body);
    }

    private Optional<CannedResponse> find(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(CannedResponse.class, id)).filter(c -> c.tenantId.equals(tenantId));
    }

    private CannedResponse require(String tenantId, UUID id) {
        return find(tenantId, id).orElseThrow(() -> ProblemException.notFound("Canned response", id.toString()));
    }

    private CannedResponseDraft validate(String tenantId, CannedResponseDraft draft, UUID id) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        validation.throwIfInvalid();
        boolean html = Boolean.TRUE.equals(draft.isHtml());
        String body = html
                ? Placeholders.sanitizeKeeping(draft.body(), HtmlBodies::sanitize)
                : draft.body().strip();
        if ((html ? HtmlBodies.text(body) : body).isBlank()) {
            validation.add("body", "has no text left after removing unsafe HTML");
        }
        for (String name : Placeholders.names(body)) {
            if (!VARIABLES.contains(name)) {
                validation.add("body", "{{" + name + "}} is not one of " + VARIABLE_LIST);
            }
        }
        validation.throwIfInvalid();
        String shortcut = draft.shortcut() == null || draft.shortcut().isBlank()
                ? null
                : draft.shortcut().strip();
        List<FieldError> taken = new java.util.ArrayList<>();
        if (taken(tenantId, "lower(c.name)", draft.name().strip(), id)) {
            taken.add(new FieldError("name", "is taken"));
        }
        if (shortcut != null && taken(tenantId, "lower(c.shortcut)", shortcut, id)) {
            taken.add(new FieldError("shortcut", "is taken"));
        }
        if (!taken.isEmpty()) {
            throw new ProblemException(
                    Problem.of(ProblemType.ALREADY_EXISTS, "The tenant already has a canned response of that name")
                            .withErrors(taken));
        }
        return new CannedResponseDraft(draft.name().strip(), shortcut, body, html);
    }

    private boolean taken(String tenantId, String column, String value, UUID exceptId) {
        return em.createQuery(
                                "select count(c) from CannedResponse c where c.tenantId = :tenant and " + column
                                        + " = :value and c.id <> :except",
                                Long.class)
                        .setParameter("tenant", tenantId)
                        .setParameter("value", value.toLowerCase(Locale.ROOT))
                        .setParameter("except", exceptId == null ? new UUID(0, 0) : exceptId)
                        .getSingleResult()
                > 0;
    }

    private static void apply(CannedResponseDraft d, CannedResponse c) {
        c.name = d.name();
        c.shortcut = d.shortcut();
        c.body = d.body();
        c.html = Boolean.TRUE.equals(d.isHtml());
    }

    static CannedResponseView toView(CannedResponse c) {
        return new CannedResponseView(
                c.id, c.name, c.shortcut, c.body, c.html, Times.utc(c.createdAt), Times.utc(c.updatedAt), c.version);
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
