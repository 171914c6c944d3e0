package io.switchboard.commons.tenant;

import io.quarkus.cache.CacheInvalidateAll;
import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * This service's replica of the tenants' memberships ({@code member_directory}, kept from {@code tenant.membership.*})
 * joined with the users' status and display name ({@code user_directory}, from {@code tenant.user.*}): answers "is this
 * user a current, active member of tenant T" without a remote call. Reads run in the caller's tenant (row-level
 * security) and are cached for a few seconds per instance; every applied event clears the cache.
 */
@ApplicationScoped
public class MemberDirectory {

    static final String CACHE = "member-directory";

    private static final String SELECT = "select m.roles, u.status, u.deleted, u.display_name from member_directory m"
            + " left join user_directory u on u.user_id = m.user_id"
            + " where m.tenant_id = ? and m.user_id = ? and not m.deleted";
    private static final String UPSERT = "insert into member_directory (tenant_id, user_id, roles, deleted, version,"
            + " updated_at) values (?, ?, ?, false, ?, now()) on conflict (tenant_id, user_id) do update set"
            + " roles = excluded.roles, deleted = false, version = excluded.version, updated_at = now()"
            + " where member_directory.version < excluded.version or member_directory.deleted";
    private static final String DELETE = "insert into member_directory (tenant_id, user_id, roles, deleted, version,"
            + " updated_at) values (?, ?, '{}', true, ?, now()) on conflict (tenant_id, user_id) do update set"
            + " roles = '{}', deleted = true, version = excluded.version, updated_at = now()"
            + " where member_directory.version <= excluded.version";

    private final DataSource dataSource;

    public MemberDirectory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The user's membership of the tenant, with status and display name; empty when not a member (any longer). */
    @CacheResult(cacheName = CACHE)
    @Transactional
    public Optional<MemberEntry> find(String tenantId, String userId) {
        if (tenantId == null || userId == null) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, tenantId);
            select.setString(2, userId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Array roles = rs.getArray(1);
                String status = rs.getBoolean(3) ? "deleted" : rs.getString(2);
                return Optional.of(new MemberEntry(
                        tenantId,
                        userId,
                        roles == null ? List.of() : Arrays.asList((String[]) roles.getArray()),
                        status,
                        rs.getString(4)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read member " + userId + " of " + tenantId, e);
        }
    }

    /** Whether the user is a current member of the tenant and active (not suspended, inactive or deleted). */
    public boolean isActiveMember(String tenantId, String userId) {
        return find(tenantId, userId).map(MemberEntry::active).orElse(false);
    }

    /** Records a membership unless a newer version is known; in the caller's transaction. */
    @CacheInvalidateAll(cacheName = CACHE)
    public boolean apply(String tenantId, String userId, List<String> roles, long version) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setString(1, tenantId);
            upsert.setString(2, userId);
            upsert.setArray(3, connection.createArrayOf("text", roles.toArray()));
            upsert.setLong(4, version);
            return upsert.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update member " + userId + " of " + tenantId, e);
        }
    }

    /** Records that the user left the tenant. */
    @CacheInvalidateAll(cacheName = CACHE)
    public boolean remove(String tenantId, String userId, long version) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setString(1, tenantId);
            delete.setString(2, userId);
            delete.setLong(3, version);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not remove member " + userId + " of " + tenantId, e);
        }
    }

    /** Clears the cached answers after a user's status or name changed. */
    @CacheInvalidateAll(cacheName = CACHE)
    public void userChanged() {
        // the annotation does the work
    }
}
