package io.switchboard.helpdesk.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.MergePatches;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.tenant.TeamDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The tenant's assignment rules, category to team: one rule per category (ignoring case), and the team must be one of
 * the tenant's teams (a 422 naming {@code teamId} otherwise).
 */
@ApplicationScoped
public class AssignmentRuleService {

    static final Map<String, String> SORTABLE =
            Map.of("category", "lower(category)", "createdAt", "created_at", "updatedAt", "updated_at");
    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt", "version");
    private static final String COLUMNS = "id, category, team_id, created_at, updated_at, version";

    private final EntityManager em;
    private final MergePatches patches;
    private final TeamDirectory teams;

    public AssignmentRuleService(EntityManager em, MergePatches patches, TeamDirectory teams) {
        this.em = em;
        this.patches = patches;
        this.teams = teams;
    }

    @Transactional
    public AssignmentRuleView create(String tenantId, AssignmentRuleDraft draft) {
        AssignmentRuleDraft checked = validate(tenantId, draft, null);
        UUID id = Ids.newId();
        Instant now = Instant.now();
        em.createNativeQuery("insert into assignment_rule (id, tenant_id, category, team_id, created_at, updated_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?5)")
                .setParameter(1, id)
                .setParameter(2, tenantId)
                .setParameter(3, checked.category())
                .setParameter(4, checked.teamId())
                .setParameter(5, now)
                .executeUpdate();
        return get(tenantId, id);
    }

    @Transactional
    public AssignmentRuleView get(String tenantId, UUID id) {
        return find(tenantId, id).orElseThrow(() -> ProblemException.notFound("Assignment rule", id.toString()));
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Page<AssignmentRuleView> list(String tenantId, PageRequest page) {
        long total = ((Number) em.createNativeQuery("select count(*) from assignment_rule where tenant_id = ?1")
                        .setParameter(1, tenantId)
                        .getSingleResult())
                .longValue();
        List<String> order = new ArrayList<>();
        for (PageRequest.SortOrder sort : page.sort()) {
            order.add(SORTABLE.get(sort.field()) + (sort.ascending() ? " asc" : " desc"));
        }
        order.add("id");
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from assignment_rule where tenant_id = ?1"
                        + " order by " + String.join(", ", order) + " limit ?2 offset ?3")
                .setParameter(1, tenantId)
                .setParameter(2, page.size())
                .setParameter(3, page.offset())
                .getResultList();
        return Page.of(rows.stream().map(AssignmentRuleService::view).toList(), page, total);
    }

    @Transactional
    public AssignmentRuleView update(String tenantId, UUID id, JsonNode patch, String ifMatch) {
        AssignmentRuleView current = get(tenantId, id);
        ETags.checkIfMatch(ifMatch, current.version());
        MergePatches.Patched<AssignmentRuleDraft> patched = patches.apply(
                new AssignmentRuleDraft(current.category(), current.teamId()),
                patch,
                AssignmentRuleDraft.class,
                READ_ONLY,
                current);
        if (!patched.changedAny()) {
            return current;
        }
        AssignmentRuleDraft checked = validate(tenantId, patched.draft(), id);
        em.createNativeQuery("update assignment_rule set category = ?1, team_id = ?2, updated_at = ?3,"
                        + " version = version + 1 where tenant_id = ?4 and id = ?5 and version = ?6")
                .setParameter(1, checked.category())
                .setParameter(2, checked.teamId())
                .setParameter(3, Instant.now())
                .setParameter(4, tenantId)
                .setParameter(5, id)
                .setParameter(6, current.version())
                .executeUpdate();
        return get(tenantId, id);
    }

    @Transactional
    public void delete(String tenantId, UUID id) {
        int deleted = em.createNativeQuery("delete from assignment_rule where tenant_id = ?1 and id = ?2")
                .setParameter(1, tenantId)
                .setParameter(2, id)
                .executeUpdate();
        if (deleted == 0) {
            throw ProblemException.notFound("Assignment rule", id.toString());
        }
    }

    /** The team of the rule for this category, if the tenant has one. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<UUID> teamFor(String tenantId, String category) {
        if (category == null || category.isBlank()) {
            return Optional.empty();
        }
        List<UUID> team = em.createNativeQuery(
                        "select team_id from assignment_rule where tenant_id = ?1" + " and lower(category) = lower(?2)")
                .setParameter(1, tenantId)
                .setParameter(2, category.strip())
                .getResultList();
        return team.stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    private Optional<AssignmentRuleView> find(String tenantId, UUID id) {
        List<Object[]> rows = em.createNativeQuery(
                        "select " + COLUMNS + " from assignment_rule where tenant_id = ?1" + " and id = ?2")
                .setParameter(1, tenantId)
                .setParameter(2, id)
                .getResultList();
        return rows.stream().findFirst().map(AssignmentRuleService::view);
    }

    private AssignmentRuleDraft validate(String tenantId, AssignmentRuleDraft draft, UUID except) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        validation.throwIfInvalid();
        String category = draft.category().strip();
        List<?> taken = em.createNativeQuery(
                        "select id from assignment_rule where tenant_id = ?1" + " and lower(category) = lower(?2)")
                .setParameter(1, tenantId)
                .setParameter(2, category)
                .getResultList();
        if (taken.stream().anyMatch(other -> !other.equals(except))) {
            throw new ProblemException(
                    Problem.of(ProblemType.ALREADY_EXISTS, "The tenant has a rule for category '" + category + "'")
                            .withErrors(List.of(new FieldError("category", "has a rule already"))));
        }
        if (teams.find(tenantId, draft.teamId()).isEmpty()) {
            throw ProblemException.unknownReference("teamId", "'" + draft.teamId() + "' is not a team of this tenant");
        }
        return new AssignmentRuleDraft(category, draft.teamId());
    }

    private static AssignmentRuleView view(Object[] v) {
        return new AssignmentRuleView(
                (UUID) v[0], (String) v[1], (UUID) v[2], utc(v[3]), utc(v[4]), ((Number) v[5]).longValue());
    }

    private static OffsetDateTime utc(Object value) {
        Instant instant = switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("Unexpected timestamp " + value.getClass());
        };
        return instant.atOffset(ZoneOffset.UTC);
    }
}
