package io.switchboard.tenant.tenant;

import static io.restassured.RestAssured.given;
import static io.switchboard.tenant.TestTenants.as;
import static io.switchboard.tenant.TestTenants.create;
import static io.switchboard.tenant.TestTenants.createActive;
import static io.switchboard.tenant.TestTenants.newId;
import static io.switchboard.tenant.TestTenants.patch;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may do what with tenants, with real tokens from the local Keycloak. */
@QuarkusTest
class TenantAccessTest {

    private static final TestUsers users = new TestUsers();
    private static TestUser superadmin;
    private static String tenantA;
    private static String tenantB;
    private static TestUser adminOfA;
    private static TestUser agentOfA;
    private static TestUser viewerOfA;
    private static TestUser memberOfBoth;

    @BeforeEach
    void setUp() {
        if (superadmin != null) {
            return; // once per class; the application is not reachable yet in @BeforeAll
        }
        superadmin = users.superadmin();
        tenantA = newId("access-a");
        tenantB = newId("access-b");
        adminOfA = users.member(tenantA, "tenant_admin");
        agentOfA = users.member(tenantA, "agent");
        viewerOfA = users.member(tenantA, "viewer");
        memberOfBoth = users.memberships(Map.of(tenantA, List.of("agent"), tenantB, List.of("supervisor")));
        create(superadmin.token(), Map.of("id", tenantA, "name", "Tenant A")).statusCode(201);
        create(superadmin.token(), Map.of("id", tenantB, "name", "Tenant B")).statusCode(201);
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void withoutAValidTokenTheAnswerIs401() {
        given().get("/api/v1/tenants")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo("urn:switchboard:problem:unauthorized"));
        given().auth()
                .oauth2("not-a-token")
                .get("/api/v1/tenants")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        String forgedSignature =
                superadmin.token().substring(0, superadmin.token().lastIndexOf('.')) + ".AAAA";
        given().auth().oauth2(forgedSignature).get("/api/v1/tenants").then().statusCode(401);
    }

    @Test
    void onlySuperadminsCreateDeleteAndRestore() {
        for (TestUser user : List.of(adminOfA, agentOfA, viewerOfA)) {
            create(user.token(), Map.of("id", newId("nope"), "name", "Nope"))
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:switchboard:problem:forbidden"));
            as(user.token()).delete("/api/v1/tenants/" + tenantA).then().statusCode(403);
            as(user.token())
                    .post("/api/v1/tenants/" + tenantA + "/restore")
                    .then()
                    .statusCode(403);
        }
    }

    @Test
    void membersReadTheirTenantAndNobodyElseSeesIt() {
        for (TestUser user : List.of(adminOfA, agentOfA, viewerOfA)) {
            as(user.token())
                    .get("/api/v1/tenants/" + tenantA)
                    .then()
                    .statusCode(200)
                    .body("id", equalTo(tenantA));
            as(user.token())
                    .get("/api/v1/tenants/" + tenantB)
                    .then()
                    .statusCode(404)
                    .body("type", equalTo("urn:switchboard:problem:not-found"));
            patch(user.token(), tenantB, Map.of("name", "Hijacked")).statusCode(404);
            as(user.token())
                    .get("/api/v1/tenants")
                    .then()
                    .statusCode(200)
                    .body("items.id", containsInAnyOrder(tenantA))
                    .body("totalItems", equalTo(1));
        }
        as(memberOfBoth.token()).get("/api/v1/tenants").then().body("items.id", containsInAnyOrder(tenantA, tenantB));
        as(superadmin.token()).get("/api/v1/tenants/" + tenantB).then().statusCode(200);
    }

    @Test
    void tenantAdminsChangeNameAndSettingsButNotLimitsFlagsOrStatus() {
        patch(adminOfA.token(), tenantA, Map.of("name", "A by its admin", "settings", Map.of("locale", "de-DE")))
                .statusCode(200)
                .body("name", equalTo("A by its admin"))
                .body("settings.locale", equalTo("de-DE"));
        patch(
                        adminOfA.token(),
                        tenantA,
                        Map.of(
                                "limits",
                                Map.of("maxAgents", 9999),
                                "features",
                                Map.of("sms", true),
                                "status",
                                "suspended"))
                .statusCode(403)
                .body("type", equalTo("urn:switchboard:problem:forbidden"))
                .body("fields", hasItems("limits.maxAgents", "features.sms", "status"));
        as(superadmin.token())
                .get("/api/v1/tenants/" + tenantA)
                .then()
                .body("limits.maxAgents", equalTo(10))
                .body("status", equalTo("active"));
    }

    @Test
    void agentsAndViewersCannotChangeTheirTenant() {
        for (TestUser user : List.of(agentOfA, viewerOfA)) {
            patch(user.token(), tenantA, Map.of("settings", Map.of("timezone", "Europe/Paris")))
                    .statusCode(403)
                    .body("detail", containsString("tenant:settings"));
        }
    }

    @Test
    void aSuspendedTenantRefusesChangesFromItsAdminsButNotFromSuperadmins() {
        String suspended = createActive(superadmin.token(), "suspended");
        TestUser admin = users.member(suspended, "tenant_admin");
        patch(superadmin.token(), suspended, Map.of("status", "suspended", "statusReason", "unpaid invoice"))
                .statusCode(200);
        patch(admin.token(), suspended, Map.of("settings", Map.of("timezone", "Europe/Paris")))
                .statusCode(403)
                .body("type", equalTo("urn:switchboard:problem:tenant-not-writable"))
                .body("tenantStatus", equalTo("suspended"));
        as(admin.token()).get("/api/v1/tenants/" + suspended).then().statusCode(200);
        patch(superadmin.token(), suspended, Map.of("status", "active")).statusCode(200);
        patch(admin.token(), suspended, Map.of("settings", Map.of("timezone", "Europe/Paris")))
                .statusCode(200);
    }
}
