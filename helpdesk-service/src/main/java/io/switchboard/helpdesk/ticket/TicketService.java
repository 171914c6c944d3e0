package io.switchboard.helpdesk.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.MergePatches;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.tenant.TenantDirectory;
import io.switchboard.helpdesk.Actor;
import io.switchboard.helpdesk.HelpdeskEvents;
import io.switchboard.helpdesk.assignment.AssignmentRuleService;
import io.switchboard.helpdesk.assignment.AutoAssignment;
import io.switchboard.helpdesk.contact.ContactService;
import io.switchboard.helpdesk.contact.ContactView;
import io.switchboard.helpdesk.settings.SettingsService;
import io.switchboard.helpdesk.settings.TicketNumbers;
import io.switchboard.helpdesk.sla.SlaClock;
import io.switchboard.helpdesk.tag.Tag;
import io.switchboard.helpdesk.tag.TagRepository;
import io.switchboard.helpdesk.ticket.TicketEvents.TicketAssigned;
import io.switchboard.helpdesk.ticket.TicketEvents.TicketStatusChanged;
import io.switchboard.helpdesk.ticket.TicketEvents.TicketUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Tickets of a tenant: creation with the tenant's next number, reads, Merge Patch updates through the status workflow
 * and the assignment rules, soft delete and restore; every change emits its {@code helpdesk.ticket.*} events in the
 * same transaction.
 */
@ApplicationScoped
public class TicketService {

