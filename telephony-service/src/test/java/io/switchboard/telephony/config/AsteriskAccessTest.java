package io.switchboard.telephony.config;

import static io.switchboard.telephony.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.telephony.Fixtures;
import io.switchboard.testing.Database;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The grants of R__asterisk_access.sql: Asterisk's role reads every tenant's realtime rows (row-level security lets it
 * through by design), writes only the contacts it registers (whose tenant a trigger fills in) and the few columns
 * app_queue and app_voicemail change, and sees none of Switchboard's own tables. The service's role, in contrast,
 * sees one tenant per transaction.
 */
@QuarkusTest
class AsteriskAccessTest {

    private static final TestUsers users = new TestUsers();
    private static String tenantA;
    private static String tenantB;

    @BeforeEach
    void setUp() {
        if (tenantA != null) {
            return;
        }
        tenantA = Fixtures.tenant("ast-a", 10);
        tenantB = Fixtures.tenant("ast-b", 10);
        for (String tenant : List.of(tenantA, tenantB)) {
            TestUser admin = users.member(tenant, "tenant_admin");
            as(admin.token(), tenant)
                    .body(Map.of("number", "5001"))
                    .post("/api/v1/extensions")
                    .then()
                    .statusCode(201);
        }
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void asteriskReadsEveryTenantsEndpoints() throws SQLException {
        try (Connection asterisk = Database.connectAs("asterisk")) {
            assertThat(ids(asterisk, "select id from telephony_service.ps_endpoints where id like '%\\_5001'"))
                    .contains(tenantA + "_5001", tenantB + "_5001");
        }
    }

    @Test
    void theServiceRoleSeesOneTenantPerTransaction() throws SQLException {
        try (Connection service = Database.connectAs(Fixtures.ROLE)) {
            service.setAutoCommit(false);
            try (Statement statement = service.createStatement()) {
                statement.execute("select set_config('app.tenant_id', '" + tenantA + "', true)");
            }
            assertThat(ids(service, "select id from ps_endpoints where id like '%\\_5001'"))
                    .containsExactly(tenantA + "_5001");
            service.rollback();
        }
    }

    @Test
    void asteriskWritesContactsWhoseTenantComesFromTheEndpoint() throws SQLException {
        try (Connection asterisk = Database.connectAs("asterisk");
                PreparedStatement insert = asterisk.prepareStatement("insert into telephony_service.ps_contacts"
                        + " (id, uri, expiration_time, endpoint) values (?, 'sip:x@192.0.2.1', 0, ?)")) {
            insert.setString(1, tenantB + "_5001^3B@test");
            insert.setString(2, tenantB + "_5001");
            insert.executeUpdate();
        }
        try (Connection asterisk = Database.connectAs("asterisk")) {
            assertThat(ids(
                            asterisk,
                            "select tenant_id from telephony_service.ps_contacts where id = '" + tenantB
                                    + "_5001^3B@test'"))
                    .containsExactly(tenantB);
        }
    }

    @Test
    void asteriskCannotChangeConfigurationNorReadSwitchboardsTables() throws SQLException {
        try (Connection asterisk = Database.connectAs("asterisk");
                Statement statement = asterisk.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate(
                            "update telephony_service.ps_endpoints set context = 'x' where id = '" + tenantA
                                    + "_5001'"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> statement.executeQuery("select * from telephony_service.sip_extension"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> statement.executeQuery("select * from telephony_service.call_record"))
                    .hasMessageContaining("permission denied");
            statement.executeUpdate("update telephony_service.queue_members set paused = 0 where false");
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
