package io.switchboard.tenant.platform;

import static io.restassured.RestAssured.given;
import static io.switchboard.tenant.TestTenants.createActive;
import static io.switchboard.tenant.TestTenants.newId;
import static io.switchboard.tenant.TestTenants.patch;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.testing.Database;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What platform-commons gives every service, seen through a test endpoint: the active tenant from the token and
 * {@code X-Tenant-ID}, permissions in that tenant, and the tenant directory refusing writes to a suspended tenant
 * (switched on here, as in every service but tenant-service).
 */
@QuarkusTest
@TestProfile(TenantContextTest.DirectoryEnforced.class)
class TenantContextTest {

    /** The configuration of every other service: the directory refuses writes to tenants that are not active. */
    public static class DirectoryEnforced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.tenant-directory.enforce-writes", "true");
        }
    }

    private static final TestUsers users = new TestUsers();
    private static TestUser superadmin;
    private static String tenantA;
    private static String tenantB;

    @BeforeEach
    void setUp() {
        if (superadmin != null) {
            return;
        }
        superadmin = users.superadmin();
        tenantA = createActive(superadmin.token(), "ctx-a");
        tenantB = createActive(superadmin.token(), "ctx-b");
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void theOnlyTenantOfAUserIsActiveWithoutAHeader() {
        TestUser agent = users.member(tenantA, "agent");
        given().auth()
                .oauth2(agent.token())
                .get("/test/tenant-context")
                .then()
                .statusCode(200)
                .body("tenant", equalTo(tenantA));
    }

    @Test
    void aUserOfSeveralTenantsNamesOne() {
        TestUser both = users.memberships(Map.of(tenantA, List.of("agent"), tenantB, List.of("viewer")));
        given().auth()
                .oauth2(both.token())
                .get("/test/tenant-context")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:switchboard:problem:tenant-required"));
        given().auth()
                .oauth2(both.token())
                .header("X-Tenant-ID", tenantB)
                .get("/test/tenant-context")
                .then()
                .statusCode(200)
                .body("tenant", equalTo(tenantB));
    }

    @Test
    void aTenantTheUserDoesNotBelongToIsRefused() {
        TestUser agent = users.member(tenantA, "agent");
        given().auth()
                .oauth2(agent.token())
                .header("X-Tenant-ID", tenantB)
                .get("/test/tenant-context")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:switchboard:problem:not-tenant-member"));
        given().auth()
                .oauth2(superadmin.token())
                .header("X-Tenant-ID", tenantB)
                .get("/test/tenant-context")
                .then()
                .statusCode(200)
                .body("tenant", equalTo(tenantB));
    }

    @Test
    void permissionsApplyInTheActiveTenant() {
        TestUser adminOfAAgentOfB =
                users.memberships(Map.of(tenantA, List.of("tenant_admin"), tenantB, List.of("agent")));
        given().auth()
                .oauth2(adminOfAAgentOfB.token())
                .header("X-Tenant-ID", tenantA)
                .get("/test/tenant-context/settings")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(adminOfAAgentOfB.token())
                .header("X-Tenant-ID", tenantB)
                .get("/test/tenant-context/settings")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:switchboard:problem:forbidden"));
    }

    @Test
    void theDirectoryFollowsTenantEventsAndRefusesWritesToASuspendedTenant() throws Exception {
        String tenant = createActive(superadmin.token(), "ctx-suspend");
        TestUser agent = users.member(tenant, "agent");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(directoryStatus(tenant)));
        given().auth().oauth2(agent.token()).post("/test/tenant-context").then().statusCode(200);

        patch(superadmin.token(), tenant, Map.of("status", "suspended")).statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "suspended".equals(directoryStatus(tenant)));
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> given().auth()
                        .oauth2(agent.token())
                        .post("/test/tenant-context")
                        .then()
                        .statusCode(403)
                        .body("type", equalTo("urn:switchboard:problem:tenant-not-writable"))
                        .body("tenantStatus", equalTo("suspended")));
        given().auth().oauth2(agent.token()).get("/test/tenant-context").then().statusCode(200);
        given().auth()
                .oauth2(superadmin.token())
                .header("X-Tenant-ID", tenant)
                .post("/test/tenant-context")
                .then()
                .statusCode(200);
    }

    @Test
    void aTenantUnknownToTheDirectoryIsNotWrittenTo() {
        TestUser ghost = users.member(newId("ghost"), "tenant_admin");
        given().auth()
                .oauth2(ghost.token())
                .post("/test/tenant-context")
                .then()
                .statusCode(503)
                .header("Retry-After", equalTo("2"));
    }

    private static String directoryStatus(String tenant) throws Exception {
        try (Connection connection = Database.connectAs("tenant_service");
                PreparedStatement statement =
                        connection.prepareStatement("select status from tenant_directory where tenant_id = ?")) {
            statement.setString(1, tenant);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
