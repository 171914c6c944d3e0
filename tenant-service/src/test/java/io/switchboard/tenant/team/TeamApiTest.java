package io.switchboard.tenant.team;

import static io.switchboard.tenant.TestTenants.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Teams through the API with real tokens: CRUD with the service's conventions, members who must be users of the
 * tenant, who may manage and read them, another tenant's team as 404, and the {@code tenant.team.*} events (validated
 * against docs/asyncapi.yaml) also when a member leaves the tenant.
 */
@QuarkusTest
class TeamApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestUsers USERS = new TestUsers();
    private static final List<String> MADE = new CopyOnWriteArrayList<>();

    private static TestUser superadmin;
    private static String tenantA;
    private static String tenantB;
    private static TestUser adminA;
    private static TestUser adminB;
    private static TestUser supervisorA;
    private static TestUser agentA;
    private static TestUser viewerA;
    private static List<String> usersA;
    private static String userB;

    @BeforeEach
    void setUp() {
        if (superadmin == null) {
            superadmin = USERS.superadmin();
            tenantA = TestTenants.createActive(superadmin.token(), "teams-a");
            tenantB = TestTenants.createActive(superadmin.token(), "teams-b");
            adminA = USERS.member(tenantA, "tenant_admin");
            adminB = USERS.member(tenantB, "tenant_admin");
            supervisorA = USERS.member(tenantA, "supervisor");
            agentA = USERS.member(tenantA, "agent");
            viewerA = USERS.member(tenantA, "viewer");
            usersA = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                usersA.add(createUser(adminA, tenantA, "member" + i));
            }
            userB = createUser(adminB, tenantB, "other");
        }
    }

    @AfterAll
    static void cleanUp() {
        MADE.forEach(Keycloak::deleteUser);
        USERS.close();
    }

    @Test
    void aTeamIsCreatedReadListedChangedAndDeletedWithItsEvents() {
        AsyncApiContract contract = AsyncApiContract.load();
        try (EventCapture events = EventCapture.open(Topics.TENANT_EVENTS)) {
            String name = "Billing " + UUID.randomUUID().toString().substring(0, 6);
            String id = in(adminA, tenantA)
                    .body(Map.of(
                            "name",
                            name,
                            "description",
                            "Invoices and refunds",
                            "leadId",
                            usersA.get(0),
                            "members",
                            List.of(usersA.get(0), usersA.get(1))))
                    .post("/api/v1/teams")
                    .then()
                    .statusCode(201)
                    .header("ETag", "\"0\"")
                    .header("Location", containsString("/api/v1/teams/"))
                    .body("name", equalTo(name))
                    .body("tenantId", equalTo(tenantA))
                    .body("leadId", equalTo(usersA.get(0)))
                    .body("members", contains(usersA.get(0), usersA.get(1)))
                    .extract()
                    .path("id");

            // the same name in another case is taken; another tenant may use it
            in(supervisorA, tenantA)
                    .body(Map.of("name", name.toUpperCase()))
                    .post("/api/v1/teams")
                    .then()
                    .statusCode(409)
                    .body("type", equalTo("urn:switchboard:problem:already-exists"))
                    .body("errors[0].field", equalTo("name"));
            in(adminB, tenantB)
                    .body(Map.of("name", name))
                    .post("/api/v1/teams")
                    .then()
                    .statusCode(201);

            in(agentA, tenantA)
                    .get("/api/v1/teams/" + id)
                    .then()
                    .statusCode(200)
                    .header("ETag", "\"0\"");
            in(agentA, tenantA)
                    .queryParam("member", usersA.get(1))
                    .get("/api/v1/teams")
                    .then()
                    .statusCode(200)
                    .body("items.id", hasItem(id));
            in(agentA, tenantA)
                    .queryParam("member", usersA.get(2))
                    .get("/api/v1/teams")
                    .then()
                    .statusCode(200)
                    .body("items.id", not(hasItem(id)));

            // Merge Patch with If-Match: a stale ETag is refused, the current one applies
            patch(adminA, tenantA, id, Map.of("description", "stale"), "\"7\"").statusCode(412);
            patch(adminA, tenantA, id, Map.of("members", List.of(usersA.get(1), usersA.get(2))), "\"0\"")
                    .statusCode(200)
                    .header("ETag", "\"1\"")
                    .body("description", equalTo("Invoices and refunds"))
                    .body("members", contains(usersA.get(1), usersA.get(2)));

            in(supervisorA, tenantA)
                    .put("/api/v1/teams/" + id + "/members/" + usersA.get(3))
                    .then()
                    .statusCode(200)
                    .body("members", contains(usersA.get(1), usersA.get(2), usersA.get(3)));
            // adding a member twice changes nothing
            in(supervisorA, tenantA)
                    .put("/api/v1/teams/" + id + "/members/" + usersA.get(3))
                    .then()
                    .statusCode(200)
                    .header("ETag", "\"2\"");
            in(supervisorA, tenantA)
                    .delete("/api/v1/teams/" + id + "/members/" + usersA.get(1))
                    .then()
                    .statusCode(204);
            in(supervisorA, tenantA)
                    .delete("/api/v1/teams/" + id + "/members/" + usersA.get(1))
                    .then()
                    .statusCode(404);

            in(adminA, tenantA).delete("/api/v1/teams/" + id).then().statusCode(204);
            in(adminA, tenantA).get("/api/v1/teams/" + id).then().statusCode(404);

            events.awaitOne(EventCapture.event(EventTypes.TENANT_TEAM_DELETED, id), Duration.ofSeconds(30));
            List<Captured> emitted = events.matching(c -> id.equals(c.event().subject()));
            assertThat(emitted)
                    .extracting(c -> c.event().type())
                    .containsExactly(
                            EventTypes.TENANT_TEAM_CREATED,
                            EventTypes.TENANT_TEAM_UPDATED,
                            EventTypes.TENANT_TEAM_UPDATED,
                            EventTypes.TENANT_TEAM_UPDATED,
                            EventTypes.TENANT_TEAM_DELETED);
            assertThat(emitted).extracting(c -> json(c).get("version").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(json(emitted.get(3)).get("members"))
                    .extracting(JsonNode::asText)
                    .containsExactly(usersA.get(2), usersA.get(3));
            for (Captured captured : emitted) {
                assertThat(captured.event().tenantId()).isEqualTo(tenantA);
                assertThat(contract.violations(captured))
                        .as("%s %s", captured.event().type(), captured.dataAsString())
                        .isEmpty();
            }
        }
    }

    @Test
    void membersAndTheLeadMustBeUsersOfTheTenant() {
        String unknown = UUID.randomUUID().toString();
        in(adminA, tenantA)
                .body(Map.of(
                        "name",
                        "Checked " + UUID.randomUUID(),
                        "leadId",
                        userB,
                        "members",
                        List.of(usersA.get(0), unknown, "not-a-uuid", userB)))
                .post("/api/v1/teams")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:unknown-reference"))
                .body("errors.field", contains("leadId", "members[1]", "members[2]", "members[3]"));
        in(adminA, tenantA)
                .body(Map.of("name", " ", "members", List.of()))
                .post("/api/v1/teams")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("name"));
        String id = createTeam(adminA, tenantA, List.of(usersA.get(0)));
        in(adminA, tenantA)
                .put("/api/v1/teams/" + id + "/members/" + userB)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("userId"));
        patch(adminA, tenantA, id, Map.of("members", List.of(usersA.get(0), unknown)), null)
                .statusCode(422)
                .body("errors[0].field", equalTo("members[1]"));
        patch(adminA, tenantA, id, Map.of("id", UUID.randomUUID().toString()), null)
                .statusCode(400)
                .body("errors[0].field", equalTo("id"));
        in(adminA, tenantA)
                .get("/api/v1/teams/" + id)
                .then()
                .statusCode(200)
                .body("members", contains(usersA.get(0)))
                .header("ETag", "\"0\"");
    }

    @Test
    void anotherTenantsTeamIsNotFoundEverywhereAndNeverListed() {
        String id = createTeam(adminA, tenantA, List.of(usersA.get(0)));
        in(adminB, tenantB).get("/api/v1/teams/" + id).then().statusCode(404);
        patch(adminB, tenantB, id, Map.of("name", "Taken over"), null).statusCode(404);
        in(adminB, tenantB)
                .put("/api/v1/teams/" + id + "/members/" + userB)
                .then()
                .statusCode(404);
        in(adminB, tenantB)
                .delete("/api/v1/teams/" + id + "/members/" + usersA.get(0))
                .then()
                .statusCode(404);
        in(adminB, tenantB).delete("/api/v1/teams/" + id).then().statusCode(404);
        in(adminB, tenantB).get("/api/v1/teams?size=200").then().statusCode(200).body("items.id", not(hasItem(id)));
        in(adminB, tenantB)
                .queryParam("member", usersA.get(0))
                .get("/api/v1/teams")
                .then()
                .statusCode(200)
                .body("items", empty());
        in(adminA, tenantA)
                .get("/api/v1/teams/" + id)
                .then()
                .statusCode(200)
                .body("members", contains(usersA.get(0)))
                .header("ETag", "\"0\"");
    }

    @Test
    void adminsAndSupervisorsManageTeamsAndEveryoneWithUsersReadReadsThem() {
        String id = createTeam(supervisorA, tenantA, List.of());
        in(agentA, tenantA).get("/api/v1/teams").then().statusCode(200);
        in(agentA, tenantA)
                .body(Map.of("name", "Agents' own", "members", List.of()))
                .post("/api/v1/teams")
                .then()
                .statusCode(403);
        patch(agentA, tenantA, id, Map.of("name", "Renamed"), null).statusCode(403);
        in(agentA, tenantA)
                .put("/api/v1/teams/" + id + "/members/" + usersA.get(0))
                .then()
                .statusCode(403);
        in(agentA, tenantA).delete("/api/v1/teams/" + id).then().statusCode(403);
        in(viewerA, tenantA).get("/api/v1/teams").then().statusCode(403);
        in(viewerA, tenantA).get("/api/v1/teams/" + id).then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/teams").then().statusCode(401);
    }

    @Test
    void aUserWhoLeavesTheTenantDropsOutOfItsTeamsWithAnUpdatedEvent() {
        String leaving = createUser(adminA, tenantA, "leaving");
        String first = createTeam(adminA, tenantA, List.of(usersA.get(0), leaving));
        String second = in(adminA, tenantA)
                .body(Map.of("name", "Led " + UUID.randomUUID(), "leadId", leaving, "members", List.of(leaving)))
                .post("/api/v1/teams")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try (EventCapture events = EventCapture.open(Topics.TENANT_EVENTS)) {
            in(adminA, tenantA).delete("/api/v1/users/" + leaving).then().statusCode(204);
            Captured firstUpdated =
                    events.awaitOne(EventCapture.event(EventTypes.TENANT_TEAM_UPDATED, first), Duration.ofSeconds(30));
            Captured secondUpdated =
                    events.awaitOne(EventCapture.event(EventTypes.TENANT_TEAM_UPDATED, second), Duration.ofSeconds(30));
            assertThat(json(firstUpdated).get("members"))
                    .extracting(JsonNode::asText)
                    .containsExactly(usersA.get(0));
            assertThat(json(secondUpdated).get("members")).isEmpty();
            assertThat(json(secondUpdated).get("leadId").isNull()).isTrue();
        }
        in(adminA, tenantA)
                .get("/api/v1/teams/" + first)
                .then()
                .statusCode(200)
                .body("members", contains(usersA.get(0)));
        in(adminA, tenantA)
                .queryParam("member", leaving)
                .get("/api/v1/teams")
                .then()
                .statusCode(200)
                .body("items", empty());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static RequestSpecification in(TestUser user, String tenant) {
        return as(user.token()).header("X-Tenant-ID", tenant);
    }

    private static io.restassured.response.ValidatableResponse patch(
            TestUser user, String tenant, String id, Map<String, Object> patch, String ifMatch) {
        RequestSpecification request = io.restassured.RestAssured.given()
                .auth()
                .oauth2(user.token())
                .header("X-Tenant-ID", tenant)
                .contentType("application/merge-patch+json")
                .body(patch);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.patch("/api/v1/teams/" + id).then();
    }

    private static String createTeam(TestUser user, String tenant, List<String> members) {
        return in(user, tenant)
                .body(Map.of("name", "Team " + UUID.randomUUID(), "members", members))
                .post("/api/v1/teams")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String createUser(TestUser admin, String tenant, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@teams.test.switchboard.local");
        body.put("firstName", "Team");
        body.put("lastName", name);
        body.put("roles", List.of("supervisor"));
        String id = in(admin, tenant)
                .body(body)
                .post("/api/v1/users")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        MADE.add(id);
        return id;
    }

    private static JsonNode json(Captured captured) {
        try {
            return JSON.readTree(captured.dataAsString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
