package io.switchboard.helpdesk.canned;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.helpdesk.support.Fixtures;
import io.switchboard.helpdesk.support.Fixtures.Team;
import io.switchboard.testing.TestUsers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Canned responses: shared by a tenant's agents, filled in for the ticket when previewed and when sent. */
@QuarkusTest
class CannedResponseApiTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    static Map<String, Object> canned(String name, String shortcut, String body, boolean html) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", name);
        request.put("shortcut", shortcut);
        request.put("body", body);
        request.put("isHtml", html);
        return request;
    }

    @Test
    void agentsSendCannedResponsesFilledInForTheTicket() {
        Team t = Team.of(users, "can");
        String tenant = t.tenant();
        String html = as(t.admin(), tenant)
                .body(canned(
                        "Refund",
                        "refund",
                        "<p onclick=\"x()\">Dear {{requester.name}}, ticket {{ ticket.number }} ({{ticket.subject}}) is"
                                + " refunded. <script>alert(1)</script>{{agent.name}}</p>",
                        true))
                .post("/api/v1/helpdesk/canned-responses")
                .then()
                .statusCode(201)
                .body(
                        "body",
                        equalTo("<p>Dear {{requester.name}}, ticket {{ticket.number}} ({{ticket.subject}})"
                                + " is refunded. {{agent.name}}</p>"))
                .extract()
                .path("id");
        String plain = as(t.admin(), tenant)
                .body(canned("Thanks", null, "Thanks {{requester.name}} <{{requester.email}}>", false))
                .post("/api/v1/helpdesk/canned-responses")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(t.admin(), tenant)
                .body(canned("refund", "other", "x", false))
                .post("/api/v1/helpdesk/canned-responses")
                .then()
                .statusCode(409)
                .body("errors.field", equalTo(List.of("name")));
        as(t.admin(), tenant)
                .body(canned("Other", "REFUND", "x", false))
                .post("/api/v1/helpdesk/canned-responses")
                .then()
                .statusCode(409)
                .body("errors.field", equalTo(List.of("shortcut")));
        as(t.admin(), tenant)
                .body(canned("Bad", null, "Hello {{customer.secret}} {{ticket.number}}", false))
                .post("/api/v1/helpdesk/canned-responses")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("body")));
        as(t.agent(), tenant)
                .body(canned("Mine", null, "x", false))
                .post("/api/v1/helpdesk/canned-responses")
                .then()
                .statusCode(403);
        as(t.viewer(), tenant).get("/api/v1/helpdesk/canned-responses").then().statusCode(403);
        as(t.agent(), tenant)
                .queryParam("q", "REF")
                .get("/api/v1/helpdesk/canned-responses")
                .then()
                .statusCode(200)
                .body("items.name", equalTo(List.of("Refund")));

        Map<String, Object> ticket = Fixtures.ticket("Charged <twice>");
        ticket.put("requester", Map.of("email", "carla@example.com", "name", "Carla <b>Customer</b>"));
        String ticketId = Fixtures.create(t.agent(), tenant, ticket);
        String number = as(t.agent(), tenant).get("/api/v1/tickets/" + ticketId).path("number");

        JsonPath preview = as(t.agent(), tenant)
                .queryParam("ticketId", ticketId)
                .get("/api/v1/helpdesk/canned-responses/" + html + "/render")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(preview.getBoolean("isHtml")).isTrue();
        assertThat(preview.getString("body"))
                .as("values are escaped in HTML, never markup")
                .doesNotContain("<b>")
                .contains("Carla &lt;b&gt;Customer&lt;/b&gt;")
                .contains(number);
        assertThat(preview.getString("text"))
                .isEqualTo("Dear Carla <b>Customer</b>, ticket " + number + " (Charged <twice>) is refunded. "
                        + t.agent().username());

        JsonPath sent = as(t.agent(), tenant)
                .body(Map.of("cannedResponseId", html))
                .post("/api/v1/tickets/" + ticketId + "/messages")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(sent.getString("body")).isEqualTo(preview.getString("body"));
        assertThat(sent.getBoolean("isHtml")).isTrue();
        as(t.agent(), tenant)
                .body(Map.of("cannedResponseId", plain, "isInternal", true))
                .post("/api/v1/tickets/" + ticketId + "/messages")
                .then()
                .statusCode(201)
                .body("body", equalTo("Thanks Carla <b>Customer</b> <carla@example.com>"))
                .body("isInternal", equalTo(true));

        as(t.agent(), tenant)
                .body(Map.of("cannedResponseId", plain, "body", "and text"))
                .post("/api/v1/tickets/" + ticketId + "/messages")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("body")));
        as(t.agent(), tenant)
                .body(Map.of("isInternal", true))
                .post("/api/v1/tickets/" + ticketId + "/messages")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("body")));
        as(t.agent(), tenant)
                .body(Map.of("cannedResponseId", "0190a0a0-0000-7000-8000-000000000000"))
                .post("/api/v1/tickets/" + ticketId + "/messages")
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("cannedResponseId")));
        as(t.agent(), tenant)
                .queryParam("ticketId", "nope")
                .get("/api/v1/helpdesk/canned-responses/" + html + "/render")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("ticketId")));
        assertThat(as(t.agent(), tenant)
                        .get("/api/v1/tickets/" + ticketId + "/messages")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items"))
                .as("refused messages leave nothing behind")
                .hasSize(2);

        patchAs(t.admin(), tenant)
                .body(Map.of("shortcut", "thx"))
                .patch("/api/v1/helpdesk/canned-responses/" + plain)
                .then()
                .statusCode(200)
                .body("shortcut", equalTo("thx"));

        // another tenant sees none of it
        Team other = Team.of(users, "cano");
        String theirTicket = Fixtures.create(other.agent(), other.tenant(), Fixtures.ticket("Theirs"));
        as(other.admin(), other.tenant())
                .get("/api/v1/helpdesk/canned-responses/" + html)
                .then()
                .statusCode(404);
        as(other.admin(), other.tenant())
                .queryParam("ticketId", theirTicket)
                .get("/api/v1/helpdesk/canned-responses/" + html + "/render")
                .then()
                .statusCode(404);
        as(t.admin(), tenant)
                .queryParam("ticketId", theirTicket)
                .get("/api/v1/helpdesk/canned-responses/" + html + "/render")
                .then()
                .statusCode(404);
        patchAs(other.admin(), other.tenant())
                .body(Map.of("name", "Mine"))
                .patch("/api/v1/helpdesk/canned-responses/" + html)
                .then()
                .statusCode(404);
        as(other.admin(), other.tenant())
                .delete("/api/v1/helpdesk/canned-responses/" + html)
                .then()
                .statusCode(404);
        as(other.agent(), other.tenant())
                .body(Map.of("cannedResponseId", html))
                .post("/api/v1/tickets/" + theirTicket + "/messages")
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("cannedResponseId")));
        as(other.admin(), other.tenant())
                .get("/api/v1/helpdesk/canned-responses")
                .then()
                .body("totalItems", equalTo(0));

        as(t.admin(), tenant)
                .delete("/api/v1/helpdesk/canned-responses/" + html)
                .then()
                .statusCode(204);
        as(t.agent(), tenant)
                .get("/api/v1/helpdesk/canned-responses/" + html)
                .then()
                .statusCode(404);
    }
}
