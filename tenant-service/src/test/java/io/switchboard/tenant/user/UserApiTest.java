package io.switchboard.tenant.user;

import static io.switchboard.tenant.TestTenants.as;
import static io.switchboard.tenant.TestTenants.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.tenant.TestTenants;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.EventCapture.Captured;
import io.switchboard.testing.Keycloak;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Users through the API with real tokens, checked where they take effect: logins and token claims from the local
 * Keycloak, events on Kafka.
 */
@QuarkusTest
class UserApiTest {

    private static final String PASSWORD = "Correct-horse-42";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestUsers USERS = new TestUsers();
    private static final List<String> MADE = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static TestUser superadmin;
    private static String tenantA;
    private static String tenantB;
    private static TestUser adminA;
    private static TestUser adminB;

    @BeforeEach
    void setUp() {
        if (superadmin == null) {
            superadmin = USERS.superadmin();
            tenantA = TestTenants.createActive(superadmin.token(), "users-a");
            tenantB = TestTenants.createActive(superadmin.token(), "users-b");
            adminA = USERS.member(tenantA, "tenant_admin");
            adminB = USERS.member(tenantB, "tenant_admin");
        }
    }

    @AfterAll
    static void cleanUp() {
        for (String id : MADE) {
            Keycloak.deleteUser(id);
        }
        USERS.close();
    }

    @Test
    void aTenantAdminCreatesAnAgentWhoLogsInWithTheRoleInTheToken() {
        String email = email("alice");
        try (EventCapture events = EventCapture.open(Topics.TENANT_EVENTS)) {
            String id = createUser(
                            adminA,
                            tenantA,
                            Map.of(
                                    "email",
                                    email,
                                    "firstName",
                                    "Alice",
                                    "lastName",
                                    "Martin",
                                    "phone",
                                    "+49 30 1234567",
                                    "roles",
                                    List.of("agent"),
                                    "grants",
                                    List.of("cdr:read"),
                                    "password",
                                    PASSWORD))
                    .statusCode(201)
                    .body("email", equalTo(email))
                    .body("phone", equalTo("+49301234567"))
                    .body("status", equalTo("active"))
                    .body("tenantId", equalTo(tenantA))
                    .body("roles", containsInAnyOrder("agent"))
                    .body("permissions", hasItem("calls:handle"))
                    .body("permissions", hasItem("cdr:read"))
                    .body("identity", equalTo("synced"))
                    .extract()
                    .path("id");

            JsonNode claim = Keycloak.tenantsClaim(Keycloak.token(email, PASSWORD));
            assertThat(claim.fieldNames()).toIterable().containsExactly(tenantA);
            assertThat(claim.path(tenantA).path("roles"))
                    .extracting(JsonNode::asText)
                    .containsExactly("agent");
            assertThat(claim.path(tenantA).path("grants"))
                    .extracting(JsonNode::asText)
                    .containsExactly("cdr:read");

            as(adminA.token())
                    .header("X-Tenant-ID", tenantA)
                    .get("/api/v1/users/" + id)
                    .then()
                    .statusCode(200);
            as(adminA.token())
                    .header("X-Tenant-ID", tenantA)
                    .get("/api/v1/users?q=alice&role=agent")
                    .then()
                    .statusCode(200)
                    .body("items.id", hasItem(id));

            AsyncApiContract contract = AsyncApiContract.load();
            Captured user =
                    events.awaitOne(EventCapture.event(EventTypes.TENANT_USER_CREATED, id), Duration.ofSeconds(30));
            Captured membership = events.awaitOne(
                    c -> c.event().type().equals(EventTypes.TENANT_MEMBERSHIP_CREATED)
                            && c.dataAsString().contains(id),
                    Duration.ofSeconds(30));
            assertThat(contract.violations(user)).isEmpty();
            assertThat(contract.violations(membership)).isEmpty();
            assertThat(user.event().tenantId()).isEqualTo(tenantA);
        }
    }

