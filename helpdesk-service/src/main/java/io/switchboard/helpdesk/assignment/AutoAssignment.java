package io.switchboard.helpdesk.assignment;

import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.tenant.MemberDirectory;
import io.switchboard.commons.tenant.TeamDirectory;
import io.switchboard.helpdesk.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Chooses who gets a new ticket of a team: among the team's members who are active members of the tenant and have not
 * marked themselves unavailable, the one with the fewest open, in-progress and pending tickets, then the one given a
 * ticket longest ago. A transaction-scoped advisory lock per tenant and team serializes the choices of concurrent
 * creations until each commits, so that every choice sees the tickets of the ones before: simultaneous tickets spread
 * evenly instead of all landing on the agent who looked least loaded.
 */
@ApplicationScoped
public class AutoAssignment {

    private final EntityManager em;
    private final TeamDirectory teams;
    private final MemberDirectory members;

    public AutoAssignment(EntityManager em, TeamDirectory teams, MemberDirectory members) {
        this.em = em;
        this.teams = teams;
        this.members = members;
    }

    /**
     * The agent of {@code teamId} who should get a new ticket, recorded as assigned now; empty when nobody in the team
     * is available (the ticket then goes to the team only). Must run in the creating transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public Optional<String> pick(String tenantId, UUID teamId) {
        List<String> candidates = teams.members(tenantId, teamId).stream()
                .filter(userId -> members.isActiveMember(tenantId, userId))
                .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) lock")
                .setParameter(1, "helpdesk-assignment:" + tenantId + ":" + teamId)
                .getSingleResult();
        List<String> chosen = em.createNativeQuery("select c.user_id from unnest(cast(?1 as text[])) as c(user_id)"
                        + " left join helpdesk_agent a on a.tenant_id = ?2 and a.user_id = c.user_id"
                        + " where coalesce(a.available, true)"
                        + " order by (select count(*) from ticket t where t.tenant_id = ?2 and t.assignee_id = c.user_id"
                        + " and t.status in ('open', 'in_progress', 'pending') and t.deleted_at is null),"
                        + " a.last_assigned_at nulls first, c.user_id limit 1")
                .setParameter(1, candidates.toArray(String[]::new))
                .setParameter(2, tenantId)
                .getResultList();
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        String agent = chosen.getFirst();
        em.createNativeQuery("insert into helpdesk_agent (tenant_id, user_id, available, last_assigned_at, updated_at)"
                        + " values (?1, ?2, true, clock_timestamp(), now()) on conflict (tenant_id, user_id) do update"
                        + " set last_assigned_at = excluded.last_assigned_at")
                .setParameter(1, tenantId)
                .setParameter(2, agent)
                .executeUpdate();
        return Optional.of(agent);
    }

    /** The agent's helpdesk availability; 404 for a user who is not a current member of the tenant. */
    @Transactional
    @SuppressWarnings("unchecked")
    public AvailabilityView availability(String tenantId, String userId) {
        requireMember(tenantId, userId);
        List<Object[]> rows = em.createNativeQuery("select available, last_assigned_at from helpdesk_agent"
                        + " where tenant_id = ?1 and user_id = ?2")
                .setParameter(1, tenantId)
                .setParameter(2, userId)
                .getResultList();
        if (rows.isEmpty()) {
            return new AvailabilityView(userId, true, null);
        }
        return new AvailabilityView(userId, (Boolean) rows.getFirst()[0], utc(rows.getFirst()[1]));
    }

    /** Sets the agent's availability: their own, or anyone's with {@code tickets:assign}. */
    @Transactional
    public AvailabilityView setAvailability(String tenantId, String userId, boolean available, Actor actor) {
        requireMember(tenantId, userId);
        if (!actor.mayAssign() && !userId.equalsIgnoreCase(actor.userId())) {
            throw ProblemException.forbidden("Agents set their own availability; setting another's needs the"
                    + " permission tickets:assign (supervisors, tenant admins)");
        }
        em.createNativeQuery("insert into helpdesk_agent (tenant_id, user_id, available, updated_at)"
                        + " values (?1, ?2, ?3, now()) on conflict (tenant_id, user_id) do update"
                        + " set available = excluded.available, updated_at = now()")
                .setParameter(1, tenantId)
                .setParameter(2, userId)
                .setParameter(3, available)
                .executeUpdate();
        return availability(tenantId, userId);
    }

    private void requireMember(String tenantId, String userId) {
        if (members.find(tenantId, userId).isEmpty()) {
            throw ProblemException.notFound("Agent", userId);
        }
    }

    private static OffsetDateTime utc(Object value) {
        if (value == null) {
            return null;
        }
        Instant instant = switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("Unexpected timestamp " + value.getClass());
        };
        return instant.atOffset(ZoneOffset.UTC);
    }
}
