package io.switchboard.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Plain JDBC connections to the test database, as a service's own role, for tests that look under the ORM. */
public final class Database {

    private Database() {}

    /** A connection as {@code role} (local passwords equal role names) to the test database. */
    public static Connection connectAs(String role) throws SQLException {
        return connectAs(role, LocalStack.testDatabaseUrl());
    }

    /** A connection as the service role to another local database (e.g. {@link LocalStack#systemDatabaseUrl()}). */
    public static Connection connectAs(String role, String url) throws SQLException {
        return DriverManager.getConnection(url, role, role);
    }
}