    @Test
    void roleChangesReachTheNextTokenAndASuspendedUserCannotLogIn() {
        String email = email("bob");
        String id = createUser(adminA, tenantA, Map.of("email", email, "roles", List.of("agent"), "password", PASSWORD))
                .statusCode(201)
                .extract()
                .path("id");

        patch(adminA, tenantA, id, Map.of("roles", List.of("supervisor")))
                .statusCode(200)
                .body("roles", containsInAnyOrder("supervisor"))
                .body("permissions", hasItem("queues:manage"))
                .body("identity", equalTo("synced"));
        JsonNode claim = Keycloak.tenantsClaim(Keycloak.token(email, PASSWORD));
        assertThat(claim.path(tenantA).path("roles"))
                .extracting(JsonNode::asText)
                .containsExactly("supervisor");

        String issuedBefore = Keycloak.token(email, PASSWORD);
        as(issuedBefore)
                .header("X-Tenant-ID", tenantA)
                .get("/api/v1/users")
                .then()
                .statusCode(200);
        patch(adminA, tenantA, id, Map.of("status", "suspended"))
                .statusCode(200)
                .body("status", equalTo("suspended"));
        assertThatThrownBy(() -> Keycloak.token(email, PASSWORD)).isInstanceOf(RuntimeException.class);
        // the token Keycloak signed before the suspension is refused too, long before it expires
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(issuedBefore)
                        .header("X-Tenant-ID", tenantA)
                        .get("/api/v1/users")
                        .then()
                        .statusCode(401));

