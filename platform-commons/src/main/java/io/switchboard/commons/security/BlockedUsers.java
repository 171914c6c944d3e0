package io.switchboard.commons.security;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The users whose tokens are refused although Keycloak signed them: suspended, inactive or deleted in tenant-service.
 * Kept in this service's {@code user_directory} from the {@code tenant.user.*} events and held in memory (a small set,
 * refreshed every {@code switchboard.blocked-users.refresh-every}), so that checking a request costs no database
 * round trip. A suspension reaches every service within seconds instead of when the user's access token expires.
 */
@Startup
@ApplicationScoped
public class BlockedUsers {

    private static final Logger LOG = Logger.getLogger(BlockedUsers.class);
    private static final String UPSERT = "insert into user_directory (user_id, status, deleted, version, display_name,"
            + " updated_at) values (?, ?, ?, ?, ?, now()) on conflict (user_id) do update set status = excluded.status,"
            + " deleted = excluded.deleted, version = excluded.version,"
            + " display_name = coalesce(excluded.display_name, user_directory.display_name), updated_at = now()"
            + " where user_directory.version < excluded.version";
    private static final String BLOCKED = "select user_id from user_directory where status <> 'active' or deleted";

    private final DataSource dataSource;
    private volatile Set<String> blocked = Set.of();

    public BlockedUsers(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean isBlocked(String userId) {
        return userId != null && blocked.contains(userId);
    }

    /** Records a user's status unless a newer version is known; in the caller's transaction when it has one. */
    public boolean apply(String userId, String status, boolean deleted, long version) {
        return apply(userId, status, deleted, version, null);
    }

    /** The same, with the user's display name (kept for {@code MemberDirectory}; null keeps the known one). */
    public boolean apply(String userId, String status, boolean deleted, long version, String displayName) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setString(1, userId);
            upsert.setString(2, status);
            upsert.setBoolean(3, deleted);
            upsert.setLong(4, version);
            upsert.setString(5, displayName);
            boolean changed = upsert.executeUpdate() > 0;
            if (changed) {
                Set<String> next = new HashSet<>(blocked);
                if (deleted || !"active".equals(status)) {
                    next.add(userId);
                } else {
                    next.remove(userId);
                }
                blocked = Set.copyOf(next);
            }
            return changed;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update user " + userId + " in the directory", e);
        }
    }

    /** Re-reads the set, so that changes applied by another replica of this service arrive too. */
    @Scheduled(
            every = "${switchboard.blocked-users.refresh-every:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(BLOCKED);
                ResultSet rows = query.executeQuery()) {
            Set<String> next = new HashSet<>();
            while (rows.next()) {
                next.add(rows.getString(1));
            }
            blocked = Set.copyOf(next);
        } catch (SQLException e) {
            LOG.warnf("Could not refresh the blocked users (%s); keeping the last known set", e.getMessage());
        }
    }
}
