package io.switchboard.tenant.team;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.MergePatches;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.Validation;
import io.switchboard.tenant.team.TeamModels.TeamDraft;
import io.switchboard.tenant.team.TeamModels.TeamView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The rules of teams: a name unique in the tenant (ignoring case), an optional lead and members who are users of the
 * tenant (anything else is a 422 naming {@code leadId} or {@code members[i]}).
 */
@ApplicationScoped
public class TeamService {

    /** Fields of the view that may be echoed back in a patch but never changed through it. */
    private static final Set<String> READ_ONLY = Set.of("id", "tenantId", "createdAt", "updatedAt", "version");

    private final TeamStore store;
    private final MergePatches patches;

    public TeamService(TeamStore store, MergePatches patches) {
        this.store = store;
        this.patches = patches;
    }

    public TeamView create(String tenantId, TeamDraft request) {
        TeamDraft draft = new TeamDraft(
                request.name(),
                request.description(),
                request.leadId(),
                request.members() == null ? List.of() : request.members());
        Checked checked = validate(tenantId, draft);
        return store.insert(tenantId, checked.name(), checked.description(), checked.leadId(), checked.members());
    }

    public TeamView find(String tenantId, UUID id) {
        return store.view(tenantId, id).orElseThrow(() -> ProblemException.notFound("Team", id.toString()));
    }

    public Page<TeamView> list(String tenantId, TeamFilter filter, PageRequest page) {
        return store.search(tenantId, filter, page);
    }

    /** Applies a JSON Merge Patch; {@code members}, when given, replaces the whole list. */
    public TeamView update(String tenantId, UUID id, JsonNode patch, String ifMatch) {
        TeamView current = find(tenantId, id);
        ETags.checkIfMatch(ifMatch, current.version());
        TeamDraft before = new TeamDraft(
                current.name(),
                current.description(),
                current.leadId() == null ? null : current.leadId().toString(),
                current.members().stream().map(UUID::toString).toList());
        MergePatches.Patched<TeamDraft> patched = patches.apply(before, patch, TeamDraft.class, READ_ONLY, current);
        if (!patched.changedAny()) {
            return current;
        }
        Checked checked = validate(tenantId, patched.draft());
        return store.update(
                tenantId, id, ifMatch, checked.name(), checked.description(), checked.leadId(), checked.members());
    }

    public void delete(String tenantId, UUID id, String ifMatch) {
        find(tenantId, id);
        store.delete(tenantId, id, ifMatch);
    }

    /** Adds the user to the team (nothing changes when they are a member already). */
    public TeamView addMember(String tenantId, UUID id, String userId) {
        find(tenantId, id);
        UUID user = parse(userId);
        if (user == null || !store.unknownUsers(tenantId, List.of(user)).isEmpty()) {
            throw ProblemException.unknownReference("userId", "'" + userId + "' is not a user of this tenant");
        }
        return store.addMember(tenantId, id, user);
    }

    public TeamView removeMember(String tenantId, UUID id, String userId) {
        find(tenantId, id);
        UUID user = parse(userId);
        if (user == null) {
            throw ProblemException.notFound("Member of team " + id, userId);
        }
        return store.removeMember(tenantId, id, user);
    }

    /** A validated team: trimmed texts, the lead and the distinct members as ids. */
    private record Checked(String name, String description, UUID leadId, List<UUID> members) {}

    private Checked validate(String tenantId, TeamDraft draft) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        if (draft.members() != null) {
            for (int i = 0; i < draft.members().size(); i++) {
                if (draft.members().get(i) == null) {
                    validation.add("members[" + i + "]", "must not be null");
                }
            }
        }
        validation.throwIfInvalid();
        // which ids name users of the tenant: anything else is an unknown reference (422), by position
        Map<String, UUID> parsed = new LinkedHashMap<>();
        List<FieldError> unknown = new ArrayList<>();
        UUID lead = null;
        if (draft.leadId() != null) {
            lead = parse(draft.leadId());
            if (lead == null || !store.unknownUsers(tenantId, List.of(lead)).isEmpty()) {
                unknown.add(new FieldError("leadId", "'" + draft.leadId() + "' is not a user of this tenant"));
            }
        }
        List<String> members = draft.members();
        for (String member : members) {
            UUID id = parse(member);
            if (id != null) {
                parsed.put(member, id);
            }
        }
        Set<UUID> notUsers = store.unknownUsers(tenantId, parsed.values());
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            UUID id = parsed.get(members.get(i));
            if (id == null || notUsers.contains(id)) {
                unknown.add(
                        new FieldError("members[" + i + "]", "'" + members.get(i) + "' is not a user of this tenant"));
            } else if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.unknownReference(unknown);
        }
        String description = draft.description() == null || draft.description().isBlank()
                ? null
                : draft.description().strip();
        return new Checked(draft.name().strip(), description, lead, List.copyOf(ids));
    }

    private static UUID parse(String id) {
        try {
            return id == null ? null : UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
