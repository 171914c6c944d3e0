package io.switchboard.helpdesk.template;

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
import io.switchboard.helpdesk.tag.Tag;
import io.switchboard.helpdesk.tag.TagRepository;
import io.switchboard.helpdesk.ticket.TicketPriority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The tenant's ticket templates (names unique regardless of case) and what a template makes of a new ticket: its
 * subject and description with the request's variables substituted, and its defaults.
 */
@ApplicationScoped
public class TemplateService {

    public static final Map<String, String> SORTABLE =
            Map.of("name", "lower(t.name)", "createdAt", "t.createdAt", "updatedAt", "t.updatedAt");
    private static final Set<String> READ_ONLY = Set.of("id", "variables", "createdAt", "updatedAt", "version");
    private static final int VALUE_MAX = 1000;

    private final EntityManager em;
    private final TagRepository tags;
    private final MergePatches patches;
    private final Clock clock;

    public TemplateService(EntityManager em, TagRepository tags, MergePatches patches, Clock clock) {
        this.em = em;
        this.tags = tags;
        this.patches = patches;
        this.clock = clock;
    }

    /** What a template gives a new ticket; the fields the request sets win over these defaults. */
    public record Filled(
            String subject,
            String description,
            String category,
            TicketPriority priority,
            UUID teamId,
            List<String> tags) {}

    @Transactional
    public TemplateView create(String tenantId, TemplateDraft draft) {
        TemplateDraft checked = validate(tenantId, draft, null);
        Instant now = clock.instant();
        TicketTemplate template = new TicketTemplate();
        template.id = Ids.newId();
        template.tenantId = tenantId;
        template.createdAt = now;
        template.updatedAt = now;
        apply(checked, template);
        em.persist(template);
        em.flush();
        return toView(template);
    }

    @Transactional
    public TemplateView get(String tenantId, UUID id) {
        return toView(require(tenantId, id));
    }

    @Transactional
    public Page<TemplateView> list(String tenantId, String search, PageRequest page) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenant", tenantId);
        String condition = "t.tenantId = :tenant";
        if (search != null) {
            condition += " and lower(t.name) like :search";
            parameters.put(
                    "search",
                    "%" + search.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%");
        }
        return PagedQuery.page(em, TicketTemplate.class, "t", condition, parameters, page, "t.id")
                .map(TemplateService::toView);
    }

    @Transactional
    public TemplateView update(String tenantId, UUID id, JsonNode patch, String ifMatch) {
        TicketTemplate template = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, template.version);
        TemplateView before = toView(template);
        MergePatches.Patched<TemplateDraft> patched =
                patches.apply(toDraft(template), patch, TemplateDraft.class, READ_ONLY, before);
        if (!patched.changedAny()) {
            return before;
        }
        apply(validate(tenantId, patched.draft(), id), template);
        template.updatedAt = clock.instant();
        em.flush();
        return toView(template);
    }

    @Transactional
    public void delete(String tenantId, UUID id) {
        em.remove(require(tenantId, id));
    }

    /**
     * The ticket a template makes with these variables.
     *
     * @throws ProblemException 422 naming {@code templateId} when the tenant has no such template, 400
     *     {@code variables.<name>} for each variable the template uses that the request does not give
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Filled fill(String tenantId, UUID templateId, Map<String, String> variables) {
        TicketTemplate template = find(tenantId, templateId)
                .orElseThrow(() -> ProblemException.unknownReference("templateId", "is not a template of this tenant"));
        Map<String, String> values = variables == null ? Map.of() : variables;
        Validation validation = new Validation();
        values.forEach((name, value) -> {
            if (!Placeholders.NAME.matcher(name).matches()) {
                validation.add("variables." + name, "names are a letter or _, then letters, digits or _ (up to 64)");
            } else if (value != null && value.length() > VALUE_MAX) {
                validation.add("variables." + name, "must be at most " + VALUE_MAX + " characters");
            }
        });
        for (String name : Placeholders.names(template.subject, template.description)) {
            if (values.get(name) == null || values.get(name).isBlank()) {
                validation.add("variables." + name, "is used by template '" + template.name + "' and must be given");
            }
        }
        validation.throwIfInvalid();
        return new Filled(
                Placeholders.render(template.subject, n -> values.get(n).strip()),
                Placeholders.render(template.description, n -> values.get(n).strip()),
                template.category,
                template.priority == null ? null : TicketPriority.of(template.priority),
                template.teamId,
                List.copyOf(template.tags));
    }

    private Optional<TicketTemplate> find(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(TicketTemplate.class, id)).filter(t -> t.tenantId.equals(tenantId));
    }

    private TicketTemplate require(String tenantId, UUID id) {
        return find(tenantId, id).orElseThrow(() -> ProblemException.notFound("Template", id.toString()));
    }

    private TemplateDraft validate(String tenantId, TemplateDraft draft, UUID id) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        validation.throwIfInvalid();
        List<String> tagNames = new ArrayList<>();
        if (draft.tags() != null) {
            Map<String, Tag> known = tags.byNames(tenantId, draft.tags());
            for (int i = 0; i < draft.tags().size(); i++) {
                Tag tag = known.get(draft.tags().get(i).strip().toLowerCase(Locale.ROOT));
                if (tag == null) {
                    validation.add(
                            "tags[" + i + "]",
                            "no tag named '" + draft.tags().get(i).strip() + "' in this tenant");
                } else if (!tagNames.contains(tag.name)) {
                    tagNames.add(tag.name);
                }
            }
        }
        validation.throwIfInvalid();
        long taken = em.createQuery(
                        "select count(t) from TicketTemplate t where t.tenantId = :tenant and lower(t.name) = :name"
                                + " and t.id <> :except",
                        Long.class)
                .setParameter("tenant", tenantId)
                .setParameter("name", draft.name().strip().toLowerCase(Locale.ROOT))
                .setParameter("except", id == null ? new UUID(0, 0) : id)
                .getSingleResult();
        if (taken > 0) {
            throw new ProblemException(Problem.of(
                            ProblemType.ALREADY_EXISTS,
                            "The tenant already has a template named '"
                                    + draft.name().strip() + "'")
                    .withErrors(List.of(new FieldError("name", "is taken"))));
        }
        return new TemplateDraft(
                draft.name(),
                draft.subject(),
                draft.description(),
                draft.category(),
                draft.priority(),
                draft.teamId(),
                tagNames);
    }

    private static void apply(TemplateDraft d, TicketTemplate t) {
        t.name = d.name().strip();
        t.subject = d.subject().strip();
        t.description = blankToNull(d.description());
        t.category = blankToNull(d.category());
        t.priority = d.priority() == null ? null : d.priority().toString();
        t.teamId = d.teamId();
        t.tags = new ArrayList<>(d.tags());
    }

    private static TemplateDraft toDraft(TicketTemplate t) {
        return new TemplateDraft(
                t.name,
                t.subject,
                t.description,
                t.category,
                t.priority == null ? null : TicketPriority.of(t.priority),
                t.teamId,
                List.copyOf(t.tags));
    }

    static TemplateView toView(TicketTemplate t) {
        return new TemplateView(
                t.id,
                t.name,
                t.subject,
                t.description,
                t.category,
                t.priority == null ? null : TicketPriority.of(t.priority),
                t.teamId,
                List.copyOf(t.tags),
                List.copyOf(Placeholders.names(t.subject, t.description)),
                Times.utc(t.createdAt),
                Times.utc(t.updatedAt),
                t.version);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
