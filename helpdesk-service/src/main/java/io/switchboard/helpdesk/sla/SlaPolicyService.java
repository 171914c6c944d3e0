package io.switchboard.helpdesk.sla;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.MergePatches;
import io.switchboard.commons.api.Times;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.problem.Validation;
import io.switchboard.helpdesk.ticket.TicketPriority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's SLA policies: one per priority and optional category. A ticket follows the policy of its priority and
 * category, else the one of its priority without category; a changed policy applies to tickets from their next
 * creation or reprioritization, a deleted one leaves its tickets without SLA.
 */
@ApplicationScoped
public class SlaPolicyService {

    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt", "version");

    private final EntityManager em;
    private final MergePatches patches;
    private final Clock clock;

    public SlaPolicyService(EntityManager em, MergePatches patches, Clock clock) {
        this.em = em;
        this.patches = patches;
        this.clock = clock;
    }

    @Transactional
    public SlaPolicyView create(String tenantId, SlaPolicyDraft draft) {
        SlaPolicyDraft checked = validate(tenantId, draft, null);
        Instant now = clock.instant();
        SlaPolicy policy = new SlaPolicy();
        policy.id = Ids.newId();
        policy.tenantId = tenantId;
        policy.createdAt = now;
        policy.updatedAt = now;
        apply(checked, policy);
        em.persist(policy);
        em.flush();
        return toView(policy);
    }

    @Transactional
    public SlaPolicyView get(String tenantId, UUID id) {
        return toView(require(tenantId, id));
    }

    /** Every policy of the tenant, by priority (critical first), then category (the default first). */
    @Transactional
    public List<SlaPolicyView> list(String tenantId) {
        return em.createQuery("select p from SlaPolicy p where p.tenantId = :tenant", SlaPolicy.class)
                .setParameter("tenant", tenantId)
                .getResultStream()
                .sorted(Comparator.comparing(
                                (SlaPolicy p) -> -TicketPriority.of(p.priority).ordinal())
                        .thenComparing(p -> p.category == null ? "" : p.category.toLowerCase(Locale.ROOT)))
                .map(SlaPolicyService::toView)
                .toList();
    }

    @Transactional
    public SlaPolicyView update(String tenantId, UUID id, JsonNode patch, String ifMatch) {
        SlaPolicy policy = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, policy.version);
        MergePatches.Patched<SlaPolicyDraft> patched =
                patches.apply(toDraft(policy), patch, SlaPolicyDraft.class, READ_ONLY, toView(policy));
        if (!patched.changedAny()) {
            return toView(policy);
        }
        apply(validate(tenantId, patched.draft(), id), policy);
        policy.updatedAt = clock.instant();
        em.flush();
        return toView(policy);
    }

    @Transactional
    public void delete(String tenantId, UUID id) {
        SlaPolicy policy = require(tenantId, id);
        // the tickets lose their SLA (the foreign key clears it): nothing of theirs may fire any more
        em.createNativeQuery("delete from sla_timer s using ticket t where t.id = s.ticket_id and t.tenant_id = :tenant"
                        + " and t.sla_policy_id = :policy and s.fired_at is null")
                .setParameter("tenant", tenantId)
                .setParameter("policy", id)
                .executeUpdate();
        em.remove(policy);
        em.flush();
    }

    /** The policy for a ticket of this priority and category: the category's, else the priority's default. */
    public Optional<SlaPolicy> match(String tenantId, TicketPriority priority, String category) {
        List<SlaPolicy> candidates = em.createQuery(
                        "select p from SlaPolicy p where p.tenantId = :tenant and p.priority = :priority"
                                + " and (p.category is null or lower(p.category) = :category)",
                        SlaPolicy.class)
                .setParameter("tenant", tenantId)
                .setParameter("priority", priority.toString())
                .setParameter(
                        "category", category == null ? "" : category.strip().toLowerCase(Locale.ROOT))
                .getResultList();
        return candidates.stream()
                .filter(p -> p.category != null)
                .findFirst()
                .or(() -> candidates.stream().findFirst());
    }

    public Optional<SlaPolicy> find(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(SlaPolicy.class, id)).filter(p -> p.tenantId.equals(tenantId));
    }

    private SlaPolicy require(String tenantId, UUID id) {
        return find(tenantId, id).orElseThrow(() -> ProblemException.notFound("SLA policy", id.toString()));
    }

    private SlaPolicyDraft validate(String tenantId, SlaPolicyDraft draft, UUID id) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        if (draft.firstResponseMinutes() != null
                && draft.resolutionMinutes() != null
                && draft.resolutionMinutes() < draft.firstResponseMinutes()) {
            validation.add("resolutionMinutes", "must not be less than firstResponseMinutes");
        }
        validation.throwIfInvalid();
        String category = blankToNull(draft.category());
        boolean taken = em.createQuery(
                                "select count(p) from SlaPolicy p where p.tenantId = :tenant and p.priority = :priority and"
                                        + " coalesce(lower(p.category), '') = :category and p.id <> :id",
                                Long.class)
                        .setParameter("tenant", tenantId)
                        .setParameter("priority", draft.priority().toString())
                        .setParameter("category", category == null ? "" : category.toLowerCase(Locale.ROOT))
                        .setParameter("id", id == null ? new UUID(0, 0) : id)
                        .getSingleResult()
                > 0;
        if (taken) {
            String what = category == null ? "without category" : "for category '" + category + "'";
            throw new ProblemException(Problem.of(
                            ProblemType.ALREADY_EXISTS,
                            "The tenant already has an SLA policy for " + draft.priority() + " tickets " + what)
                    .withErrors(List.of(
                            new FieldError("priority", "has a policy already"),
                            new FieldError("category", "has a policy already"))));
        }
        return draft;
    }

    private static void apply(SlaPolicyDraft draft, SlaPolicy policy) {
        policy.name = draft.name().strip();
        policy.priority = draft.priority().toString();
        policy.category = blankToNull(draft.category());
        policy.firstResponseMinutes = draft.firstResponseMinutes();
        policy.resolutionMinutes = draft.resolutionMinutes();
        policy.businessHours = Boolean.TRUE.equals(draft.businessHours());
    }

    private static SlaPolicyDraft toDraft(SlaPolicy p) {
        return new SlaPolicyDraft(
                p.name,
                TicketPriority.of(p.priority),
                p.category,
                p.firstResponseMinutes,
                p.resolutionMinutes,
                p.businessHours);
    }

    static SlaPolicyView toView(SlaPolicy p) {
        return new SlaPolicyView(
                p.id,
                p.name,
                TicketPriority.of(p.priority),
                p.category,
                p.firstResponseMinutes,
                p.resolutionMinutes,
                p.businessHours,
                Times.utc(p.createdAt),
                Times.utc(p.updatedAt),
                p.version);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
