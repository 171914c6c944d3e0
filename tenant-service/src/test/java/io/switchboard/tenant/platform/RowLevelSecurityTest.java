package io.switchboard.tenant.platform;

import static io.switchboard.tenant.TestTenants.createActive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.Database;
import io.switchboard.testing.TestUsers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Row-level security as the second wall: plain SQL as the service's own database role, without any WHERE clause,
 * sees only the tenant set for the transaction.
 */
@QuarkusTest
class RowLevelSecurityTest {

    private static final TestUsers users = new TestUsers();
    private static String tenantA;
    private static String tenantB;

    @BeforeEach
    void tenants() {
        if (tenantA != null) {
            return; // once per class; the application is not reachable yet in @BeforeAll
        }
        String token = users.superadmin().token();
        tenantA = createActive(token, "rls-a");
        tenantB = createActive(token, "rls-b");
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void aTransactionOfTenantASeesNoneOfTenantBsRows() throws SQLException {
        try (Connection connection = Database.connectAs("tenant_service")) {
            connection.setAutoCommit(false);
            setTenant(connection, tenantA);
            List<String> visible = ids(connection, "select id from tenant");
            assertThat(visible).containsExactly(tenantA);
            assertThat(ids(connection, "select id from tenant where id = '" + tenantB + "'"))
                    .isEmpty();
            connection.rollback();
        }
    }

    @Test
    void withoutATenantSettingNoRowIsVisible() throws SQLException {
        try (Connection connection = Database.connectAs("tenant_service")) {
            assertThat(ids(connection, "select id from tenant")).isEmpty();
        }
    }

    @Test
    void theSettingEndsWithItsTransaction() throws SQLException {
        try (Connection connection = Database.connectAs("tenant_service")) {
            connection.setAutoCommit(false);
            setTenant(connection, tenantA);
            connection.commit();
            assertThat(ids(connection, "select id from tenant")).isEmpty();
            connection.rollback();
        }
    }

    @Test
    void onlyAnExplicitCrossTenantSettingSeesEveryTenant() throws SQLException {
        try (Connection connection = Database.connectAs("tenant_service")) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("select set_config('app.all_tenants', 'on', true)");
            }
            assertThat(ids(connection, "select id from tenant")).contains(tenantA, tenantB);
            connection.rollback();
        }
    }

    @Test
    void tenantACannotWriteRowsOfTenantB() throws SQLException {
        try (Connection connection = Database.connectAs("tenant_service")) {
            connection.setAutoCommit(false);
            setTenant(connection, tenantA);
            try (Statement statement = connection.createStatement()) {
                int updated =
                        statement.executeUpdate("update tenant set name = 'hijacked' where id = '" + tenantB + "'");
                assertThat(updated).isZero();
                assertThatThrownBy(() -> statement.executeUpdate(
                                "insert into tenant (id, name, status, max_agents, max_dids, max_concurrent_calls,"
                                        + " features, settings, created_at, updated_at) values ('" + tenantB
                                        + "-twin', 'x', 'active', 1, 1, 1, '{}', '{}', now(), now())"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("row-level security");
            }
            connection.rollback();
        }
    }

    private static void setTenant(Connection connection, String tenant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
            statement.setString(1, tenant);
            statement.execute();
        }
    }

    private static List<String> ids(Connection connection, String sql) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
