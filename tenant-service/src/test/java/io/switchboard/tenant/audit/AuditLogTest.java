package io.switchboard.tenant.audit;

import static io.switchboard.tenant.TestTenants.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.tenant.TestTenants;
import io.switchboard.testing.Database;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Administrative changes become audit entries of their tenant, readable by its admins and superadmins only. */
@QuarkusTest
class AuditLogTest {

    private static final TestUsers USERS = new TestUsers();

    @AfterAll
    static void cleanUp() {
        USERS.close();
    }

    @Test
    void changesAreAuditedWithWhoAndWhenAndStayInTheirTenant() throws Exception {
        TestUser superadmin = USERS.superadmin();
        String tenant = TestTenants.createActive(superadmin.token(), "audit");
        String other = TestTenants.createActive(superadmin.token(), "audit-other");
        TestUser admin = USERS.member(tenant, "tenant_admin");
        TestUser otherAdmin = USERS.member(other, "tenant_admin");
        TestUser agent = USERS.member(tenant, "agent");

        TestTenants.patch(admin.token(), tenant, Map.of("settings", Map.of("timezone", "Europe/Paris")))
                .statusCode(200);
        String email = "audited-" + UUID.randomUUID().toString().substring(0, 8) + "@users.test.switchboard.local";
        String userId = as(admin.token())
                .header("X-Tenant-ID", tenant)
                .body(Map.of("email", email, "firstName", "Audited", "lastName", "User", "roles", List.of("viewer")))
                .post("/api/v1/users")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        JsonPath log = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> as(admin.token())
                                .header("X-Tenant-ID", tenant)
                                .get("/api/v1/audit?size=50")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        page -> page.getList("items.type")
                                .containsAll(List.of(
                                        "tenant.tenant.created",
                                        "tenant.tenant.updated",
                                        "tenant.user.created",
                                        "tenant.membership.created")));
        Map<String, Object> created = entry(log, "tenant.tenant.created");
        assertThat(created.get("tenantId")).isEqualTo(tenant);
        assertThat(created.get("actor")).isEqualTo(superadmin.id());
        assertThat(created.get("source")).isEqualTo("/switchboard/tenant-service");
        Map<String, Object> updated = entry(log, "tenant.tenant.updated");
        assertThat(updated.get("actor")).isEqualTo(admin.id());
        assertThat(updated.get("clientIp")).isEqualTo("127.0.0.1");
        assertThat(log.getList("items.find { it.type == 'tenant.tenant.updated' }.data.changedFields", String.class))
                .containsExactly("settings.timezone");
        assertThat(entry(log, "tenant.user.created").get("subject")).isEqualTo(userId);
        assertThat(log.getList("items.occurredAt", String.class))
                .as("newest first")
                .isSortedAccordingTo((a, b) -> b.compareTo(a));

        as(admin.token())
                .header("X-Tenant-ID", tenant)
                .get("/api/v1/audit?type=tenant.user.*")
                .then()
                .statusCode(200)
                .body("items.type", equalTo(List.of("tenant.user.created")));

        // another tenant sees none of it, and cannot ask; an agent may not read the log
        as(otherAdmin.token())
                .header("X-Tenant-ID", other)
                .get("/api/v1/audit?subject=" + userId)
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(0));
        as(otherAdmin.token())
                .header("X-Tenant-ID", tenant)
                .get("/api/v1/audit")
                .then()
                .statusCode(403);
        as(agent.token())
                .header("X-Tenant-ID", tenant)
                .get("/api/v1/audit")
                .then()
                .statusCode(403);

        // a superadmin reads across tenants
        as(superadmin.token())
                .get("/api/v1/audit?type=tenant.tenant.created&size=200")
                .then()
                .statusCode(200)
                .body(
                        "items.findAll { it.tenantId == '" + tenant + "' || it.tenantId == '" + other + "' }.size()",
                        equalTo(2));
    }

    @Test
    void theLogIsAppendOnlyEvenForTheServicesOwnRole() throws SQLException {
        try (Connection connection = Database.connectAs("tenant_service");
                Statement statement = connection.createStatement()) {
            statement.execute("set app.all_tenants = 'on'");
            assertThatThrownBy(() -> statement.executeUpdate("update tenant_service.audit_entry set actor = 'forged'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("delete from tenant_service.audit_entry"))
                    .hasMessageContaining("append-only");
        }
    }

    private static Map<String, Object> entry(JsonPath log, String type) {
        return log.getMap("items.find { it.type == '" + type + "' }");
    }
}