        patch(adminA, tenantA, id, Map.of("status", "active")).statusCode(200);
        assertThat(Keycloak.token(email, PASSWORD)).isNotBlank();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(issuedBefore)
                        .header("X-Tenant-ID", tenantA)
                        .get("/api/v1/users")
                        .then()
                        .statusCode(200));
    }

    @Test
    void badInputNamesEveryFieldAndWritesNothing() {
        String email = email("nobody");
        createUser(
                        adminA,
                        tenantA,
                        Map.of(
                                "email", "not-an-email",
                                "phone", "12345",
                                "avatarUrl", "ftp://x",
                                "roles", List.of("boss"),
                                "grants", List.of("everything:all")))
                .statusCode(400)
                .body("type", equalTo("urn:switchboard:problem:validation-failed"))
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("phone"))
                .body("errors.field", hasItem("avatarUrl"))
                .body("errors.field", hasItem("roles"))
                .body("errors.field", hasItem("grants"));
        createUser(adminA, tenantA, Map.of("email", email, "roles", List.of())).statusCode(400);
        as(adminA.token())
                .header("X-Tenant-ID", tenantA)
                .get("/api/v1/users?q=" + email)
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(0));
    }

    @Test
    void anEmailHasOneLoginOnThePlatform() {
        String email = email("carol");
        createUser(adminA, tenantA, Map.of("email", email, "roles", List.of("viewer")))
                .statusCode(201);
        createUser(adminB, tenantB, Map.of("email", email.toUpperCase(), "roles", List.of("viewer")))
                .statusCode(409)
                .body("errors.field", hasItem("email"));
    }

    @Test
    void maxAgentsIsEnforcedWithTheLimitAndTheCount() {
        String tenant = TestTenants.newId("users-max");
        create(
                        superadmin.token(),
                        Map.of(
                                "id",
                                tenant,
                                "name",
                                "Small",
                                "limits",
                                Map.of("maxAgents", 1, "maxDids", 1, "maxConcurrentCalls", 1)))
                .statusCode(201);
        TestUser admin = USERS.member(tenant, "tenant_admin");
        createUser(admin, tenant, Map.of("email", email("first"), "roles", List.of("agent")))
                .statusCode(201);
        String second = email("second");
        createUser(admin, tenant, Map.of("email", second, "roles", List.of("agent", "viewer"), "password", PASSWORD))
                .statusCode(422)
                .body("type", equalTo("urn:switchboard:problem:limit-exceeded"))
                .body("limit", equalTo(1))
                .body("count", equalTo(1));
        // nothing half-made: no login either
        assertThatThrownBy(() -> Keycloak.token(second, PASSWORD)).isInstanceOf(RuntimeException.class);
        String viewer = createUser(admin, tenant, Map.of("email", second, "roles", List.of("viewer")))
                .statusCode(201)
                .extract()
                .path("id");
        patch(admin, tenant, viewer, Map.of("roles", List.of("agent")))
                .statusCode(422)
                .body("count", equalTo(1));
    }

    @Test
    void anotherTenantCanNeitherSeeNorChangeTheUser() {
        String id = createUser(adminA, tenantA, Map.of("email", email("dave"), "roles", List.of("agent")))
                .statusCode(201)
                .extract()
                .path("id");
        as(adminB.token())
                .header("X-Tenant-ID", tenantB)
                .get("/api/v1/users/" + id)
                .then()
                .statusCode(404);
        patch(adminB, tenantB, id, Map.of("firstName", "Mallory")).statusCode(404);
        as(adminB.token())
                .header("X-Tenant-ID", tenantB)
                .delete("/api/v1/users/" + id)
                .then()
                .statusCode(404);
        as(adminB.token())
                .header("X-Tenant-ID", tenantB)
                .get("/api/v1/users?size=200")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(id)));
        as(adminB.token())
                .header("X-Tenant-ID", tenantA)
                .get("/api/v1/users/" + id)
                .then()
                .statusCode(403);
    }

    @Test
    void onlyUserManagersChangeUsersAndNobodyDemotesThemselves() {
        TestUser agent = USERS.member(tenantA, "agent");
        createUser(agent, tenantA, Map.of("email", email("eve"), "roles", List.of("agent")))
                .statusCode(403);
        as(agent.token())
                .header("X-Tenant-ID", tenantA)
                .get("/api/v1/users")
                .then()
                .statusCode(200);
        String email = email("admin");
        String self = createUser(
                        adminA, tenantA, Map.of("email", email, "roles", List.of("tenant_admin"), "password", PASSWORD))
                .statusCode(201)
                .extract()
                .path("id");
        String token = Keycloak.token(email, PASSWORD);
        as(token)
                .header("X-Tenant-ID", tenantA)
                .contentType("application/merge-patch+json")
                .body(Map.of("roles", List.of("agent")))
                .patch("/api/v1/users/" + self)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("roles"));
        as(token)
                .header("X-Tenant-ID", tenantA)
                .contentType("application/merge-patch+json")
                .body(Map.of("firstName", "Still admin"))
                .patch("/api/v1/users/" + self)
                .then()
                .statusCode(200);
    }

    @Test
    void removingTheLastMembershipDeletesTheUserAndDisablesTheLogin() {
        String email = email("frank");
        String id = createUser(adminA, tenantA, Map.of("email", email, "roles", List.of("agent"), "password", PASSWORD))
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(Keycloak.token(email, PASSWORD)).isNotBlank();
        as(adminA.token())
                .header("X-Tenant-ID", tenantA)
                .delete("/api/v1/users/" + id)
                .then()
                .statusCode(204);
        as(adminA.token())
                .header("X-Tenant-ID", tenantA)
                .get("/api/v1/users/" + id)
                .then()
                .statusCode(404);
        assertThatThrownBy(() -> Keycloak.token(email, PASSWORD)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void anAdminSetsAPasswordThatKeycloakChecks() {
        String email = email("grace");
        String id = createUser(adminA, tenantA, Map.of("email", email, "roles", List.of("viewer")))
                .statusCode(201)
                .extract()
                .path("id");
        as(adminA.token())
                .header("X-Tenant-ID", tenantA)
                .body(Map.of("password", "Another-secret-7"))
                .put("/api/v1/users/" + id + "/password")
                .then()
                .statusCode(204);
        assertThat(Keycloak.token(email, "Another-secret-7")).isNotBlank();
    }

    @Test
    void aUserChangesTheirOwnPasswordOnlyWithTheCurrentOne() {
        String email = email("henry");
        createUser(adminA, tenantA, Map.of("email", email, "roles", List.of("agent"), "password", PASSWORD))
                .statusCode(201);
        String token = Keycloak.token(email, PASSWORD);
        as(token)
                .body(Map.of("currentPassword", "not-it", "password", "Brand-new-pass-9"))
                .put("/api/v1/users/me/password")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("currentPassword"));
        as(token)
                .body(Map.of("currentPassword", PASSWORD))
                .put("/api/v1/users/me/password")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("password"));
        as(token)
                .body(Map.of("currentPassword", PASSWORD, "password", "Brand-new-pass-9"))
                .put("/api/v1/users/me/password")
                .then()
                .statusCode(204);
        assertThat(Keycloak.token(email, "Brand-new-pass-9")).isNotBlank();
        assertThatThrownBy(() -> Keycloak.token(email, PASSWORD)).isInstanceOf(RuntimeException.class);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static String email(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@users.test.switchboard.local";
    }

    private static ValidatableResponse createUser(TestUser admin, String tenant, Map<String, Object> body) {
        Map<String, Object> named = new HashMap<>(body);
        named.putIfAbsent("firstName", "Test");
        named.putIfAbsent("lastName", "User");
        ValidatableResponse response = as(admin.token())
                .header("X-Tenant-ID", tenant)
                .body(named)
                .post("/api/v1/users")
                .then();
        String id = response.extract().path("id");
        if (id != null) {
            MADE.add(id);
        }
        return response;
    }

    private static ValidatableResponse patch(TestUser admin, String tenant, String id, Map<String, Object> patch) {
        return as(admin.token())
                .header("X-Tenant-ID", tenant)
                .contentType("application/merge-patch+json")
                .body(patch)
                .patch("/api/v1/users/" + id)
                .then();
    }
}
