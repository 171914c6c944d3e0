package io.switchboard.helpdesk;

import static io.restassured.RestAssured.given;
import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.create;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static io.switchboard.helpdesk.support.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.helpdesk.support.Fixtures;
import io.switchboard.helpdesk.support.Fixtures.Team;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The helpdesk rows of docs/rbac.md with real tokens, and tenant isolation on every endpoint. */
@QuarkusTest
class HelpdeskAccessTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void viewersReadAgentsWorkSupervisorsReassignAdminsConfigure() {
        Team t = Team.of(users, "acc");
        String tenant = t.tenant();
        String id = create(t.agent(), tenant, ticket("Access"));
        Fixtures.tags(t.admin(), tenant, "Ops");
        String tag = as(t.viewer(), tenant).get("/api/v1/helpdesk/tags").path("items[0].id");

        for (String path : List.of(
                "tickets",
                "tickets/" + id,
                "tickets/" + id + "/messages",
                "helpdesk/settings",
                "helpdesk/tags",
                "helpdesk/tags/" + tag)) {
            as(t.viewer(), tenant).get("/api/v1/" + path).then().statusCode(200);
        }
        as(t.viewer(), tenant).body(ticket("no")).post("/api/v1/tickets").then().statusCode(403);
        patchAs(t.viewer(), tenant)
                .body(Map.of("priority", "high"))
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(403);

        // agents take free tickets and give back their own; giving or taking others' needs tickets:assign
        Map<String, Object> forSomeoneElse = ticket("For the supervisor");
        forSomeoneElse.put("assigneeId", t.supervisor().id());
        as(t.agent(), tenant)
                .body(forSomeoneElse)
                .post("/api/v1/tickets")
                .then()
                .statusCode(403)
                .body("fields", equalTo(List.of("assigneeId")));
        patchAs(t.agent(), tenant)
                .body(Map.of("assigneeId", t.agent().id()))
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(200)
                .body("assigneeId", equalTo(t.agent().id()));
        patchAs(t.agent(), tenant)
                .body(Map.of("assigneeId", t.supervisor().id()))
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(403);
        patchAs(t.supervisor(), tenant)
                .body(Map.of(
                        "assigneeId",
                        t.admin().id(),
                        "teamId",
                        Fixtures.team(tenant).toString()))
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(200)
                .body("assigneeId", equalTo(t.admin().id()));
        patchAs(t.agent(), tenant)
                .body(Map.of("assigneeId", t.agent().id()))
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(403);
        patchAs(t.agent(), tenant)
                .body("{\"teamId\": null}")
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(403)
                .body("fields", equalTo(List.of("teamId")));
        as(t.supervisor(), tenant)
                .body(forSomeoneElse)
                .post("/api/v1/tickets")
                .then()
                .statusCode(201);

