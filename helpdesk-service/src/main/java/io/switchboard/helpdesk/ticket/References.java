package io.switchboard.helpdesk.ticket;

import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.tenant.MemberDirectory;
import io.switchboard.commons.tenant.TeamDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A ticket's team must be one of the tenant's teams and its assignee a current, active member of the tenant (from this
 * service's replicas of tenant-service's teams and memberships); a 422 naming {@code teamId} or {@code assigneeId}
 * otherwise. Only a new value is checked, so a ticket whose assignee was suspended meanwhile can still be changed.
 */
@ApplicationScoped
public class References {

    private final TeamDirectory teams;
    private final MemberDirectory members;

    public References(TeamDirectory teams, MemberDirectory members) {
        this.teams = teams;
        this.members = members;
    }

    public void check(String tenantId, String oldAssignee, UUID oldTeam, String newAssignee, UUID newTeam) {
        List<FieldError> unknown = new ArrayList<>();
        String assignee = newAssignee == null ? null : newAssignee.strip().toLowerCase(Locale.ROOT);
        if (assignee != null && !assignee.equals(oldAssignee) && !members.isActiveMember(tenantId, assignee)) {
            unknown.add(new FieldError("assigneeId", "'" + newAssignee + "' is not an active member of this tenant"));
        }
        if (newTeam != null
                && !Objects.equals(newTeam, oldTeam)
                && teams.find(tenantId, newTeam).isEmpty()) {
            unknown.add(new FieldError("teamId", "'" + newTeam + "' is not a team of this tenant"));
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.unknownReference(unknown);
        }
    }
}
