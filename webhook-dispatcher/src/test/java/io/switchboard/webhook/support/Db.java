package io.switchboard.webhook.support;

import io.switchboard.testing.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain SQL on the test database as the service's own role, inside a transaction set to one scope (or none), as
 * row-level security sees it; for looking under the API.
 */
public final class Db {

    private static final String ROLE = "webhook_dispatcher";

    private Db() {}

    /** A single number, e.g. a count. */
    public static long count(String scope, String sql, Object... parameters) {
        List<List<Object>> rows = query(scope, sql, parameters);
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(0)).longValue();
    }

    public static List<List<Object>> query(String scope, String sql, Object... parameters) {
        try (Connection connection = Database.connectAs(ROLE)) {
            connection.setAutoCommit(false);
            setScope(connection, scope);
            List<List<Object>> rows = new ArrayList<>();
            try (PreparedStatement statement = prepare(connection, sql, parameters);
                    ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            connection.commit();
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static int execute(String scope, String sql, Object... parameters) {
        try (Connection connection = Database.connectAs(ROLE)) {
            connection.setAutoCommit(false);
            setScope(connection, scope);
            int changed;
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                changed = statement.executeUpdate();
            }
            connection.commit();
            return changed;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void setScope(Connection connection, String scope) throws SQLException {
        if (scope == null) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
            statement.setString(1, scope);
            statement.execute();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
