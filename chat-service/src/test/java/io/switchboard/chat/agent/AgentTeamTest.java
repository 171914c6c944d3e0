package io.switchboard.chat.agent;

import static io.switchboard.chat.support.Fixtures.as;
import static io.switchboard.chat.support.Fixtures.patchAs;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.support.Fixtures;
import io.switchboard.chat.support.Fixtures.Team;
import io.switchboard.chat.support.Fixtures.Visit;
import io.switchboard.chat.support.Fixtures.Widget;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Chat uses the tenant's teams and members (from the service's directories): a supervisor sets up only current members
 * of the tenant, an agent's team and a transfer's team are team ids of the tenant, and a widget routing by team gives
 * its chats to that team's members.
 */
@QuarkusTest
class AgentTeamTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void supervisorsSetUpOnlyCurrentMembersWithTeamsOfTheTenant() {
        Team a = Team.of(users, "cteam");
        Team b = Team.of(users, "cteamb");
        TestUser stranger = Fixtures.member(users.member(b.tenant(), "agent"), b.tenant());
        patchAs(a.supervisor(), a.tenant())
                .body(Map.of("maxConcurrentChats", 2))
                .patch("/api/v1/chat/agents/" + UUID.randomUUID())
                .then()
                .statusCode(404);
        patchAs(a.supervisor(), a.tenant())
                .body(Map.of("maxConcurrentChats", 2))
                .patch("/api/v1/chat/agents/" + stranger.id())
                .then()
                .statusCode(404);
        as(a.admin(), a.tenant())
                .get("/api/v1/chat/agents/" + stranger.id())
                .then()
                .statusCode(404);

        TestUser agent = Fixtures.member(a.agent(), a.tenant());
        String teamOfB = Fixtures.team(b.tenant(), stranger);
        patchAs(a.supervisor(), a.tenant())
                .body(Map.of("team", teamOfB))
                .patch("/api/v1/chat/agents/" + agent.id())
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:switchboard:problem:unknown-reference"))
                .body("errors[0].field", equalTo("team"));
        String sales = Fixtures.team(a.tenant(), agent);
        patchAs(a.supervisor(), a.tenant())
                .body(Map.of("team", sales))
                .patch("/api/v1/chat/agents/" + agent.id())
                .then()
                .statusCode(200)
                .body("team", equalTo(sales))
                .body("notificationsEnabled", equalTo(true));
        // desktop notifications are the agent's own choice, kept with the profile
        patchAs(agent, a.tenant())
                .body(Map.of("notificationsEnabled", false, "availability", "away"))
                .patch("/api/v1/chat/agents/me")
                .then()
                .statusCode(200)
                .body("notificationsEnabled", equalTo(false))
                .body("team", equalTo(sales));
        as(a.supervisor(), a.tenant())
                .get("/api/v1/chat/agents/" + agent.id())
                .then()
                .body("notificationsEnabled", equalTo(false))
                .body("availability", equalTo("away"));
        patchAs(agent, a.tenant())
                .body(Map.of("notificationsEnabled", "sometimes"))
                .patch("/api/v1/chat/agents/me")
                .then()
                .statusCode(400);
    }

    @Test
    void aWidgetRoutingByTeamGivesItsChatsToTheTeamsMembersAndTransfersNameTenantTeams() {
        Team t = Team.of(users, "croute");
        TestUser outsider = users.member(t.tenant(), "agent");
        TestUser insider = users.member(t.tenant(), "agent");
        String support = Fixtures.team(t.tenant(), insider);
        // the outsider is online with more room, but not in the team
        Fixtures.agent(t.supervisor(), t.tenant(), outsider, Map.of("availability", "online", "maxConcurrentChats", 5));
        Fixtures.agent(t.supervisor(), t.tenant(), insider, Map.of("availability", "online", "maxConcurrentChats", 1));
        Widget widget =
                Fixtures.widget(t.admin(), t.tenant(), Map.of("routing", Map.of("team", support, "skills", List.of())));
        Visit visit = Fixtures.start(widget.key(), "Tina");
        as(t.admin(), t.tenant())
                .get("/api/v1/chat/sessions/" + visit.sessionId())
                .then()
                .body("assignedTo", equalTo(insider.id()))
                .body("assignedTeam", equalTo(support));

        as(insider, t.tenant())
                .body(Map.of("toTeam", UUID.randomUUID().toString()))
                .post("/api/v1/chat/sessions/" + visit.sessionId() + "/transfers")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("toTeam"));
        as(insider, t.tenant())
                .body(Map.of("toTeam", "support"))
                .post("/api/v1/chat/sessions/" + visit.sessionId() + "/transfers")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("toTeam"));
    }
}
