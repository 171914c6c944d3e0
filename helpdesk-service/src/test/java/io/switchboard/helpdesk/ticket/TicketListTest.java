package io.switchboard.helpdesk.ticket;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.create;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static io.switchboard.helpdesk.support.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.switchboard.helpdesk.support.Fixtures;
import io.switchboard.helpdesk.support.Fixtures.Team;
import io.switchboard.testing.TestUsers;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Filtering, sorting and paging the ticket list. */
@QuarkusTest
class TicketListTest {

    private static final TestUsers users = new TestUsers();
    private static boolean ready;
    private static Team team;
    private static UUID TEAM_A;
    private static String low;
    private static String critical;
    private static String overdue;
    private static String mine;
    private static String resolvedLate;
    private static OffsetDateTime start;

    /** Once per class, when Quarkus (and RestAssured's port) is up. */
    @BeforeEach
    void setUp() {
        if (ready) {
            return;
        }
        ready = true;
        team = Team.of(users, "list");
        TEAM_A = Fixtures.team(team.tenant());
        Fixtures.tags(team.admin(), team.tenant(), "VIP", "Billing");
        start = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5);
        low = create(team.agent(), team.tenant(), with("Low one", Map.of("priority", "low", "category", "Hardware")));
        critical = create(
                team.agent(),
                team.tenant(),
                with(
                        "Critical one",
                        Map.of(
                                "priority", "critical",
                                "tags", List.of("VIP", "Billing"),
                                "teamId", TEAM_A.toString(),
                                "requester", Map.of("email", "Boss@Example.com"))));
        overdue = create(
                team.agent(),
                team.tenant(),
                with("Overdue one", Map.of("dueAt", "2020-01-01T00:00:00Z", "tags", List.of("VIP"))));
        mine = create(
                team.agent(),
                team.tenant(),
                with("Mine", Map.of("assigneeId", team.agent().id())));
        resolvedLate =
                create(team.agent(), team.tenant(), with("Resolved late", Map.of("dueAt", "2020-01-01T00:00:00Z")));
        patchAs(team.agent(), team.tenant())
                .body(Map.of("status", "resolved"))
                .patch("/api/v1/tickets/" + resolvedLate)
                .then()
                .statusCode(200);
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void everyFilterNarrowsTheList() {
        assertThat(ids(r -> r)).containsExactlyInAnyOrder(low, critical, overdue, mine, resolvedLate);
        assertThat(ids(r -> r.queryParam("status", "open,in_progress")))
                .containsExactlyInAnyOrder(low, critical, overdue, mine);
        assertThat(ids(r -> r.queryParam("status", "resolved"))).containsExactly(resolvedLate);
        assertThat(ids(r -> r.queryParam("priority", "low").queryParam("priority", "critical")))
                .containsExactlyInAnyOrder(low, critical);
        assertThat(ids(r -> r.queryParam("assignee", "me"))).containsExactly(mine);
        assertThat(ids(r -> r.queryParam("assignee", team.agent().id()))).containsExactly(mine);
        assertThat(ids(r -> r.queryParam("assignee", "none")))
                .containsExactlyInAnyOrder(low, critical, overdue, resolvedLate);
        assertThat(ids(r -> r.queryParam("team", TEAM_A.toString()))).containsExactly(critical);
        assertThat(ids(r -> r.queryParam("team", "none"))).hasSize(4).doesNotContain(critical);
        assertThat(ids(r -> r.queryParam("tag", "vip"))).containsExactlyInAnyOrder(critical, overdue);
        assertThat(ids(r -> r.queryParam("tag", "VIP").queryParam("tag", "Billing")))
                .containsExactly(critical);
        assertThat(ids(r -> r.queryParam("requester", "boss@example.com"))).containsExactly(critical);
        assertThat(ids(r -> r.queryParam("category", "hardware"))).containsExactly(low);
        assertThat(ids(r -> r.queryParam("overdue", true))).containsExactly(overdue);
        assertThat(ids(r -> r.queryParam("overdue", false))).hasSize(4).doesNotContain(overdue);
        assertThat(ids(r -> r.queryParam("dueTo", "2021-01-01T00:00:00Z")))
                .containsExactlyInAnyOrder(overdue, resolvedLate);
        assertThat(ids(r -> r.queryParam("createdFrom", start.toString()))).hasSize(5);
        assertThat(ids(r -> r.queryParam("createdTo", start.toString()))).isEmpty();
        assertThat(ids(r -> r.queryParam(
                        "updatedFrom",
                        OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5).toString())))
                .isEmpty();
        assertThat(ids(r -> r.queryParam("tag", "VIP").queryParam("priority", "medium")))
                .containsExactly(overdue);
        as(team.agent(), team.tenant()).get("/api/v1/tickets/" + overdue).then().body("overdue", equalTo(true));
        as(team.agent(), team.tenant())
                .get("/api/v1/tickets/" + resolvedLate)
                .then()
                .body("overdue", equalTo(false));
    }

    @Test
    void sortingAndPaging() {
        List<String> byPriority = ids(r -> r.queryParam("sort", "-priority,createdAt"));
        assertThat(byPriority.get(0)).isEqualTo(critical);
        assertThat(byPriority.get(byPriority.size() - 1)).isEqualTo(low);
        assertThat(ids(r -> r.queryParam("sort", "createdAt")))
                .containsExactly(low, critical, overdue, mine, resolvedLate);
        assertThat(ids(r -> r))
                .as("newest first by default")
                .containsExactly(resolvedLate, mine, overdue, critical, low);
        as(team.agent(), team.tenant())
                .queryParam("size", 2)
                .queryParam("page", 1)
                .queryParam("sort", "number")
                .get("/api/v1/tickets")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(overdue, mine)))
                .body("page", equalTo(1))
                .body("size", equalTo(2))
                .body("totalItems", equalTo(5))
                .body("totalPages", equalTo(3));
        as(team.agent(), team.tenant())
                .queryParam("size", 500)
                .get("/api/v1/tickets")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("size"));
        as(team.agent(), team.tenant())
                .queryParam("sort", "subject")
                .get("/api/v1/tickets")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("sort"));
    }

    private static List<String> ids(UnaryOperator<RequestSpecification> filter) {
        return filter.apply(as(team.agent(), team.tenant()).queryParam("size", 200))
                .get("/api/v1/tickets")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
    }

    private static Map<String, Object> with(String subject, Map<String, Object> fields) {
        Map<String, Object> body = ticket(subject);
        body.putAll(fields);
        return body;
    }
}
