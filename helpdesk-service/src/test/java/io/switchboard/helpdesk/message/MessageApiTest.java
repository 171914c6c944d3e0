package io.switchboard.helpdesk.message;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.create;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static io.switchboard.helpdesk.support.Fixtures.ticket;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.helpdesk.support.Fixtures.Team;
import io.switchboard.testing.TestUsers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The thread of a ticket: replies, internal notes and who sees them, sanitized HTML, and the status they move. */
@QuarkusTest
class MessageApiTest {

    private static final TestUsers users = new TestUsers();
    private static Team team;

    @BeforeAll
    static void setUp() {
        team = Team.of(users, "msg");
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void aFirstPublicReplyStartsWorkAndInternalNotesAreForAgentsOnly() {
        String id = create(team.agent(), team.tenant(), ticket("Cannot log in"));
        String note = as(team.agent(), team.tenant())
                .body(Map.of("body", "Customer is on the legacy plan", "isInternal", true))
                .post("/api/v1/tickets/" + id + "/messages")
                .then()
                .statusCode(201)
                .body("isInternal", equalTo(true))
                .body("sender", equalTo("agent"))
                .extract()
                .path("id");
        as(team.agent(), team.tenant())
                .get("/api/v1/tickets/" + id)
                .then()
                .body("status", equalTo("open"))
                .body("firstResponseAt", nullValue());
        String reply = as(team.agent(), team.tenant())
                .body(Map.of("body", "We reset your password.", "inReplyToId", note))
                .post("/api/v1/tickets/" + id + "/messages")
                .then()
                .statusCode(201)
                .body("userId", equalTo(team.agent().id()))
                .body("senderName", equalTo(team.agent().username()))
                .body("ticketNumber", notNullValue())
                .extract()
                .path("id");
        as(team.agent(), team.tenant())
                .get("/api/v1/tickets/" + id)
                .then()
                .body("status", equalTo("in_progress"))
                .body("firstResponseAt", notNullValue());

        for (var staff : List.of(team.agent(), team.supervisor(), team.admin())) {
            as(staff, team.tenant())
                    .get("/api/v1/tickets/" + id + "/messages")
                    .then()
                    .statusCode(200)
                    .body("items.id", equalTo(List.of(note, reply)))
                    .body("totalItems", equalTo(2));
        }
        as(team.viewer(), team.tenant())
                .get("/api/v1/tickets/" + id + "/messages")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(reply)))
                .body("totalItems", equalTo(1))
                .body(not(containsString("legacy plan")));
        as(team.viewer(), team.tenant())
                .get("/api/v1/tickets/" + id + "/messages/" + note)
                .then()
                .statusCode(404);
        as(team.agent(), team.tenant())
                .get("/api/v1/tickets/" + id + "/messages/" + note)
                .then()
                .statusCode(200)
                .body("body", equalTo("Customer is on the legacy plan"));
        as(team.viewer(), team.tenant())
                .body(Map.of("body", "viewers only read"))
                .post("/api/v1/tickets/" + id + "/messages")
                .then()
                .statusCode(403);
    }

    @Test
    void htmlIsSanitizedAndARequesterReplyReopens() {
        String id = create(team.agent(), team.tenant(), ticket("HTML"));
        as(team.agent(), team.tenant())
                .body(Map.of(
                        "body",
                        "<p onmouseover=\"x()\">Try <a href=\"javascript:alert(1)\">this</a> and"
                                + " <a href=\"https://help.example.com\">that</a></p><script>alert(1)</script>",
                        "isHtml",
                        true))
                .post("/api/v1/tickets/" + id + "/messages")
                .then()
                .statusCode(201)
                .body("isHtml", equalTo(true))
                .body("body", not(containsString("script")))
                .body("body", not(containsString("javascript")))
                .body("body", not(containsString("onmouseover")))
                .body("body", containsString("href=\"https://help.example.com\""));
        as(team.agent(), team.tenant())
                .body(Map.of("body", "<script>only()</script>", "isHtml", true))
                .post("/api/v1/tickets/" + id + "/messages")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("body"));

        patchAs(team.agent(), team.tenant())
                .body(Map.of("status", "resolved"))
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(200);
        as(team.agent(), team.tenant())
                .body(Map.of("body", "It is broken again", "sender", "requester"))
                .post("/api/v1/tickets/" + id + "/messages")
                .then()
                .statusCode(201)
                .body("sender", equalTo("requester"))
                .body("senderEmail", equalTo("customer@example.com"))
                .body("userId", nullValue());
        as(team.agent(), team.tenant())
                .get("/api/v1/tickets/" + id)
                .then()
                .body("status", equalTo("open"))
                .body("resolvedAt", nullValue());
    }

    @Test
    void badMessagesAreRefusedNamingTheField() {
        String id = create(team.agent(), team.tenant(), ticket("Bad messages"));
        String other = create(team.agent(), team.tenant(), ticket("Other"));
        String otherMessage = as(team.agent(), team.tenant())
                .body(Map.of("body", "elsewhere"))
                .post("/api/v1/tickets/" + other + "/messages")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(team.agent(), team.tenant())
                .body(Map.of("body", " "))
                .post("/api/v1/tickets/" + id + "/messages")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("body"));
        as(team.agent(), team.tenant())
                .body(Map.of("body", "note", "isInternal", true, "sender", "requester"))
                .post("/api/v1/tickets/" + id + "/messages")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("isInternal"));
        as(team.agent(), team.tenant())
                .body(Map.of("body", "reply", "inReplyToId", otherMessage))
                .post("/api/v1/tickets/" + id + "/messages")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("inReplyToId"));
        as(team.agent(), team.tenant())
                .body(Map.of("body", "x", "sender", "robot"))
                .post("/api/v1/tickets/" + id + "/messages")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("sender"));
        as(team.agent(), team.tenant())
                .body(Map.of("body", "x"))
                .post("/api/v1/tickets/" + UUID.randomUUID() + "/messages")
                .then()
                .statusCode(404);
        patchAs(team.agent(), team.tenant())
                .body(Map.of("status", "closed"))
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(200);
        as(team.agent(), team.tenant())
                .body(Map.of("body", "too late"))
                .post("/api/v1/tickets/" + id + "/messages")
                .then()
                .statusCode(409);
    }
}