        // configuration and deletion are tenant admins' (tickets:manage)
        for (TestUser user : List.of(t.supervisor(), t.agent(), t.viewer())) {
            as(user, tenant).delete("/api/v1/tickets/" + id).then().statusCode(403);
            as(user, tenant).post("/api/v1/tickets/" + id + "/restore").then().statusCode(403);
            as(user, tenant)
                    .body(Map.of("name", "New"))
                    .post("/api/v1/helpdesk/tags")
                    .then()
                    .statusCode(403);
            patchAs(user, tenant)
                    .body(Map.of("color", "#000000"))
                    .patch("/api/v1/helpdesk/tags/" + tag)
                    .then()
                    .statusCode(403);
            as(user, tenant).delete("/api/v1/helpdesk/tags/" + tag).then().statusCode(403);
            patchAs(user, tenant)
                    .body(Map.of("ticketPrefix", "NEW"))
                    .patch("/api/v1/helpdesk/settings")
                    .then()
                    .statusCode(403);
        }
        patchAs(t.admin(), tenant)
                .body(Map.of("color", "#ABCDEF"))
                .patch("/api/v1/helpdesk/tags/" + tag)
                .then()
                .statusCode(200)
                .body("color", equalTo("#abcdef"));
        as(t.admin(), tenant)
                .body(Map.of("name", "ops"))
                .post("/api/v1/helpdesk/tags")
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("name"));
        as(t.admin(), tenant)
                .body(Map.of("name", "Bad", "color", "red"))
                .post("/api/v1/helpdesk/tags")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("color"));
        as(t.admin(), tenant).delete("/api/v1/helpdesk/tags/" + tag).then().statusCode(204);

        given().get("/api/v1/tickets").then().statusCode(401);
        given().get("/api/v1/helpdesk/settings").then().statusCode(401);
        TestUser stranger = users.member(Fixtures.tenant("acc"), "tenant_admin");
        as(stranger, tenant).get("/api/v1/tickets").then().statusCode(403);
    }

    @Test
    void anotherTenantsTicketsMessagesAndTagsDoNotExist() {
        Team mine = Team.of(users, "iso");
        Team theirs = Team.of(users, "iso");
        Fixtures.tags(theirs.admin(), theirs.tenant(), "Secret");
        String theirTag =
                as(theirs.admin(), theirs.tenant()).get("/api/v1/helpdesk/tags").path("items[0].id");
        String theirTicket = create(theirs.agent(), theirs.tenant(), ticket("Their quokkaword ticket"));
        String theirMessage = as(theirs.agent(), theirs.tenant())
                .body(Map.of("body", "their reply"))
                .post("/api/v1/tickets/" + theirTicket + "/messages")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String theirDeleted = create(theirs.agent(), theirs.tenant(), ticket("Their deleted"));
        as(theirs.admin(), theirs.tenant())
                .delete("/api/v1/tickets/" + theirDeleted)
                .then()
                .statusCode(204);

        TestUser admin = mine.admin();
        String tenant = mine.tenant();
        as(admin, tenant).get("/api/v1/tickets/" + theirTicket).then().statusCode(404);
        patchAs(admin, tenant)
                .body(Map.of("subject", "mine now"))
                .patch("/api/v1/tickets/" + theirTicket)
                .then()
                .statusCode(404);
        as(admin, tenant).delete("/api/v1/tickets/" + theirTicket).then().statusCode(404);
        as(admin, tenant)
                .post("/api/v1/tickets/" + theirDeleted + "/restore")
                .then()
                .statusCode(404);
        as(admin, tenant)
                .get("/api/v1/tickets/" + theirTicket + "/messages")
                .then()
                .statusCode(404);
        as(admin, tenant)
                .get("/api/v1/tickets/" + theirTicket + "/messages/" + theirMessage)
                .then()
                .statusCode(404);
        as(admin, tenant)
                .body(Map.of("body", "hello"))
                .post("/api/v1/tickets/" + theirTicket + "/messages")
                .then()
                .statusCode(404);
        as(admin, tenant).get("/api/v1/helpdesk/tags/" + theirTag).then().statusCode(404);
        patchAs(admin, tenant)
                .body(Map.of("name", "Mine"))
                .patch("/api/v1/helpdesk/tags/" + theirTag)
                .then()
                .statusCode(404);
        as(admin, tenant).delete("/api/v1/helpdesk/tags/" + theirTag).then().statusCode(404);
        as(admin, tenant).get("/api/v1/tickets/by-number/ISO-00001").then().statusCode(404);
        Map<String, Object> withTheirTag = ticket("Tagged");
        withTheirTag.put("tags", List.of("Secret"));
        as(admin, tenant)
                .body(withTheirTag)
                .post("/api/v1/tickets")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("tags[0]"));

        String own = create(mine.agent(), tenant, ticket("My own ticket"));
        as(admin, tenant)
                .get("/api/v1/tickets/by-number/ISO-00001")
                .then()
                .statusCode(200)
                .body("id", equalTo(own));
        for (Map<String, Object> params : List.<Map<String, Object>>of(
                Map.of(), Map.of("deleted", true), Map.of("q", "quokkaword"), Map.of("q", "their"))) {
            List<String> ids = as(admin, tenant)
                    .queryParams(params)
                    .get("/api/v1/tickets")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.id");
            assertThat(ids).doesNotContain(theirTicket, theirDeleted);
        }
        assertThat(as(admin, tenant).get("/api/v1/helpdesk/tags").<List<String>>path("items.id"))
                .doesNotContain(theirTag);
        as(theirs.agent(), theirs.tenant())
                .get("/api/v1/tickets/" + theirTicket)
                .then()
                .statusCode(200)
                .body("subject", equalTo("Their quokkaword ticket"));
    }

    @Test
    void templatesCannedResponsesRemindersReportsAndTimelineFollowTheMatrix() {
        Team t = Team.of(users, "accx");
        Team other = Team.of(users, "accy");
        String tenant = t.tenant();
        String id = create(t.agent(), tenant, ticket("Matrix"));
        String contact = as(t.agent(), tenant).get("/api/v1/tickets/" + id).path("requester.contactId");
        String template = as(t.admin(), tenant)
                .body(Map.of("name", "Template", "subject", "About {{thing}}"))
                .post("/api/v1/helpdesk/templates")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String canned = as(t.admin(), tenant)
                .body(Map.of("name", "Hello", "body", "Hello {{requester.name}}"))
                .post("/api/v1/helpdesk/canned-responses")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String later = java.time.Instant.now().plusSeconds(86_400).toString();
        String reminder = as(t.agent(), tenant)
                .body(Map.of("remindAt", later))
                .post("/api/v1/tickets/" + id + "/reminders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        // templates and canned responses are written by tenant admins (tickets:manage) only
        for (TestUser user : List.of(t.supervisor(), t.agent(), t.viewer())) {
            as(user, tenant)
                    .body(Map.of("name", "X", "subject", "S"))
                    .post("/api/v1/helpdesk/templates")
                    .then()
                    .statusCode(403);
            patchAs(user, tenant)
                    .body(Map.of("name", "X"))
                    .patch("/api/v1/helpdesk/templates/" + template)
                    .then()
                    .statusCode(403);
            as(user, tenant)
                    .delete("/api/v1/helpdesk/templates/" + template)
                    .then()
                    .statusCode(403);
            as(user, tenant)
                    .body(Map.of("name", "X", "body", "b"))
                    .post("/api/v1/helpdesk/canned-responses")
                    .then()
                    .statusCode(403);
            patchAs(user, tenant)
                    .body(Map.of("name", "X"))
                    .patch("/api/v1/helpdesk/canned-responses/" + canned)
                    .then()
                    .statusCode(403);
            as(user, tenant)
                    .delete("/api/v1/helpdesk/canned-responses/" + canned)
                    .then()
                    .statusCode(403);
        }
        for (TestUser user : t.all()) {
            for (String path : List.of(
                    "helpdesk/templates",
                    "helpdesk/templates/" + template,
                    "tickets/" + id + "/reminders",
                    "contacts/" + contact + "/timeline")) {
                as(user, tenant).get("/api/v1/" + path).then().statusCode(200);
            }
            boolean handles = user != t.viewer();
            for (String path : List.of(
                    "helpdesk/canned-responses",
                    "helpdesk/canned-responses/" + canned,
                    "helpdesk/canned-responses/" + canned + "/render?ticketId=" + id)) {
                as(user, tenant).get("/api/v1/" + path).then().statusCode(handles ? 200 : 403);
            }
            boolean reports = user != t.agent();
            as(user, tenant).get("/api/v1/helpdesk/reports/volume").then().statusCode(reports ? 200 : 403);
            as(user, tenant)
                    .get("/api/v1/helpdesk/reports/response-times")
                    .then()
                    .statusCode(reports ? 200 : 403);
        }
        as(t.viewer(), tenant)
                .body(Map.of("remindAt", later))
                .post("/api/v1/tickets/" + id + "/reminders")
                .then()
                .statusCode(403);
        as(t.viewer(), tenant)
                .delete("/api/v1/tickets/" + id + "/reminders/" + reminder)
                .then()
                .statusCode(403);

        // another tenant's administrator finds none of it, and its lists and reports hold none of it
        TestUser admin = other.admin();
        String theirs = other.tenant();
        for (String path : List.of(
                "helpdesk/templates/" + template,
                "helpdesk/canned-responses/" + canned,
                "helpdesk/canned-responses/" + canned + "/render?ticketId=" + id,
                "tickets/" + id + "/reminders",
                "contacts/" + contact + "/timeline")) {
            as(admin, theirs).get("/api/v1/" + path).then().statusCode(404);
        }
        patchAs(admin, theirs)
                .body(Map.of("name", "Mine"))
                .patch("/api/v1/helpdesk/templates/" + template)
                .then()
                .statusCode(404);
        patchAs(admin, theirs)
                .body(Map.of("name", "Mine"))
                .patch("/api/v1/helpdesk/canned-responses/" + canned)
                .then()
                .statusCode(404);
        as(admin, theirs)
                .delete("/api/v1/helpdesk/templates/" + template)
                .then()
                .statusCode(404);
        as(admin, theirs)
                .delete("/api/v1/helpdesk/canned-responses/" + canned)
                .then()
                .statusCode(404);
        as(admin, theirs)
                .body(Map.of("remindAt", later))
                .post("/api/v1/tickets/" + id + "/reminders")
                .then()
                .statusCode(404);
        as(admin, theirs)
                .delete("/api/v1/tickets/" + id + "/reminders/" + reminder)
                .then()
                .statusCode(404);
        as(admin, theirs).get("/api/v1/helpdesk/templates").then().body("totalItems", equalTo(0));
        as(admin, theirs).get("/api/v1/helpdesk/canned-responses").then().body("totalItems", equalTo(0));
        as(admin, theirs).get("/api/v1/helpdesk/reports/volume").then().body("created", equalTo(0));
        as(admin, theirs).get("/api/v1/helpdesk/reports/response-times").then().body("total.tickets", equalTo(0));
    }
}
