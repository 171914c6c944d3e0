package io.switchboard.helpdesk.assignment;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static io.switchboard.helpdesk.support.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.helpdesk.support.Fixtures;
import io.switchboard.helpdesk.support.Fixtures.Team;
import io.switchboard.testing.DirectoryFixtures;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Automatic assignment with the service's real directories (fed over Kafka like tenant-service feeds them): a
 * category's rule sends a new ticket to a team and there to the least-loaded available agent; unavailable and
 * suspended members are skipped; simultaneous tickets spread evenly; a team without anyone available gets the ticket
 * alone. Teams and assignees must be the tenant's, and rules are invisible to other tenants.
 */
@QuarkusTest
class AutoAssignmentTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void aRuleSendsTheCategoryToItsTeamsLeastLoadedAvailableAgent() {
        Team t = Team.of(users, "asg");
        String tenant = t.tenant();
        TestUser busy = agent(tenant);
        TestUser free = agent(tenant);
        UUID team = Fixtures.team(tenant, busy, free);
        rule(t.admin(), tenant, "Billing", team);

        Map<String, Object> toBusy = ticket("Already on it");
        toBusy.put("assigneeId", busy.id());
        Fixtures.create(t.supervisor(), tenant, toBusy);

        try (EventCapture events = EventCapture.open(Topics.HELPDESK_EVENTS)) {
            String id = create(t.agent(), tenant, "billing");
            as(t.agent(), tenant)
                    .get("/api/v1/tickets/" + id)
                    .then()
                    .statusCode(200)
                    .body("teamId", equalTo(team.toString()))
                    .body("assigneeId", equalTo(free.id()));
            events.awaitOne(EventCapture.event(EventTypes.HELPDESK_TICKET_ASSIGNED, id), Duration.ofSeconds(30));
        }

        // both have one ticket now; the one who marked themselves unavailable is skipped
        as(free, tenant)
                .body(Map.of("available", false))
                .put("/api/v1/helpdesk/agents/" + free.id() + "/availability")
                .then()
                .statusCode(200)
                .body("available", equalTo(false));
        assertThat(assigneeOf(t.agent(), tenant, create(t.agent(), tenant, "Billing")))
                .isEqualTo(busy.id());

        // a suspended member is skipped too: nobody is available, the ticket goes to the team alone
        DirectoryFixtures.publishUserStatus(tenant, busy.id(), "suspended");
        DirectoryFixtures.awaitMember(Fixtures.ROLE, tenant, busy.id(), "suspended");
        String alone = create(t.agent(), tenant, "Billing");
        as(t.agent(), tenant)
                .get("/api/v1/tickets/" + alone)
                .then()
                .body("teamId", equalTo(team.toString()))
                .body("assigneeId", nullValue());