    private static final Set<String> READ_ONLY = Set.of(
            "id",
            "number",
            "overdue",
            "source",
            "createdBy",
            "firstResponseAt",
            "resolvedAt",
            "closedAt",
            "deletedAt",
            "createdAt",
            "updatedAt",
            "version");
    private static final Pattern CUSTOM_FIELD = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,63}$");
    private static final int CUSTOM_VALUE_MAX = 1000;

    private final TicketRepository repository;
    private final TagRepository tags;
    private final SettingsService settings;
    private final MergePatches patches;
    private final HelpdeskEvents events;
    private final TenantDirectory directory;
    private final SearchConfigs searchConfigs;
    private final ContactService contacts;
    private final SlaClock sla;
    private final Clock clock;
    private final References references;
    private final AssignmentRuleService rules;
    private final AutoAssignment autoAssignment;

    public TicketService(
            TicketRepository repository,
            TagRepository tags,
            SettingsService settings,
            MergePatches patches,
            HelpdeskEvents events,
            TenantDirectory directory,
            SearchConfigs searchConfigs,
            ContactService contacts,
            SlaClock sla,
            Clock clock,
            References references,
            AssignmentRuleService rules,
            AutoAssignment autoAssignment) {
        this.contacts = contacts;
        this.sla = sla;
        this.clock = clock;
        this.references = references;
        this.rules = rules;
        this.autoAssignment = autoAssignment;
        this.repository = repository;
        this.tags = tags;
        this.settings = settings;
        this.patches = patches;
        this.events = events;
        this.directory = directory;
        this.searchConfigs = searchConfigs;
    }

    @Transactional
    public TicketView create(String tenantId, TicketCreate request, Actor actor) {
        TicketDraft draft = new TicketDraft(
                request.subject(),
                request.description(),
                TicketStatus.OPEN,
                request.priority() == null ? TicketPriority.MEDIUM : request.priority(),
                request.category(),
                request.requester(),
                request.assigneeId(),
                request.teamId(),
                request.tags() == null ? List.of() : request.tags(),
                request.dueAt(),
                request.customFields() == null ? Map.of() : request.customFields());
        Checked validated = validate(tenantId, draft);
        directory.requireFeature(tenantId, "helpdesk", null);
        checkAssignment(
                actor,
                null,
                null,
                validated.draft().assigneeId(),
                validated.draft().teamId());
        references.check(
                tenantId,
                null,
                null,
                validated.draft().assigneeId(),
                validated.draft().teamId());
        Checked checked = withContact(tenantId, validated);

        Instant now = clock.instant();
        Ticket ticket = new Ticket();
        ticket.id = Ids.newId();
        ticket.tenantId = tenantId;
        ticket.status = TicketStatus.OPEN.toString();
        ticket.source = (request.source() == null ? TicketSource.API : request.source()).toString();
        ticket.createdBy = actor.userId();
        ticket.searchConfig = searchConfigs.forTenant(tenantId);
        ticket.createdAt = now;
        ticket.updatedAt = now;
        TicketMapper.apply(checked.draft(), ticket);
        ticket.sourceCallId = request.callId();
        ticket.sourceChatSessionId = request.chatSessionId();
        if (ticket.assigneeId == null) {
            // automatic assignment: the request's team, else the category's rule; inside it the least-loaded agent
            ticket.teamId = ticket.teamId != null
                    ? ticket.teamId
                    : rules.teamFor(tenantId, ticket.category).orElse(null);
            if (ticket.teamId != null) {
                ticket.assigneeId = autoAssignment.pick(tenantId, ticket.teamId).orElse(null);
            }
        }
        // last, so that the tenant's counter row stays locked as briefly as possible
        ticket.seq = settings.nextNumber(tenantId);
        ticket.number = TicketNumbers.format(settings.prefix(tenantId), ticket.seq);
        repository.persist(ticket);
        tags.setTicketTags(tenantId, ticket.id, checked.tagIds());
        sla.start(ticket);
        repository.flush();

        TicketView view = view(ticket);
        events.emit(EventTypes.HELPDESK_TICKET_CREATED, tenantId, "ticket", ticket.id, view);
        if (ticket.assigneeId != null || ticket.teamId != null) {
            events.emit(
                    EventTypes.HELPDESK_TICKET_ASSIGNED,
                    tenantId,
                    "ticket",
                    ticket.id,
                    new TicketAssigned(view, null, null));
        }
        return view;
    }

    @Transactional
    public TicketView get(String tenantId, UUID id) {
        return view(require(tenantId, id));
    }

    /**
     * The ticket with this number: the number it was given, or its sequence number under the tenant's current prefix
     * (so {@code ACME-00042} stays valid after the prefix became {@code HELP}, and {@code HELP-00042} finds it too).
     */
    @Transactional
    public TicketView getByNumber(String tenantId, String number) {
        ProblemException notFound = ProblemException.notFound("Ticket", number);
        TicketNumbers.Parsed parsed = TicketNumbers.parse(number).orElseThrow(() -> notFound);
        Ticket ticket = repository.findBySeq(tenantId, parsed.seq()).orElseThrow(() -> notFound);
        boolean issued = ticket.number.equalsIgnoreCase(number.strip());
        boolean current = settings.prefix(tenantId).equals(parsed.prefix());
        if (!issued && !current) {
            throw notFound;
        }
        return view(ticket);
    }

    @Transactional
    public Page<TicketView> list(String tenantId, TicketFilter filter, PageRequest page, Actor actor) {
        TicketRepository.Found found = repository.list(
                tenantId, filter, page, searchConfigs.forTenant(tenantId), actor.seesInternal(), clock.instant());
        List<Ticket> tickets = found.page().items();
        Map<UUID, List<String>> names =
                tags.namesOf(tenantId, tickets.stream().map(t -> t.id).toList());
        Instant now = clock.instant();
        return found.page()
                .map(t -> TicketMapper.toView(t, names.getOrDefault(t.id, List.of()), now)
                        .withRelevance(found.relevance().get(t.id)));
    }

    @Transactional
    public TicketView update(String tenantId, UUID id, JsonNode patch, String ifMatch, Actor actor) {
        Ticket ticket = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, ticket.version);
        List<String> currentTags = tags.namesOf(tenantId, id);
        TicketView before = TicketMapper.toView(ticket, currentTags, clock.instant());
        MergePatches.Patched<TicketDraft> patched =
                patches.apply(TicketMapper.toDraft(ticket, currentTags), patch, TicketDraft.class, READ_ONLY, before);
        if (!patched.changedAny()) {
            return before;
        }
        if (ticket.status() == TicketStatus.CLOSED) {
            if (patched.changedUnder("status")) {
                throw TicketWorkflow.refused(
                        TicketStatus.CLOSED, patched.draft().status());
            }
            throw new ProblemException(
                    ProblemType.CONFLICT, "Ticket " + ticket.number + " is closed and cannot change; open a new one");
        }
        Checked checked = validate(tenantId, patched.draft());
        if (patched.changedUnder("requester")) {
            checked = withContact(tenantId, checked);
        }
        TicketDraft draft = checked.draft();
        String previousAssignee = ticket.assigneeId;
        UUID previousTeam = ticket.teamId;
        checkAssignment(actor, previousAssignee, previousTeam, draft.assigneeId(), draft.teamId());
        references.check(tenantId, previousAssignee, previousTeam, draft.assigneeId(), draft.teamId());

        Instant now = clock.instant();
        TicketStatus previousStatus = ticket.status();
        String previousPriority = ticket.priority;
        String previousCategory = ticket.category;
        boolean statusChanged = TicketWorkflow.transition(ticket, draft.status(), now);
        TicketMapper.apply(draft, ticket);
        ticket.updatedAt = now;
        sla.changed(ticket, previousStatus, previousPriority, previousCategory, now);
        if (patched.changedUnder("tags")) {
            tags.setTicketTags(tenantId, id, checked.tagIds());
        }
        repository.flush();

        TicketView view = view(ticket);
        List<String> changed = changes(before, view);
        events.emit(EventTypes.HELPDESK_TICKET_UPDATED, tenantId, "ticket", id, new TicketUpdated(view, changed));
        if (statusChanged) {
            events.emit(
                    EventTypes.HELPDESK_TICKET_STATUS_CHANGED,
                    tenantId,
                    "ticket",
                    id,
                    new TicketStatusChanged(view, previousStatus));
        }
        if (!Objects.equals(previousAssignee, ticket.assigneeId) || !Objects.equals(previousTeam, ticket.teamId)) {
            events.emit(
                    EventTypes.HELPDESK_TICKET_ASSIGNED,
                    tenantId,
                    "ticket",
                    id,
                    new TicketAssigned(view, previousAssignee, previousTeam));
        }
        return view;
    }

    /** Soft delete: the ticket disappears from reads and lists and can be restored until the retention ends. */
    @Transactional
    public void delete(String tenantId, UUID id, String ifMatch) {
        Ticket ticket = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, ticket.version);
        Instant now = clock.instant();
        ticket.deletedAt = now;
        ticket.updatedAt = now;
        repository.flush();
        events.emit(EventTypes.HELPDESK_TICKET_DELETED, tenantId, "ticket", id, view(ticket));
    }

    @Transactional
    public TicketView restore(String tenantId, UUID id) {
        Ticket ticket =
                repository.findAny(tenantId, id).orElseThrow(() -> ProblemException.notFound("Ticket", id.toString()));
        if (ticket.deletedAt == null) {
            throw new ProblemException(ProblemType.CONFLICT, "Ticket " + ticket.number + " is not deleted");
        }
        ticket.deletedAt = null;
        ticket.updatedAt = clock.instant();
        repository.flush();
        TicketView view = view(ticket);
        events.emit(EventTypes.HELPDESK_TICKET_RESTORED, tenantId, "ticket", id, view);
        return view;
    }

    /** A ticket that is not deleted, or 404 (also for another tenant's id). */
    public Ticket require(String tenantId, UUID id) {
        return repository.find(tenantId, id).orElseThrow(() -> ProblemException.notFound("Ticket", id.toString()));
    }

    public TicketView view(Ticket ticket) {
        return TicketMapper.toView(ticket, tags.namesOf(ticket.tenantId, ticket.id), clock.instant());
    }

    private List<String> changes(TicketView before, TicketView after) {
        List<String> changed = new ArrayList<>(patches.changes(before, after));
        // ageSeconds moves with the clock, not with the change
        changed.removeAll(List.of("updatedAt", "version", "ageSeconds"));
        return changed;
    }

    /**
     * The draft with its requester linked to a contact: the given contact (which must be the tenant's; its primary
     * address and name fill what the request left out), or the contact found or created from the given address.
     */
    private Checked withContact(String tenantId, Checked checked) {
        TicketDraft d = checked.draft();
        Requester requester = d.requester();
        ContactView contact;
        String email = requester.email();
        if (requester.contactId() != null) {
            contact = contacts.require(tenantId, requester.contactId(), "requester.contactId");
            if (isBlank(email)) {
                email = contact.email();
            }
        } else {
            contact = contacts.findOrCreateByEmail(tenantId, email, requester.name(), "requester.email");
        }
        String name = isBlank(requester.name()) ? contact.name() : requester.name();
        TicketDraft linked = new TicketDraft(
                d.subject(),
                d.description(),
                d.status(),
                d.priority(),
                d.category(),
                new Requester(contact.id(), email, name),
                d.assigneeId(),
                d.teamId(),
                d.tags(),
                d.dueAt(),
                d.customFields());
        return new Checked(linked, checked.tagIds());
    }

    /** A validated draft (tags by their stored names) and the ids of its tags. */
    private record Checked(TicketDraft draft, List<UUID> tagIds) {}

    private Checked validate(String tenantId, TicketDraft draft) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        Requester requester = draft.requester();
        if (requester != null && requester.contactId() == null && isBlank(requester.email())) {
            validation.add("requester", "needs an email or a contactId");
        }
        Map<String, Object> custom = new LinkedHashMap<>();
        if (draft.customFields() != null) {
            draft.customFields().forEach((name, value) -> {
                String field = "customFields." + name;
                if (!CUSTOM_FIELD.matcher(name).matches()) {
                    validation.add(field, "names are a letter, then letters, digits or _ (up to 64)");
                } else if (value instanceof String s && s.length() > CUSTOM_VALUE_MAX) {
                    validation.add(field, "must be at most " + CUSTOM_VALUE_MAX + " characters");
                } else if (value != null
                        && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                    validation.add(field, "must be a string, a number or a boolean");
                } else if (value != null) {
                    custom.put(name, value);
                }
            });
        }
        List<String> tagNames = new ArrayList<>();
        List<UUID> tagIds = new ArrayList<>();
        if (draft.tags() != null && draft.tags().stream().noneMatch(TicketService::isBlank)) {
            Map<String, Tag> known = tags.byNames(tenantId, draft.tags());
            Set<UUID> seen = new LinkedHashSet<>();
            for (int i = 0; i < draft.tags().size(); i++) {
                String name = draft.tags().get(i);
                Tag tag = known.get(name.strip().toLowerCase(Locale.ROOT));
                if (tag == null) {
                    validation.add(
                            "tags[" + i + "]",
                            "no tag named '" + name.strip() + "' in this tenant; tenant admins create tags");
                } else if (seen.add(tag.id)) {
                    tagIds.add(tag.id);
                    tagNames.add(tag.name);
                }
            }
        }
        validation.throwIfInvalid();
        TicketDraft normalized = new TicketDraft(
                draft.subject(),
                draft.description(),
                draft.status(),
                draft.priority(),
                draft.category(),
                draft.requester(),
                draft.assigneeId(),
                draft.teamId(),
                tagNames,
                draft.dueAt(),
                custom);
        return new Checked(normalized, tagIds);
    }

    /**
     * Agents may take an unassigned ticket, give back their own, and set the team of a ticket without one; everything
     * else about assignment (giving tickets to others, taking them from others, moving them between teams) needs
     * {@code tickets:assign}.
     */
    static void checkAssignment(Actor actor, String oldAssignee, UUID oldTeam, String newAssignee, UUID newTeam) {
        if (actor.mayAssign()) {
            return;
        }
        String me = actor.userId() == null ? "" : actor.userId().toLowerCase(Locale.ROOT);
        String next = newAssignee == null ? null : newAssignee.toLowerCase(Locale.ROOT);
        List<String> fields = new ArrayList<>();
        if (!Objects.equals(oldAssignee, next)) {
            boolean takesFree = oldAssignee == null && me.equals(next);
            boolean givesBack = next == null && me.equals(oldAssignee);
            if (!takesFree && !givesBack) {
                fields.add("assigneeId");
            }
        }
        if (!Objects.equals(oldTeam, newTeam) && oldTeam != null) {
            fields.add("teamId");
        }
        if (!fields.isEmpty()) {
            throw new ProblemException(Problem.of(
                            ProblemType.FORBIDDEN,
                            "Assigning tickets to others, taking them from others and moving them between teams"
                                    + " needs the permission tickets:assign (supervisors, tenant admins)")
                    .with("fields", fields));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
