package io.switchboard.helpdesk.sla;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.helpdesk.support.Fixtures;
import io.switchboard.helpdesk.support.TestClock;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SLA compliance report by period, team and priority. */
@QuarkusTest
class SlaReportTest {

    private static final TestUsers users = new TestUsers();

    @Inject
    TestClock clock;

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static String ticket(TestUser agent, String tenant, UUID team) {
        Map<String, Object> body = Fixtures.ticket("Report me");
        body.put("priority", "low");
        body.put("teamId", team.toString());
        return Fixtures.create(agent, tenant, body);
    }

    @Test
    void compliancePerDayTeamAndPriority() {
        String tenant = Fixtures.tenant("slar");
        TestUser admin = users.member(tenant, "tenant_admin");
        TestUser agent = users.member(tenant, "agent");
        TestUser viewer = users.member(tenant, "viewer");
        SlaClockTest.policy(admin, tenant, "low", 60, 240, false);
        UUID first = Fixtures.team(tenant);
        UUID second = Fixtures.team(tenant);
        Instant t0 = Instant.parse("2026-08-03T08:00:00Z");

        clock.set(t0);
        String inTime = ticket(agent, tenant, first);
        String late = ticket(agent, tenant, first);
        clock.set(t0.plus(Duration.ofMinutes(30)));
        SlaClockTest.message(agent, tenant, inTime, "agent");
        clock.set(t0.plus(Duration.ofMinutes(90)));
        SlaClockTest.status(agent, tenant, late, "resolved"); // resolved in time, but never answered within the hour
        clock.set(t0.plus(Duration.ofMinutes(100)));
        SlaClockTest.status(agent, tenant, inTime, "resolved");
        clock.set(t0.plus(Duration.ofDays(1)));
        ticket(agent, tenant, second); // still running
        clock.set(t0.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30)));

        JsonPath daily = as(viewer, tenant)
                .queryParam("from", "2026-08-01T00:00:00Z")
                .queryParam("to", "2026-09-01T00:00:00Z")
                .queryParam("period", "day")
                .get("/api/v1/helpdesk/reports/sla")
                .then()
                .statusCode(200)
                .body("period", equalTo("day"))
                .extract()
                .jsonPath();
        List<Map<String, Object>> rows = daily.getList("rows");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0))
                .containsEntry("periodStart", "2026-08-03")
                .containsEntry("teamId", first.toString())
                .containsEntry("priority", "low")
                .containsEntry("tickets", 2)
                .containsEntry("firstResponseMet", 1)
                .containsEntry("firstResponseBreached", 1)
                .containsEntry("resolutionMet", 2)
                .containsEntry("resolutionBreached", 0)
                .containsEntry("metTickets", 1)
                .containsEntry("breachedTickets", 1)
                .containsEntry("compliance", 0.5f);
        assertThat(rows.get(1))
                .containsEntry("periodStart", "2026-08-04")
                .containsEntry("teamId", second.toString())
                .containsEntry("tickets", 1)
                .containsEntry("breachedTickets", 0)
                .containsEntry("compliance", null);

        // a day later the running ticket has missed both targets
        clock.set(t0.plus(Duration.ofDays(2)));
        JsonPath whole = as(admin, tenant)
                .queryParam("from", "2026-08-01T00:00:00Z")
                .queryParam("to", "2026-09-01T00:00:00Z")
                .get("/api/v1/helpdesk/reports/sla")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(whole.getList("rows.periodStart")).containsOnlyNulls();
        assertThat(whole.getList("rows.breachedTickets", Integer.class)).containsExactly(1, 1);
        assertThat(whole.getList("rows.firstResponseBreached", Integer.class)).containsExactly(1, 1);

        as(agent, tenant).get("/api/v1/helpdesk/reports/sla").then().statusCode(403);
        as(admin, tenant)
                .queryParam("period", "year")
                .queryParam("from", "soon")
                .get("/api/v1/helpdesk/reports/sla")
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("period", "from"));
    }
}
