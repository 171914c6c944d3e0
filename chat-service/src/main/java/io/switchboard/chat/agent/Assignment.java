package io.switchboard.chat.agent;

import io.switchboard.commons.tenant.TeamDirectory;
import io.switchboard.commons.tenant.TeamEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/**
 * Agent capacity, enforced by PostgreSQL alone: a chat is counted against an agent only by a conditional update
 * ({@code current_chats < max_chats}) of a row locked for the purpose, so concurrent assignments on any replica can
 * never push an agent past the limit; they pick another agent or none.
 */
@ApplicationScoped
public class Assignment {

    /** The agent a chat was counted against. */
    public record Claimed(String userId, String displayName, String team, boolean autoAccept) {}

    private static final String RETURNING = " returning a.user_id, a.display_name, a.team, a.auto_accept";

    private final EntityManager em;
    private final TeamDirectory teams;

    public Assignment(EntityManager em, TeamDirectory teams) {
        this.em = em;
        this.teams = teams;
    }

    /**
     * Counts a chat against the least busy online agent with room (fewest current chats, then longest since the last
     * assignment) of {@code team} (any when null) having every one of {@code skills}. A team is one of the tenant's
     * teams (its members, from {@link TeamDirectory}); a value that is no team id is matched against the agents'
     * former free-text team, so that widgets set up before teams existed keep routing.
     */
    public Optional<Claimed> claimLeastBusy(String tenantId, String team, List<String> skills) {
        Optional<TeamEntry> tenantTeam = TeamIds.find(teams, tenantId, team);
        String members = tenantTeam.map(t -> String.join(",", t.members())).orElse(null);
        return claimed(em.createNativeQuery("update chat_agent a set current_chats = a.current_chats + 1,"
                        + " last_assigned_at = clock_timestamp(), updated_at = now(), version = a.version + 1"
                        + " where a.tenant_id = :tenant and a.user_id = (select c.user_id from chat_agent c"
                        + " where c.tenant_id = :tenant and c.availability = 'online' and c.current_chats < c.max_chats"
                        + " and (cast(:team as text) is null"
                        + " or (cast(:members as text) is not null"
                        + " and c.user_id = any (string_to_array(cast(:members as text), ',')))"
                        + " or (cast(:members as text) is null and c.team = cast(:team as text)))"
                        + " and c.skills @> string_to_array(:skills, ',')"
                        + " order by c.current_chats, c.last_assigned_at nulls first, c.user_id"
                        + " limit 1 for update skip locked)"
                        + " and a.current_chats < a.max_chats"
                        + " returning a.user_id, a.display_name, coalesce(cast(:team as text), a.team), a.auto_accept")
                .setParameter("tenant", tenantId)
                .setParameter("team", team)
                .setParameter("members", members)
                .setParameter("skills", String.join(",", skills))
                .getResultList());
    }

    /** Counts a chat against this agent if they have room (and are online, when {@code onlineOnly}). */
    public Optional<Claimed> claim(String tenantId, String userId, boolean onlineOnly) {
        return claimed(em.createNativeQuery("update chat_agent a set current_chats = a.current_chats + 1,"
                        + " last_assigned_at = clock_timestamp(), updated_at = now(), version = a.version + 1"
                        + " where a.tenant_id = :tenant and a.user_id = :user and a.current_chats < a.max_chats"
                        + (onlineOnly ? " and a.availability = 'online'" : "") + RETURNING)
                .setParameter("tenant", tenantId)
                .setParameter("user", userId)
                .getResultList());
    }

    /** Gives back the room of one chat. */
    public void release(String tenantId, String userId) {
        em.createNativeQuery("update chat_agent set current_chats = current_chats - 1, updated_at = now(),"
                        + " version = version + 1 where tenant_id = :tenant and user_id = :user and current_chats > 0")
                .setParameter("tenant", tenantId)
                .setParameter("user", userId)
                .executeUpdate();
    }

    /** Whether some online agent of the tenant has room at all (cheap check before walking the queue). */
    public boolean anyRoom(String tenantId) {
        return !em.createNativeQuery("select 1 from chat_agent where tenant_id = :tenant and availability = 'online'"
                        + " and current_chats < max_chats limit 1")
                .setParameter("tenant", tenantId)
                .getResultList()
                .isEmpty();
    }

    /** The summed room of the tenant's online agents, for wait estimates. */
    public int onlineCapacity(String tenantId) {
        Object sum = em.createNativeQuery("select coalesce(sum(max_chats), 0) from chat_agent where tenant_id = :tenant"
                        + " and availability = 'online'")
                .setParameter("tenant", tenantId)
                .getSingleResult();
        return ((Number) sum).intValue();
    }

    private static Optional<Claimed> claimed(List<?> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new Claimed((String) row[0], (String) row[1], (String) row[2], (Boolean) row[3]));
    }
}
