package io.switchboard.helpdesk.report;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.helpdesk.support.Fixtures;
import io.switchboard.helpdesk.support.Fixtures.Team;
import io.switchboard.helpdesk.support.TestClock;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The volume and response-time reports over tickets with known times, and their exact medians and 90th percentiles. */
@QuarkusTest
class ReportTest {

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

    static String ticket(TestUser user, String tenant, String priority, String assignee) {
        Map<String, Object> body = Fixtures.ticket("Report " + priority);
        body.put("priority", priority);
        if (assignee != null) {
            body.put("assigneeId", assignee);
        }
        return Fixtures.create(user, tenant, body);
    }

    @Test
    void volumeAndResponseTimesFromKnownTickets() {
        Team t = Team.of(users, "rep");
        String tenant = t.tenant();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
        clock.set(t0.minus(Duration.ofDays(3)));
        String old = ticket(t.supervisor(), tenant, "medium", null); // before the range, still open
        clock.set(t0);
        List<String> ids = new ArrayList<>();
        ids.add(ticket(t.supervisor(), tenant, "high", t.agent().id()));
        ids.add(ticket(t.supervisor(), tenant, "high", t.agent().id()));
        ids.add(ticket(t.supervisor(), tenant, "high", t.supervisor().id()));
        ids.add(ticket(t.supervisor(), tenant, "low", t.supervisor().id()));
        ids.add(ticket(t.supervisor(), tenant, "low", null));
        ticket(t.supervisor(), tenant, "low", null); // never answered
        int[] minutes = {10, 20, 30, 40, 60};
        for (int i = 0; i < ids.size(); i++) {
            clock.set(t0.plus(Duration.ofMinutes(minutes[i])));
            as(t.supervisor(), tenant)
                    .body(Map.of("body", "On it"))
                    .post("/api/v1/tickets/" + ids.get(i) + "/messages")
                    .then()
                    .statusCode(201);
        }
        clock.set(t0.plus(Duration.ofHours(2)));
        for (String id : ids.subList(0, 2)) {
            patchAs(t.supervisor(), tenant)
                    .body(Map.of("status", "resolved"))
                    .patch("/api/v1/tickets/" + id)
                    .then()
                    .statusCode(200);
        }
        clock.set(t0.plus(Duration.ofHours(3)));
        Team other = Team.of(users, "repo");
        ticket(other.agent(), other.tenant(), "high", null);

        String from = t0.minus(Duration.ofHours(1)).toString();
        String to = t0.plus(Duration.ofDays(1)).toString();
        JsonPath volume = as(t.viewer(), tenant)
                .queryParams(Map.of("from", from, "to", to, "period", "day"))
                .get("/api/v1/helpdesk/reports/volume")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(volume.getLong("created")).isEqualTo(6);
        assertThat(volume.getLong("openNow"))
                .as("4 active from the range and the older one")
                .isEqualTo(5);
        assertThat(volume.getList("byStatus.key")).containsExactly("in_progress", "resolved", "open");
        assertThat(volume.getList("byStatus.created")).containsExactly(3, 2, 1);
        assertThat(volume.getList("byStatus.openNow")).containsExactly(3, 0, 2);
        assertThat(volume.getList("byPriority.key")).containsExactly("high", "low", "medium");
        assertThat(volume.getList("byPriority.created")).containsExactly(3, 3, 0);
        assertThat(volume.getList("byPriority.openNow")).containsExactly(1, 3, 1);
        Map<String, Integer> byAgent = new java.util.HashMap<>();
        volume.<Map<String, Object>>getList("byAgent")
                .forEach(c -> byAgent.put((String) c.get("key"), (Integer) c.get("created")));
        assertThat(byAgent.remove(null)).as("unassigned").isEqualTo(2);
        assertThat(byAgent)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(t.agent().id(), 2, t.supervisor().id(), 2));
        assertThat(volume.getList("byPeriod.created")).containsExactly(6);

        JsonPath times = as(t.supervisor(), tenant)
                .queryParams(Map.of("from", from, "to", to, "groupBy", "priority"))
                .get("/api/v1/helpdesk/reports/response-times")
                .then()
                .statusCode(200)
                .body("clock", equalTo("wall"))
                .extract()
                .jsonPath();
        // first responses 600, 1200, 1800, 2400, 3600 s; percentile_cont interpolates: p90 = 2400 + 0.6 * 1200
        assertThat(times.getLong("total.tickets")).isEqualTo(6);
        assertThat(times.getLong("total.firstResponse.count")).isEqualTo(5);
        assertThat(times.getDouble("total.firstResponse.medianSeconds")).isEqualTo(1800.0);
        assertThat(times.getDouble("total.firstResponse.p90Seconds")).isEqualTo(3120.0);
        assertThat(times.getLong("total.resolution.count")).isEqualTo(2);
        assertThat(times.getDouble("total.resolution.medianSeconds")).isEqualTo(7200.0);
        assertThat(times.getList("rows.key")).containsExactly("high", "low");
        // high: 600, 1200, 1800 -> median 1200, p90 1200 + 0.8 * 600; low: 2400, 3600 -> 3000, 2400 + 0.9 * 1200
        assertThat(times.getDouble("rows[0].firstResponse.medianSeconds")).isEqualTo(1200.0);
        assertThat(times.getDouble("rows[0].firstResponse.p90Seconds")).isEqualTo(1680.0);
        assertThat(times.getDouble("rows[1].firstResponse.medianSeconds")).isEqualTo(3000.0);
        assertThat(times.getDouble("rows[1].firstResponse.p90Seconds")).isEqualTo(3480.0);
        assertThat(times.getLong("rows[1].tickets")).isEqualTo(3);
        assertThat((Object) times.get("rows[1].resolution.medianSeconds")).isNull();

        // viewers and supervisors read reports, agents do not; parameters are checked by the shared parser
        as(t.agent(), tenant).get("/api/v1/helpdesk/reports/volume").then().statusCode(403);
        as(t.agent(), tenant)
                .get("/api/v1/helpdesk/reports/response-times")
                .then()
                .statusCode(403);
        as(t.admin(), tenant)
                .queryParams(Map.of("groupBy", "colour", "period", "year", "from", "yesterday"))
                .get("/api/v1/helpdesk/reports/response-times")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("from", "period", "groupBy")));
        as(t.admin(), tenant)
                .queryParams(Map.of("from", to, "to", from))
                .get("/api/v1/helpdesk/reports/volume")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("to")));

        // the other tenant sees only its own ticket
        as(other.admin(), other.tenant())
                .queryParams(Map.of("from", from, "to", to))
                .get("/api/v1/helpdesk/reports/volume")
                .then()
                .body("created", equalTo(1))
                .body("byAgent.key", equalTo(java.util.Collections.singletonList(null)));
        as(other.admin(), other.tenant())
                .queryParams(Map.of("from", from, "to", to, "groupBy", "agent"))
                .get("/api/v1/helpdesk/reports/response-times")
                .then()
                .body("total.tickets", equalTo(1))
                .body("total.firstResponse.count", equalTo(0));
        assertThat(old).isNotNull();
    }
}
