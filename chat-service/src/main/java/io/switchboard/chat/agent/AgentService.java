package io.switchboard.chat.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.MergePatches;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.tenant.MemberDirectory;
import io.switchboard.commons.tenant.TeamDirectory;
import io.switchboard.commons.tenant.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;

/**
 * Chat agents: a user of the tenant gets a profile the first time they or a supervisor set it (offline, 3 chats, auto
 * accept); changes are Merge Patches. The current chat count is read-only here (only {@link Assignment} changes it).
 */
@ApplicationScoped
public class AgentService {

    private static final Set<String> READ_ONLY =
            Set.of("userId", "currentChats", "lastAssignedAt", "createdAt", "updatedAt", "version");
    /** What agents set on themselves; the rest is for supervisors (agents:manage). */
    private static final Set<String> SELF_SERVICE =
            Set.of("availability", "autoAccept", "notificationsEnabled", "displayName");

    private final AgentRepository repository;
    private final MergePatches patches;
    private final TenantDirectory directory;
    private final MemberDirectory members;
    private final TeamDirectory teams;

    public AgentService(
            AgentRepository repository,
            MergePatches patches,
            TenantDirectory directory,
            MemberDirectory members,
            TeamDirectory teams) {
        this.repository = repository;
        this.patches = patches;
        this.directory = directory;
        this.members = members;
        this.teams = teams;
    }

    @Transactional
    public AgentView get(String tenantId, String userId) {
        return repository.find(tenantId, userId).orElseThrow(() -> ProblemException.notFound("Chat agent", userId));
    }

    @Transactional
    public List<AgentView> list(String tenantId, String availability, String team) {
        return repository.list(tenantId, availability, team);
    }

    /**
     * Creates or changes an agent's profile; {@code selfService} limits the patch to what agents set on themselves.
     *
     * @param defaultName the display name of a new profile
     */
    @Transactional
    public AgentView upsert(
            String tenantId, String userId, String defaultName, JsonNode patch, String ifMatch, boolean selfService) {
        if (patch == null || !patch.isObject()) {
            throw ProblemException.invalid("", "must be a JSON object");
        }
        if (selfService) {
            Validation validation = new Validation();
            patch.fieldNames().forEachRemaining(field -> {
                if (!SELF_SERVICE.contains(field) && !READ_ONLY.contains(field)) {
                    validation.add(field, "is set by a supervisor (agents:manage)");
                }
            });
            validation.throwIfInvalid();
        }
        if (!selfService) {
            // a supervisor sets up someone else: only a current member of the tenant (404 like any other unknown id)
            var member = members.find(tenantId, userId)
                    .orElseThrow(() -> ProblemException.notFound("Member of the tenant", userId));
            if (member.displayName() != null && !member.displayName().isBlank()) {
                defaultName = member.displayName();
            }
        }
        var existing = repository.find(tenantId, userId);
        if (existing.isPresent()) {
            ETags.checkIfMatch(ifMatch, existing.get().version());
        }
        directory.requireFeature(tenantId, "chat", null);
        AgentDraft current = existing.map(AgentView::toDraft).orElse(AgentDraft.defaults(defaultName));
        MergePatches.Patched<AgentDraft> patched =
                patches.apply(current, patch, AgentDraft.class, READ_ONLY, existing.orElse(null));
        Validation validation = new Validation();
        patches.validate(patched.draft(), validation);
        validation.throwIfInvalid();
        AgentDraft draft = patched.draft();
        if (patched.changedUnder("team") && draft.team() != null && !TeamIds.isTeam(teams, tenantId, draft.team())) {
            throw ProblemException.unknownReference("team", "'" + draft.team() + "' is not a team of this tenant");
        }
        if (existing.isEmpty()) {
            repository.insert(tenantId, userId, draft);
        } else if (patched.changedAny()
                && !repository.update(tenantId, userId, draft, existing.get().version())) {
            throw new ProblemException(
                    io.switchboard.commons.problem.ProblemType.PRECONDITION_FAILED,
                    "The agent changed meanwhile; read it again");
        }
        return repository.find(tenantId, userId).orElseThrow();
    }
}
