package io.switchboard.chat.agent;

import io.switchboard.commons.tenant.TeamDirectory;
import io.switchboard.commons.tenant.TeamEntry;
import java.util.Optional;
import java.util.UUID;

/** Chat's team fields (an agent's team, a session's and a transfer's) hold ids of the tenant's teams. */
public final class TeamIds {

    private TeamIds() {}

    /** The tenant's team with this id; empty for anything else (not an id, unknown, another tenant's). */
    public static Optional<TeamEntry> find(TeamDirectory teams, String tenantId, String team) {
        if (team == null) {
            return Optional.empty();
        }
        try {
            return teams.find(tenantId, UUID.fromString(team.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static boolean isTeam(TeamDirectory teams, String tenantId, String team) {
        return find(teams, tenantId, team).isPresent();
    }
}
