package io.switchboard.chat.report;

import static io.switchboard.chat.support.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.support.Chats;
import io.switchboard.chat.support.Fixtures;
import io.switchboard.chat.support.Fixtures.Team;
import io.switchboard.testing.TestUsers;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The chat report over known sessions (written with exact timings, ratings and offline messages), with the figures
 * worked out by hand: per agent, team and widget, the total, the period's bounds, and another tenant's sessions of the
 * same period and the same agent id left out.
 */
@QuarkusTest
class ChatReportTest {

    private static final TestUsers users = new TestUsers();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FROM = "2026-03-01T00:00:00Z";
    private static final String TO = "2026-03-02T00:00:00Z";

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void figuresPerAgentTeamAndWidgetOfTheTenantAndPeriodOnly() throws Exception {
        Team t = Team.of(users, "report");
        String w1 =
                Fixtures.widget(t.admin(), t.tenant(), Map.of("name", "Shop")).id();
        String w2 = Fixtures.widget(t.admin(), t.tenant(), Map.of("name", "Support site"))
                .id();
        String ann = "ann-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        // answered by Ann (sales) on the shop: first response, duration, rating
        answered(t.tenant(), w1, ann, "sales", "2026-03-01T09:00:00Z", 10, 100, 5);
        answered(t.tenant(), w1, ann, "sales", "2026-03-01T10:00:00Z", 20, 200, 4);
        answered(t.tenant(), w1, ann, "sales", "2026-03-01T11:00:00Z", 30, 300, 5);
        answered(t.tenant(), w1, ann, "sales", "2026-03-01T12:00:00Z", 40, 400, null);
        // Bob (support) on the support site: one rated, one still going
        answered(t.tenant(), w2, bob, "support", "2026-03-01T13:00:00Z", 60, 600, 1);
        answered(t.tenant(), w2, bob, "support", "2026-03-01T14:00:00Z", 5, null, null);
        // nobody answered: two left while queued, one waited past the queue timeout (an offline message)
        unanswered(t.tenant(), w1, "sales", "2026-03-01T15:00:00Z", "abandoned", null);
        unanswered(t.tenant(), w2, "support", "2026-03-01T16:00:00Z", "abandoned", null);
        UUID timedOut = unanswered(t.tenant(), w1, "sales", "2026-03-01T17:00:00Z", "ended", "queue_timeout");
        offline(t.tenant(), w1, timedOut, "sales", "queue_timeout", "2026-03-01T17:10:00Z");
        offline(t.tenant(), w2, null, "support", "offline_form", "2026-03-01T18:00:00Z");
        // outside the period: the day before, and exactly at its exclusive end
        answered(t.tenant(), w1, ann, "sales", "2026-02-28T23:59:59Z", 1, 1, 1);
        offline(t.tenant(), w2, null, "support", "offline_form", TO);
        // another tenant, same period, same agent id and team
        Team other = Team.of(users, "reportx");
        String wx = Fixtures.widget(other.admin(), other.tenant(), Map.of()).id();
        answered(other.tenant(), wx, ann, "sales", "2026-03-01T09:30:00Z", 999, 999, 2);
        unanswered(other.tenant(), wx, "sales", "2026-03-01T09:40:00Z", "abandoned", null);
        offline(other.tenant(), wx, null, "sales", "offline_form", "2026-03-01T09:50:00Z");

        JsonNode byAgent = report(t, "agent");
        assertThat(byAgent.path("groupBy").asText()).isEqualTo("agent");
        assertThat(byAgent.path("from").asText()).isEqualTo(FROM);
        JsonNode total = byAgent.path("total");
        assertFigures(total, 9, 6, 2, 0.2222, 2);
        assertSpread(total.path("firstResponseSeconds"), 25.0, 50.0); // 5 10 20 30 40 60
        assertSpread(total.path("durationSeconds"), 300.0, 520.0); // 100 200 300 400 600
        assertRatings(total.path("ratings"), 4, 3.75, 4.5, 1, 0, 0, 1, 2);

        assertThat(byAgent.path("rows")).hasSize(3);
        JsonNode annRow = byAgent.path("rows").get(0);
        assertThat(annRow.path("key").asText()).isEqualTo(ann);
        assertThat(annRow.path("name").asText()).isEqualTo("Agent " + ann.substring(0, 8));
        assertFigures(annRow, 4, 4, 0, 0.0, 0);
        assertSpread(annRow.path("firstResponseSeconds"), 25.0, 37.0);
        assertSpread(annRow.path("durationSeconds"), 250.0, 370.0);
        assertRatings(annRow.path("ratings"), 3, 4.67, 5.0, 0, 0, 0, 1, 2);
        JsonNode bobRow = byAgent.path("rows").get(1);
        assertThat(bobRow.path("key").asText()).isEqualTo(bob);
        assertFigures(bobRow, 2, 2, 0, 0.0, 0);
        assertSpread(bobRow.path("firstResponseSeconds"), 32.5, 54.5);
        assertSpread(bobRow.path("durationSeconds"), 600.0, 600.0);
        assertRatings(bobRow.path("ratings"), 1, 1.0, 1.0, 1, 0, 0, 0, 0);
        JsonNode nobody = byAgent.path("rows").get(2);
        assertThat(nobody.path("key").isNull()).isTrue();
        assertFigures(nobody, 3, 0, 2, 0.6667, 2);
        assertThat(nobody.path("firstResponseSeconds").path("median").isNull()).isTrue();
        assertRatings(nobody.path("ratings"), 0, null, null, 0, 0, 0, 0, 0);

        JsonNode byTeam = report(t, "team");
        assertThat(byTeam.path("rows")).hasSize(2);
        assertThat(byTeam.path("rows").get(0).path("key").asText()).isEqualTo("sales");
        assertFigures(byTeam.path("rows").get(0), 6, 4, 1, 0.1667, 1);
        assertThat(byTeam.path("rows").get(1).path("key").asText()).isEqualTo("support");
        assertFigures(byTeam.path("rows").get(1), 3, 2, 1, 0.3333, 1);
        assertRatings(byTeam.path("rows").get(1).path("ratings"), 1, 1.0, 1.0, 1, 0, 0, 0, 0);

        JsonNode byWidget = report(t, "widget");
        assertThat(byWidget.path("rows")).hasSize(2);
        JsonNode shop = row(byWidget, w1);
        assertThat(shop.path("name").asText()).isEqualTo("Shop");
        assertFigures(shop, 6, 4, 1, 0.1667, 1);
        JsonNode site = row(byWidget, w2);
        assertThat(site.path("name").asText()).isEqualTo("Support site");
        assertFigures(site, 3, 2, 1, 0.3333, 1);
        assertThat(byWidget.path("total")).isEqualTo(byAgent.path("total"));

        // the other tenant sees only its own
        JsonNode theirs = JSON.readTree(as(other.supervisor(), other.tenant())
                .queryParam("from", FROM)
                .queryParam("to", TO)
                .get("/api/v1/chat/reports")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertFigures(theirs.path("total"), 2, 1, 1, 0.5, 1);
        assertRatings(theirs.path("total").path("ratings"), 1, 2.0, 2.0, 0, 1, 0, 0, 0);
    }

    @Test
    void reportsNeedReportsReadAndValidParameters() {
        Team t = Team.of(users, "reportrbac");
        as(t.viewer(), t.tenant()).get("/api/v1/chat/reports").then().statusCode(200);
        as(t.supervisor(), t.tenant())
                .get("/api/v1/chat/reports?groupBy=team")
                .then()
                .statusCode(200);
        as(t.agent(), t.tenant()).get("/api/v1/chat/reports").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/chat/reports").then().statusCode(401);
        as(t.viewer(), t.tenant())
                .get("/api/v1/chat/reports?groupBy=day&from=yesterday")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("groupBy"))
                .body("errors.field", hasItem("from"));
        as(t.viewer(), t.tenant())
                .queryParam("from", TO)
                .queryParam("to", FROM)
                .get("/api/v1/chat/reports")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("to"));
        as(t.viewer(), t.tenant())
                .queryParam("from", "2024-01-01T00:00:00Z")
                .queryParam("to", TO)
                .get("/api/v1/chat/reports")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("from"));
        // an empty period: zeros and nulls, no rows
        as(t.viewer(), t.tenant())
                .queryParam("from", FROM)
                .queryParam("to", TO)
                .get("/api/v1/chat/reports")
                .then()
                .statusCode(200)
                .body("total.sessions", equalTo(0))
                .body("total.abandonRate", equalTo(null))
                .body("total.ratings.distribution.5", equalTo(0))
                .body("rows.size()", equalTo(0));
    }

    private static JsonNode report(Team t, String groupBy) throws Exception {
        return JSON.readTree(as(t.supervisor(), t.tenant())
                .queryParam("from", FROM)
                .queryParam("to", TO)
                .queryParam("groupBy", groupBy)
                .get("/api/v1/chat/reports")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    private static JsonNode row(JsonNode report, String key) {
        for (JsonNode row : report.path("rows")) {
            if (key.equals(row.path("key").asText())) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + report);
    }

    private static void assertFigures(
            JsonNode f, long sessions, long answered, long abandoned, double abandonRate, long offline) {
        assertThat(f.path("sessions").asLong()).as("sessions of %s", f).isEqualTo(sessions);
        assertThat(f.path("answered").asLong()).as("answered of %s", f).isEqualTo(answered);
        assertThat(f.path("abandoned").asLong()).as("abandoned of %s", f).isEqualTo(abandoned);
        assertThat(f.path("abandonRate").asDouble()).as("abandonRate of %s", f).isEqualTo(abandonRate);
        assertThat(f.path("offlineMessages").asLong())
                .as("offlineMessages of %s", f)
                .isEqualTo(offline);
    }

    private static void assertSpread(JsonNode spread, double median, double p90) {
        assertThat(spread.path("median").asDouble()).as("median of %s", spread).isEqualTo(median);
        assertThat(spread.path("p90").asDouble()).as("p90 of %s", spread).isEqualTo(p90);
    }

    private static void assertRatings(JsonNode r, long count, Double average, Double median, long... stars) {
        assertThat(r.path("count").asLong()).isEqualTo(count);
        assertThat(r.path("average").isNull() ? null : r.path("average").asDouble())
                .as("average of %s", r)
                .isEqualTo(average);
        assertThat(r.path("median").isNull() ? null : r.path("median").asDouble())
                .as("median of %s", r)
                .isEqualTo(median);
        for (int star = 1; star <= 5; star++) {
            assertThat(r.path("distribution").path(String.valueOf(star)).asLong())
                    .as("%d stars in %s", star, r)
                    .isEqualTo(stars[star - 1]);
        }
    }

    /** A session an agent answered; without a duration it is still active. */
    private static void answered(
            String tenant,
            String widget,
            String agent,
            String team,
            String queued,
            int firstResponse,
            Integer duration,
            Integer rating) {
        Instant queuedAt = Instant.parse(queued);
        Instant started = queuedAt.plusSeconds(firstResponse);
        Instant ended = duration == null ? null : started.plusSeconds(duration);
        Chats.sql(
                tenant,
                "insert into chat_session (id, tenant_id, widget_id, visitor_id, status, auto_assign, queued_at,"
                        + " started_at, ended_at, end_reason, assigned_to, assigned_name, assigned_team,"
                        + " first_response_seconds, duration_seconds, rating, rated_at, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, true, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID(),
                tenant,
                UUID.fromString(widget),
                UUID.randomUUID(),
                ended == null ? "active" : "ended",
                Timestamp.from(queuedAt),
                Timestamp.from(started),
                ended == null ? null : Timestamp.from(ended),
                ended == null ? null : "agent",
                agent,
                "Agent " + agent.substring(0, 8),
                team,
                firstResponse,
                duration,
                rating == null ? null : rating.shortValue(),
                rating == null ? null : Timestamp.from(ended),
                Timestamp.from(queuedAt),
                Timestamp.from(queuedAt));
    }

    private static UUID unanswered(
            String tenant, String widget, String team, String queued, String status, String end) {
        UUID id = UUID.randomUUID();
        Instant queuedAt = Instant.parse(queued);
        Chats.sql(
                tenant,
                "insert into chat_session (id, tenant_id, widget_id, visitor_id, status, auto_assign, team, queued_at,"
                        + " ended_at, end_reason, created_at, updated_at) values (?, ?, ?, ?, ?, true, ?, ?, ?, ?, ?, ?)",
                id,
                tenant,
                UUID.fromString(widget),
                UUID.randomUUID(),
                status,
                team,
                Timestamp.from(queuedAt),
                Timestamp.from(queuedAt.plusSeconds(120)),
                end == null ? "visitor" : end,
                Timestamp.from(queuedAt),
                Timestamp.from(queuedAt));
        return id;
    }

    private static void offline(String tenant, String widget, UUID session, String team, String reason, String at) {
        Chats.sql(
                tenant,
                "insert into chat_offline_message (id, tenant_id, widget_id, session_id, team, reason, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID(),
                tenant,
                UUID.fromString(widget),
                session,
                team,
                reason,
                Timestamp.from(Instant.parse(at)));
    }
}
