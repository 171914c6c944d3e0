package io.switchboard.helpdesk.assignment;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.ticket;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.helpdesk.support.Fixtures;
import io.switchboard.helpdesk.support.Fixtures.Team;
import io.switchboard.testing.DirectoryFixtures;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The member directory follows {@code tenant.events} by exact event type: a password event (which carries no status)
 * changes nothing, while a suspension or leaving the tenant makes the user no assignee any longer.
 */
@QuarkusTest
class DirectoryEventsTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void passwordEventsLeaveTheMemberActiveAndLeavingTheTenantEndsIt() {
        Team t = Team.of(users, "dire");
        String tenant = t.tenant();
        TestUser agent = Fixtures.member(users.member(tenant, "agent"), tenant, "agent");

        DirectoryFixtures.publishPasswordChanged(tenant, agent.id());
        // a later, stale (ignored) event of the same user, on the same partition, shows when the password event is past
        String stale = DirectoryFixtures.publishStaleUserStatus(tenant, agent.id(), "suspended");
        DirectoryFixtures.awaitProcessed(Fixtures.ROLE, "user-directory", stale);
        DirectoryFixtures.awaitMember(Fixtures.ROLE, tenant, agent.id(), "active");
        assign(t, agent).statusCode(201).body("assigneeId", equalTo(agent.id()));

        DirectoryFixtures.publishMembershipDeleted(tenant, agent.id());
        DirectoryFixtures.awaitMemberGone(Fixtures.ROLE, tenant, agent.id());
        assign(t, agent).statusCode(422).body("errors[0].field", equalTo("assigneeId"));
        as(t.supervisor(), tenant)
                .get("/api/v1/helpdesk/agents/" + agent.id() + "/availability")
                .then()
                .statusCode(404);
    }

    private static io.restassured.response.ValidatableResponse assign(Team t, TestUser agent) {
        Map<String, Object> body = ticket("For " + agent.id());
        body.put("assigneeId", agent.id());
        return as(t.supervisor(), t.tenant()).body(body).post("/api/v1/tickets").then();
    }
}
