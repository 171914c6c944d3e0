package io.switchboard.commons.tenant;

import io.quarkus.cache.CacheInvalidateAll;
import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * This service's replica of the tenants' teams ({@code team_directory} and {@code team_member_directory}, kept from
 * {@code tenant.team.*}): a team by id, its members, the teams of a user. Reads run in the caller's tenant (row-level
 * security: another tenant's team is simply not there) and are cached for a few seconds per instance; every applied
 * event clears the cache.
 */
@ApplicationScoped
public class TeamDirectory {

    static final String CACHE = "team-directory";

    private static final String UPSERT = "insert into team_directory (team_id, tenant_id, name, lead_id, deleted,"
            + " version, updated_at) values (?, ?, ?, ?, ?, ?, now()) on conflict (team_id) do update set"
            + " name = excluded.name, lead_id = excluded.lead_id, deleted = excluded.deleted,"
            + " version = excluded.version, updated_at = now() where team_directory.version < excluded.version";

    private final DataSource dataSource;

    public TeamDirectory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The tenant's team with this id; empty for an unknown, deleted or another tenant's team. */
    @CacheResult(cacheName = CACHE)
    @Transactional
    public Optional<TeamEntry> find(String tenantId, UUID teamId) {
        if (tenantId == null || teamId == null) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select name, lead_id, version from"
                        + " team_directory where tenant_id = ? and team_id = ? and not deleted")) {
            select.setString(1, tenantId);
            select.setObject(2, teamId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new TeamEntry(
                        teamId,
                        tenantId,
                        rs.getString(1),
                        rs.getString(2),
                        members(connection, tenantId, teamId),
                        rs.getLong(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read team " + teamId + " of " + tenantId, e);
        }
    }

    /** The user ids of the team's members (empty for an unknown team). */
    public List<String> members(String tenantId, UUID teamId) {
        return find(tenantId, teamId).map(TeamEntry::members).orElse(List.of());
    }

    /** The ids of the tenant's teams the user belongs to. */
    @CacheResult(cacheName = CACHE)
    @Transactional
    public List<UUID> teamsOf(String tenantId, String userId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select m.team_id from team_member_directory m"
                        + " join team_directory t on t.team_id = m.team_id and not t.deleted"
                        + " where m.tenant_id = ? and m.user_id = ? order by t.name, m.team_id")) {
            select.setString(1, tenantId);
            select.setString(2, userId);
            List<UUID> teams = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    teams.add(rs.getObject(1, UUID.class));
                }
            }
            return List.copyOf(teams);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the teams of " + userId + " in " + tenantId, e);
        }
    }

    /**
     * Applies a team snapshot (a deleted team keeps its row, without members) unless a newer version is known; in the
     * caller's transaction. Returns whether it changed anything.
     */
    @CacheInvalidateAll(cacheName = CACHE)
    public boolean apply(TeamEntry team, boolean deleted) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setObject(1, team.id());
            upsert.setString(2, team.tenantId());
            upsert.setString(3, team.name());
            upsert.setString(4, team.leadId());
            upsert.setBoolean(5, deleted);
            upsert.setLong(6, team.version());
            if (upsert.executeUpdate() == 0) {
                return false;
            }
            try (PreparedStatement clear =
                    connection.prepareStatement("delete from team_member_directory where team_id = ?")) {
                clear.setObject(1, team.id());
                clear.executeUpdate();
            }
            if (!deleted && !team.members().isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement("insert into team_member_directory"
                        + " (team_id, tenant_id, user_id) values (?, ?, ?) on conflict do nothing")) {
                    for (String member : team.members()) {
                        insert.setObject(1, team.id());
                        insert.setString(2, team.tenantId());
                        insert.setString(3, member);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update team " + team.id() + " in the directory", e);
        }
    }

    private static List<String> members(Connection connection, String tenantId, UUID teamId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select user_id from team_member_directory"
                + " where tenant_id = ? and team_id = ? order by user_id")) {
            select.setString(1, tenantId);
            select.setObject(2, teamId);
            List<String> members = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    members.add(rs.getString(1));
                }
            }
            return List.copyOf(members);
        }
    }
}