        // back available, the least loaded again (free has 1, busy's 2 do not count while suspended)
        as(t.supervisor(), tenant)
                .body(Map.of("available", true))
                .put("/api/v1/helpdesk/agents/" + free.id() + "/availability")
                .then()
                .statusCode(200);
        assertThat(assigneeOf(t.agent(), tenant, create(t.agent(), tenant, "Billing")))
                .isEqualTo(free.id());
        // a category without a rule stays unassigned; a ticket created with an assignee keeps them
        String other = create(t.agent(), tenant, "Hardware");
        as(t.agent(), tenant).get("/api/v1/tickets/" + other).then().body("teamId", nullValue());
    }

    @Test
    void simultaneousTicketsSpreadEvenlyOverTheTeam() throws Exception {
        Team t = Team.of(users, "asgc");
        String tenant = t.tenant();
        List<TestUser> agents = List.of(agent(tenant), agent(tenant), agent(tenant), agent(tenant));
        UUID team = Fixtures.team(tenant, agents.toArray(TestUser[]::new));
        rule(t.admin(), tenant, "Returns", team);
        String token = t.supervisor().token();

        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<String>> creations = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                creations.add(() -> io.restassured.RestAssured.given()
                        .auth()
                        .oauth2(token)
                        .header("X-Tenant-ID", tenant)
                        .contentType("application/json")
                        .body(Map.of(
                                "subject", "Return",
                                "category", "Returns",
                                "requester", Map.of("email", "customer@example.com")))
                        .post("/api/v1/tickets")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("assigneeId"));
            }
            List<String> assignees = new ArrayList<>();
            for (Future<String> created : pool.invokeAll(creations)) {
                assignees.add(created.get());
            }
            Map<String, Long> perAgent =
                    assignees.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(perAgent)
                    .containsOnlyKeys(agents.stream().map(TestUser::id).toList())
                    .allSatisfy((agent, count) -> assertThat(count).isEqualTo(5L));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTeamWithoutMembersGetsTheTicketAlone() {
        Team t = Team.of(users, "asge");
        UUID empty = Fixtures.team(t.tenant());
        Map<String, Object> body = ticket("Nobody there");
        body.put("teamId", empty.toString());
        String id = Fixtures.create(t.agent(), t.tenant(), body);
        as(t.agent(), t.tenant())
                .get("/api/v1/tickets/" + id)
                .then()
                .body("teamId", equalTo(empty.toString()))
                .body("assigneeId", nullValue());
    }

    @Test
    void teamsAndAssigneesMustBeTheTenantsAndAreNamedWhenNot() {
        Team a = Team.of(users, "asgv");
        Team b = Team.of(users, "asgw");
        UUID teamOfB = Fixtures.team(b.tenant(), b.agent());

        Map<String, Object> body = ticket("Wrong references");
        body.put("teamId", teamOfB.toString());
        body.put("assigneeId", b.agent().id());
        as(a.supervisor(), a.tenant())
                .body(body)
                .post("/api/v1/tickets")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:switchboard:problem:unknown-reference"))
                .body("errors.field", org.hamcrest.Matchers.contains("assigneeId", "teamId"));

        String id = Fixtures.create(a.supervisor(), a.tenant(), ticket("Fine"));
        patchAs(a.supervisor(), a.tenant())
                .body(Map.of("assigneeId", UUID.randomUUID().toString()))
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("assigneeId"));
        patchAs(a.supervisor(), a.tenant())
                .body(Map.of("teamId", UUID.randomUUID().toString()))
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("teamId"));
        as(a.supervisor(), a.tenant())
                .get("/api/v1/tickets/" + id)
                .then()
                .header("ETag", "\"0\"")
                .body("assigneeId", nullValue());

        as(a.admin(), a.tenant())
                .body(Map.of("category", "Billing", "teamId", teamOfB.toString()))
                .post("/api/v1/helpdesk/assignment-rules")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("teamId"));
        as(a.admin(), a.tenant())
                .body(Map.of("category", " ", "teamId", teamOfB.toString()))
                .post("/api/v1/helpdesk/assignment-rules")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("category"));
        UUID teamOfA = Fixtures.team(a.tenant());
        rule(a.admin(), a.tenant(), "Billing", teamOfA);
        as(a.admin(), a.tenant())
                .body(Map.of("category", "BILLING", "teamId", teamOfA.toString()))
                .post("/api/v1/helpdesk/assignment-rules")
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("category"));
    }

    @Test
    void rulesAndAvailabilityAreTheTenantsOwnAndNeedTheirPermissions() {
        Team a = Team.of(users, "asgi");
        Team b = Team.of(users, "asgj");
        UUID team = Fixtures.team(a.tenant(), a.agent());
        String rule = rule(a.admin(), a.tenant(), "Orders", team);

        as(a.viewer(), a.tenant())
                .get("/api/v1/helpdesk/assignment-rules/" + rule)
                .then()
                .statusCode(200);
        as(a.supervisor(), a.tenant())
                .body(Map.of("category", "Other", "teamId", team.toString()))
                .post("/api/v1/helpdesk/assignment-rules")
                .then()
                .statusCode(403);
        as(b.admin(), b.tenant())
                .get("/api/v1/helpdesk/assignment-rules/" + rule)
                .then()
                .statusCode(404);
        patchAs(b.admin(), b.tenant())
                .body(Map.of("category", "Stolen"))
                .patch("/api/v1/helpdesk/assignment-rules/" + rule)
                .then()
                .statusCode(404);
        as(b.admin(), b.tenant())
                .delete("/api/v1/helpdesk/assignment-rules/" + rule)
                .then()
                .statusCode(404);
        as(b.admin(), b.tenant())
                .get("/api/v1/helpdesk/assignment-rules")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(rule)));
        // a ticket of the category in tenant B is not routed by A's rule
        String inB = create(b.agent(), b.tenant(), "Orders");
        as(b.agent(), b.tenant()).get("/api/v1/tickets/" + inB).then().body("teamId", nullValue());

        // availability: one's own, or anyone's with tickets:assign; only the tenant's current members
        as(a.agent(), a.tenant())
                .body(Map.of("available", false))
                .put("/api/v1/helpdesk/agents/" + a.supervisor().id() + "/availability")
                .then()
                .statusCode(403);
        as(b.admin(), b.tenant())
                .body(Map.of("available", false))
                .put("/api/v1/helpdesk/agents/" + a.agent().id() + "/availability")
                .then()
                .statusCode(404);
        as(b.admin(), b.tenant())
                .get("/api/v1/helpdesk/agents/" + a.agent().id() + "/availability")
                .then()
                .statusCode(404);
        as(a.agent(), a.tenant())
                .get("/api/v1/helpdesk/agents/" + a.agent().id() + "/availability")
                .then()
                .statusCode(200)
                .body("available", equalTo(true));

        patchAs(a.admin(), a.tenant())
                .header("If-Match", "\"0\"")
                .body(Map.of("category", "Orders and returns"))
                .patch("/api/v1/helpdesk/assignment-rules/" + rule)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("category", equalTo("Orders and returns"));
        as(a.admin(), a.tenant())
                .delete("/api/v1/helpdesk/assignment-rules/" + rule)
                .then()
                .statusCode(204);
        as(a.admin(), a.tenant())
                .get("/api/v1/helpdesk/assignment-rules/" + rule)
                .then()
                .statusCode(404);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static TestUser agent(String tenant) {
        return Fixtures.member(users.member(tenant, "agent"), tenant, "agent");
    }

    private static String rule(TestUser admin, String tenant, String category, UUID team) {
        return as(admin, tenant)
                .body(Map.of("category", category, "teamId", team.toString()))
                .post("/api/v1/helpdesk/assignment-rules")
                .then()
                .statusCode(201)
                .body("category", equalTo(category))
                .extract()
                .path("id");
    }

    private static String create(TestUser user, String tenant, String category) {
        Map<String, Object> body = ticket("About " + category);
        body.put("category", category);
        return Fixtures.create(user, tenant, body);
    }

    private static String assigneeOf(TestUser user, String tenant, String id) {
        Response response = as(user, tenant).get("/api/v1/tickets/" + id);
        return response.path("assigneeId");
    }
}
