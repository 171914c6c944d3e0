package io.switchboard.telephony.ara;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes Asterisk's realtime rows in the caller's transaction. Many of Asterisk's columns are PostgreSQL enum types
 * ({@code ast_bool_values}, {@code pjsip_auth_type_values_v2}, ...), so every value is bound with an explicit cast to
 * its column's type; a row is inserted or, when its id exists, updated in place.
 */
@ApplicationScoped
public class AraWriter {

    /** A value for a realtime column, with the PostgreSQL type it is cast to ({@code null} for plain text). */
    public record Value(Object value, String cast) {
        public static Value text(String value) {
            return new Value(value, null);
        }

        public static Value integer(Integer value) {
            return new Value(value, "integer");
        }

        /** An {@code ast_bool_values} column: {@code yes} or {@code no}. */
        public static Value bool(boolean value) {
            return new Value(value ? "yes" : "no", "ast_bool_values");
        }

        public static Value enumValue(String value, String type) {
            return new Value(value, type);
        }
    }

    private final DataSource dataSource;

    public AraWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts the row {@code id} of {@code table} or updates the given columns of the existing one. */
    public void upsert(String table, String idColumn, String id, Map<String, Value> columns) {
        Map<String, Value> all = new LinkedHashMap<>();
        all.put(idColumn, Value.text(id));
        all.putAll(columns);
        StringBuilder names = new StringBuilder();
        StringBuilder values = new StringBuilder();
        StringBuilder updates = new StringBuilder();
        for (Map.Entry<String, Value> column : all.entrySet()) {
            String name = AraWriter.identifier(column.getKey());
            if (!names.isEmpty()) {
                names.append(", ");
                values.append(", ");
            }
            names.append(name);
            values.append(
                    column.getValue().cast() == null
                            ? "?"
                            : "?::" + identifier(column.getValue().cast()));
            if (!column.getKey().equals(idColumn)) {
                if (!updates.isEmpty()) {
                    updates.append(", ");
                }
                updates.append(name).append(" = excluded.").append(name);
            }
        }
        String sql = "insert into " + identifier(table) + " (" + names + ") values (" + values + ") on conflict ("
                + identifier(idColumn) + ") do update set " + updates;
        execute(sql, all);
    }

    /** Deletes the rows of {@code table} whose {@code column} is {@code value}. */
    public int delete(String table, String column, String value) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from " + identifier(table) + " where " + identifier(column) + " = ?")) {
            delete.setString(1, value);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete from " + table, e);
        }
    }

    /** The next {@code queue_members.uniqueid}: Asterisk requires one and gives the column no default. */
    public int nextQueueMemberUniqueId() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement next = connection.prepareStatement("select nextval('queue_members_uniqueid_seq')");
                var rs = next.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not draw a queue member uniqueid", e);
        }
    }

    /** MD5 of {@code user:realm:password}, the digest Asterisk's {@code md5_cred} holds instead of a password. */
    public static String md5Credential(String username, String realm, String password) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql, Map<String, Value> values) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (Value value : values.values()) {
                if (value.value() == null) {
                    statement.setNull(index++, Types.VARCHAR);
                } else if (value.value() instanceof Integer number) {
                    statement.setInt(index++, number);
                } else {
                    statement.setString(index++, value.value().toString());
                }
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write Asterisk realtime row: " + e.getMessage(), e);
        }
    }

    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not an SQL identifier: " + name);
        }
        return name;
    }
}
