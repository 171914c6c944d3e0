package io.switchboard.tenant.team;

import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.commons.outbox.Outbox;
import io.switchboard.commons.outbox.OutboxMessage;
import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.tenant.team.TeamModels.TeamView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The transactions of teams: each change bumps the team's version and commits with its {@code tenant.team.*} event
 * (the whole team with its members) in the outbox. The team row is locked for every change, so concurrent member
 * changes serialize and each event carries a distinct, increasing version.
 */
@ApplicationScoped
public class TeamStore {

    /** API sort fields and the columns behind them. */
    static final Map<String, String> SORTABLE = Map.of(
            "name", "lower(t.name)",
            "createdAt", "t.created_at",
            "updatedAt", "t.updated_at");

    private static final String COLUMNS =
            "t.id, t.tenant_id, t.name, t.description, t.lead_id, t.created_at, t.updated_at, t.version";

    private final EntityManager em;
    private final Outbox outbox;

    public TeamStore(EntityManager em, Outbox outbox) {
        this.em = em;
        this.outbox = outbox;
    }

    /** The values of a team, members apart. */
    record Row(
            UUID id,
            String tenantId,
            String name,
            String description,
            UUID leadId,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    @Transactional
    public TeamView insert(String tenantId, String name, String description, UUID leadId, List<UUID> members) {
        requireUniqueName(tenantId, name, null);
        UUID id = io.switchboard.commons.ids.Ids.newId();
        Instant now = Instant.now();
        em.createNativeQuery("insert into team (id, tenant_id, name, description, lead_id, created_at, updated_at,"
                        + " version) values (?1, ?2, ?3, ?4, ?5, ?6, ?6, 0)")
                .setParameter(1, id)
                .setParameter(2, tenantId)
                .setParameter(3, name)
                .setParameter(4, description)
                .setParameter(5, leadId)
                .setParameter(6, now)
                .executeUpdate();
        addMembers(tenantId, id, members, now);
        TeamView view = view(tenantId, id).orElseThrow();
        emit(EventTypes.TENANT_TEAM_CREATED, view);
        return view;
    }

    @Transactional
    public Optional<TeamView> view(String tenantId, UUID id) {
        return row(tenantId, id, false).map(r -> toView(r, members(tenantId, id)));
    }

    /** Applies a validated change of name, description, lead and members; returns the new view. */
    @Transactional
    public TeamView update(
            String tenantId,
            UUID id,
            String ifMatch,
            String name,
            String description,
            UUID leadId,
            List<UUID> members) {
        Row row = lock(tenantId, id);
        ETags.checkIfMatch(ifMatch, row.version());
        if (!row.name().equalsIgnoreCase(name)) {
            requireUniqueName(tenantId, name, id);
        }
        Instant now = Instant.now();
        em.createNativeQuery("update team set name = ?1, description = ?2, lead_id = ?3, updated_at = ?4,"
                        + " version = version + 1 where tenant_id = ?5 and id = ?6")
                .setParameter(1, name)
                .setParameter(2, description)
                .setParameter(3, leadId)
                .setParameter(4, now)
                .setParameter(5, tenantId)
                .setParameter(6, id)
                .executeUpdate();
        List<UUID> current = members(tenantId, id);
        List<UUID> removed = current.stream().filter(m -> !members.contains(m)).toList();
        if (!removed.isEmpty()) {
            em.createNativeQuery("delete from team_member where team_id = ?1 and user_id = any (?2)")
                    .setParameter(1, id)
                    .setParameter(2, removed.toArray(UUID[]::new))
                    .executeUpdate();
        }
        addMembers(
                tenantId, id, members.stream().filter(m -> !current.contains(m)).toList(), now);
        TeamView view = view(tenantId, id).orElseThrow();
        emit(EventTypes.TENANT_TEAM_UPDATED, view);
        return view;
    }

    /** Adds a member; returns the team, changed (with its event) only if the user was not a member yet. */
    @Transactional
    public TeamView addMember(String tenantId, UUID id, UUID userId) {
        lock(tenantId, id);
        if (members(tenantId, id).contains(userId)) {
            return view(tenantId, id).orElseThrow();
        }
        Instant now = Instant.now();
        addMembers(tenantId, id, List.of(userId), now);
        return touch(tenantId, id, now);
    }

    /** Removes a member (404 when the user is not one). */
    @Transactional
    public TeamView removeMember(String tenantId, UUID id, UUID userId) {
        lock(tenantId, id);
        int removed = em.createNativeQuery("delete from team_member where team_id = ?1 and user_id = ?2")
                .setParameter(1, id)
                .setParameter(2, userId)
                .executeUpdate();
        if (removed == 0) {
            throw ProblemException.notFound("Member of team " + id, userId.toString());
        }
        return touch(tenantId, id, Instant.now());
    }

    @Transactional
    public void delete(String tenantId, UUID id, String ifMatch) {
        Row row = lock(tenantId, id);
        ETags.checkIfMatch(ifMatch, row.version());
        TeamView before = toView(row, members(tenantId, id));
        em.createNativeQuery("delete from team where tenant_id = ?1 and id = ?2")
                .setParameter(1, tenantId)
                .setParameter(2, id)
                .executeUpdate();
        // the deletion is a newer version of the team, so that every directory applies it over the last update
        emit(
                EventTypes.TENANT_TEAM_DELETED,
                new TeamView(
                        before.id(),
                        before.tenantId(),
                        before.name(),
                        before.description(),
                        before.leadId(),
                        before.members(),
                        before.createdAt(),
                        utc(Instant.now()),
                        before.version() + 1));
    }

    /**
     * Takes a user who leaves the tenant out of its teams (as member and as lead), each team with its
     * {@code tenant.team.updated} event; in the caller's transaction, before the membership goes.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public void dropUser(String tenantId, UUID userId) {
        List<UUID> teams = em.createNativeQuery("select id from team where tenant_id = ?1 and (lead_id = ?2 or id in"
                        + " (select team_id from team_member where tenant_id = ?1 and user_id = ?2)) order by id"
                        + " for update")
                .setParameter(1, tenantId)
                .setParameter(2, userId)
                .getResultList();
        Instant now = Instant.now();
        for (UUID team : teams) {
            em.createNativeQuery("delete from team_member where team_id = ?1 and user_id = ?2")
                    .setParameter(1, team)
                    .setParameter(2, userId)
                    .executeUpdate();
            em.createNativeQuery("update team set lead_id = null where id = ?1 and lead_id = ?2")
                    .setParameter(1, team)
                    .setParameter(2, userId)
                    .executeUpdate();
            touch(tenantId, team, now);
        }
    }

    /** Of these ids, those that are not users of the tenant (not deleted). */
    @Transactional
    @SuppressWarnings("unchecked")
    public Set<UUID> unknownUsers(String tenantId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        List<UUID> known = em.createNativeQuery("select m.user_id from membership m join app_user u on u.id ="
                        + " m.user_id where m.tenant_id = ?1 and u.deleted_at is null and m.user_id = any (?2)")
                .setParameter(1, tenantId)
                .setParameter(2, ids.toArray(UUID[]::new))
                .getResultList();
        Set<UUID> unknown = new java.util.LinkedHashSet<>(ids);
        known.forEach(unknown::remove);
        return unknown;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Page<TeamView> search(String tenantId, TeamFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" from team t where t.tenant_id = :tenant");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenantId);
        if (filter.text() != null) {
            where.append(" and lower(t.name) like :text escape '\\'");
            params.put("text", "%" + escapeLike(filter.text().toLowerCase(Locale.ROOT)) + "%");
        }
        if (filter.member() != null) {
            where.append(" and exists (select 1 from team_member m where m.team_id = t.id and m.user_id = :member)");
            params.put("member", filter.member());
        }
        var count = em.createNativeQuery("select count(*)" + where);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        List<String> order = new ArrayList<>();
        for (PageRequest.SortOrder sort : page.sort()) {
            order.add(SORTABLE.get(sort.field()) + (sort.ascending() ? " asc" : " desc"));
        }
        order.add("t.id");
        var query = em.createNativeQuery("select " + COLUMNS + where + " order by " + String.join(", ", order)
                        + " limit :limit offset :offset")
                .setParameter("limit", page.size())
                .setParameter("offset", page.offset());
        params.forEach(query::setParameter);
        List<TeamView> items = new ArrayList<>();
        for (Object[] values : (List<Object[]>) query.getResultList()) {
            Row row = toRow(values);
            items.add(toView(row, members(tenantId, row.id())));
        }
        return Page.of(items, page, total);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private TeamView touch(String tenantId, UUID id, Instant now) {
        em.createNativeQuery("update team set updated_at = ?1, version = version + 1 where tenant_id = ?2 and id = ?3")
                .setParameter(1, now)
                .setParameter(2, tenantId)
                .setParameter(3, id)
                .executeUpdate();
        TeamView view = view(tenantId, id).orElseThrow();
        emit(EventTypes.TENANT_TEAM_UPDATED, view);
        return view;
    }

    private void addMembers(String tenantId, UUID id, List<UUID> members, Instant now) {
        int i = 0;
        for (UUID member : members) {
            // distinct added_at keeps the order in which they were given
            em.createNativeQuery("insert into team_member (team_id, tenant_id, user_id, added_at) values (?1, ?2, ?3,"
                            + " ?4) on conflict do nothing")
                    .setParameter(1, id)
                    .setParameter(2, tenantId)
                    .setParameter(3, member)
                    .setParameter(4, now.plusNanos(1000L * i++))
                    .executeUpdate();
        }
    }

    private Row lock(String tenantId, UUID id) {
        return row(tenantId, id, true).orElseThrow(() -> ProblemException.notFound("Team", id.toString()));
    }

    @SuppressWarnings("unchecked")
    private Optional<Row> row(String tenantId, UUID id, boolean forUpdate) {
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from team t where t.tenant_id = ?1 and"
                        + " t.id = ?2" + (forUpdate ? " for update" : ""))
                .setParameter(1, tenantId)
                .setParameter(2, id)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(toRow(rows.getFirst()));
    }

