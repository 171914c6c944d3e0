package io.switchboard.commons.db;

import io.quarkus.logging.Log;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Leadership among a service's replicas for work only one of them may do at a time (publishing the outbox, holding
 * the ARI connection): a PostgreSQL session advisory lock on a dedicated connection outside the pool. The lock ends
 * with the connection, so a replica that dies or loses the database gives it up, and another takes over.
 */
public final class LeaderLock implements AutoCloseable {

    private final String name;
    private Connection connection;
    private boolean held;

    /** @param name what the lock is for, unique within the service's schema, e.g. {@code outbox-relay} */
    public LeaderLock(String name) {
        this.name = name;
    }

    /** Tries to become (or stay) the leader; opens the connection when there is none. */
    public boolean tryAcquire() throws SQLException {
        if (held && isAlive()) {
            return true;
        }
        if (connection == null || !isAlive()) {
            close();
            connection = open();
        }
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "select pg_try_advisory_lock(hashtext(current_schema() || '." + name + "'))")) {
            rs.next();
            held = rs.getBoolean(1);
        }
        if (held) {
            Log.infof("This instance now leads %s", name);
        }
        return held;
    }

    public boolean isHeld() {
        return held && isAlive();
    }

    /** The dedicated connection (for work that belongs with the lock, such as a LISTEN). */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        held = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                Log.debugf("Closing the %s leader connection failed: %s", name, e.toString());
            }
            connection = null;
        }
    }

    private boolean isAlive() {
        try {
            return connection != null && connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static Connection open() throws SQLException {
        Config settings = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                settings.getValue("quarkus.datasource.jdbc.url", String.class),
                settings.getOptionalValue("quarkus.datasource.username", String.class)
                        .orElse(null),
                settings.getOptionalValue("quarkus.datasource.password", String.class)
                        .orElse(null));
    }
}