    @SuppressWarnings("unchecked")
    private List<UUID> members(String tenantId, UUID id) {
        return List.copyOf(em.createNativeQuery("select user_id from team_member where tenant_id = ?1 and team_id = ?2"
                        + " order by added_at, user_id")
                .setParameter(1, tenantId)
                .setParameter(2, id)
                .getResultList());
    }

    private void requireUniqueName(String tenantId, String name, UUID except) {
        List<?> taken = em.createNativeQuery("select id from team where tenant_id = ?1 and lower(name) = lower(?2)")
                .setParameter(1, tenantId)
                .setParameter(2, name)
                .getResultList();
        if (taken.stream().anyMatch(id -> !id.equals(except))) {
            throw new ProblemException(
                    Problem.of(ProblemType.ALREADY_EXISTS, "The tenant already has a team named '" + name + "'")
                            .withErrors(List.of(new FieldError("name", "is taken"))));
        }
    }

    private void emit(String type, TeamView view) {
        outbox.emit(new OutboxMessage(
                Topics.TENANT_EVENTS, type, view.tenantId(), "team", view.id().toString(), view));
    }

    private static Row toRow(Object[] v) {
        return new Row(
                (UUID) v[0],
                (String) v[1],
                (String) v[2],
                (String) v[3],
                (UUID) v[4],
                toInstant(v[5]),
                toInstant(v[6]),
                ((Number) v[7]).longValue());
    }

    private static TeamView toView(Row r, List<UUID> members) {
        return new TeamView(
                r.id(),
                r.tenantId(),
                r.name(),
                r.description(),
                r.leadId(),
                members,
                utc(r.createdAt()),
                utc(r.updatedAt()),
                r.version());
    }

    private static Instant toInstant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("Unexpected timestamp " + value.getClass());
        };
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
