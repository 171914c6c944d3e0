package io.switchboard.helpdesk.ticket;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.create;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static io.switchboard.helpdesk.support.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.helpdesk.support.Fixtures;
import io.switchboard.helpdesk.support.Fixtures.Team;
import io.switchboard.testing.Database;
import io.switchboard.testing.TestUsers;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A ticket's life through the API: creation, validation, Merge Patch with If-Match, the workflow, delete, restore. */
@QuarkusTest
class TicketApiTest {

    private static final TestUsers users = new TestUsers();
    private static boolean ready;
    private static Team team;

    @Inject
    TicketRetention retention;

    /** Once per class, when Quarkus (and RestAssured's port) is up. */
    @BeforeEach
    void setUp() {
        if (ready) {
            return;
        }
        ready = true;
        team = Team.of(users, "tk");
        Fixtures.tags(team.admin(), team.tenant(), "Billing", "Bug");
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void aNewTicketIsOpenMediumAndNumbered() {
        Map<String, Object> body = ticket("Printer on fire");
        body.put("description", "Third floor");
        body.put("tags", List.of("bug", "Billing"));
        body.put("customFields", Map.of("orderId", "A-17", "seats", 3, "vip", true));
        body.put("dueAt", "2030-01-01T10:00:00Z");
        body.put("source", "call");
        Response created = as(team.agent(), team.tenant()).body(body).post("/api/v1/tickets");
        created.then()
                .statusCode(201)
                .header("ETag", "\"0\"")
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/tickets/" + created.path("id")))
                .body("status", equalTo("open"))
                .body("priority", equalTo("medium"))
                .body("number", org.hamcrest.Matchers.matchesPattern("TK-\\d{5}"))
                .body("tags", equalTo(List.of("Billing", "Bug")))
                .body("customFields.seats", equalTo(3))
                .body("customFields.vip", equalTo(true))
                .body("source", equalTo("call"))
                .body("createdBy", equalTo(team.agent().id()))
                .body("overdue", equalTo(false))
                .body("requester.email", equalTo("customer@example.com"));
        as(team.viewer(), team.tenant())
                .get("/api/v1/tickets/" + created.path("id"))
                .then()
                .statusCode(200)
                .header("ETag", "\"0\"")
                .body("subject", equalTo("Printer on fire"));
    }

    @Test
    void invalidInputNamesEveryFieldAndIsNeverA500() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("subject", " ");
        bad.put("requester", Map.of("name", "No address"));
        bad.put("assigneeId", "bob");
        bad.put("tags", List.of("Billing", "Nope"));
        bad.put("customFields", Map.of("bad name", 1, "nested", Map.of("a", 1)));
        as(team.agent(), team.tenant())
                .body(bad)
                .post("/api/v1/tickets")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:switchboard:problem:validation-failed"))
                .body(
                        "errors.field",
                        org.hamcrest.Matchers.hasItems(
                                "subject",
                                "requester",
                                "assigneeId",
                                "tags[1]",
                                "customFields.bad name",
                                "customFields.nested"));
        Map<String, Object> wrongEnum = ticket("x");
        wrongEnum.put("priority", "urgent");
        as(team.agent(), team.tenant())
                .body(wrongEnum)
                .post("/api/v1/tickets")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("priority"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("low, medium, high, critical"));
        Map<String, Object> unknown = ticket("x");
        unknown.put("status", "closed");
        as(team.agent(), team.tenant())
                .body(unknown)
                .post("/api/v1/tickets")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("status"));
        as(team.agent(), team.tenant())
                .body("{\"subject\": ")
                .post("/api/v1/tickets")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:switchboard:problem:malformed-request"));
        String id = create(team.agent(), team.tenant(), ticket("valid"));
        patchAs(team.agent(), team.tenant())
                .body("{\"dueAt\": \"tomorrow\", \"requester\": {\"email\": \"not-an-address\"}}")
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("dueAt"));
        patchAs(team.agent(), team.tenant())
                .body("{\"requester\": {\"email\": \"not-an-address\"}, \"number\": \"X-1\"}")
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("number"));
        patchAs(team.agent(), team.tenant())
                .body("{\"requester\": {\"email\": \"not-an-address\"}}")
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("requester.email")));
        as(team.agent(), team.tenant())
                .queryParam("status", "opened")
                .queryParam("createdFrom", "yesterday")
                .queryParam("sort", "relevance")
                .get("/api/v1/tickets")
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("status", "createdFrom", "sort"));
    }

    @Test
    void mergePatchChangesOnlyWhatItNamesAndIfMatchRefusesStaleWrites() {
        Map<String, Object> body = ticket("Slow VPN");
        body.put("category", "network");
        body.put("tags", List.of("Bug"));
        body.put("customFields", Map.of("site", "Berlin", "floor", 3));
        String id = create(team.agent(), team.tenant(), body);

        patchAs(team.agent(), team.tenant())
                .header("If-Match", "\"0\"")
                .body("{\"priority\": \"high\", \"customFields\": {\"floor\": null, \"desk\": \"12\"}}")
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("priority", equalTo("high"))
                .body("subject", equalTo("Slow VPN"))
                .body("category", equalTo("network"))
                .body("tags", equalTo(List.of("Bug")))
                .body("customFields", equalTo(Map.of("site", "Berlin", "desk", "12")));

        patchAs(team.agent(), team.tenant())
                .header("If-Match", "\"0\"")
                .body("{\"subject\": \"Lost update\"}")
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(412)
                .body("type", equalTo("urn:switchboard:problem:precondition-failed"));
        patchAs(team.agent(), team.tenant())
                .body("{\"category\": null, \"tags\": []}")
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(200)
                .body("category", nullValue())
                .body("tags", equalTo(List.of()))
                .body("subject", equalTo("Slow VPN"));
        // echoing read-only fields unchanged is fine; an empty patch changes nothing
        String version =
                as(team.agent(), team.tenant()).get("/api/v1/tickets/" + id).header("ETag");
        patchAs(team.agent(), team.tenant())
                .body("{}")
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(200)
                .header("ETag", version);
    }

    @Test
    void theWorkflowAllowsItsTransitionsOnlyAndStampsTheirTimes() {
        String id = create(team.agent(), team.tenant(), ticket("Workflow"));
        for (String status : List.of("in_progress", "pending", "in_progress", "resolved")) {
            status(id, status).then().statusCode(200).body("status", equalTo(status));
        }
        as(team.agent(), team.tenant())
                .get("/api/v1/tickets/" + id)
                .then()
                .body("resolvedAt", notNullValue())
                .body("closedAt", nullValue());
        status(id, "pending")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:switchboard:problem:invalid-state-transition"))
                .body("from", equalTo("resolved"))
                .body("to", equalTo("pending"))
                .body("allowed", equalTo(List.of("open", "in_progress", "closed")))
                .body("errors[0].field", equalTo("status"));
        // reopened: the resolution is gone; resolved again and closed
        status(id, "open").then().statusCode(200).body("resolvedAt", nullValue());
        status(id, "resolved").then().statusCode(200);
        status(id, "closed").then().statusCode(200).body("closedAt", notNullValue());
        status(id, "open")
                .then()
                .statusCode(409)
                .body("from", equalTo("closed"))
                .body("errors[0].field", equalTo("status"))
                .body("detail", org.hamcrest.Matchers.containsString("final"));
        patchAs(team.agent(), team.tenant())
                .body("{\"subject\": \"After closing\"}")
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:switchboard:problem:conflict"));
        status(id, "bogus").then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void deletedTicketsDisappearCanBeRestoredAndAreRemovedAfterTheRetention() throws Exception {
        String id = create(team.agent(), team.tenant(), ticket("To delete"));
        String old = create(team.agent(), team.tenant(), ticket("Long deleted"));
        as(team.agent(), team.tenant()).delete("/api/v1/tickets/" + id).then().statusCode(403);
        as(team.admin(), team.tenant()).delete("/api/v1/tickets/" + id).then().statusCode(204);
        as(team.admin(), team.tenant()).delete("/api/v1/tickets/" + old).then().statusCode(204);
        as(team.agent(), team.tenant()).get("/api/v1/tickets/" + id).then().statusCode(404);
        as(team.agent(), team.tenant())
                .queryParam("size", 200)
                .get("/api/v1/tickets")
                .then()
                .body("items.id", org.hamcrest.Matchers.not(hasItem(id)));
        as(team.agent(), team.tenant())
                .queryParam("deleted", true)
                .get("/api/v1/tickets")
                .then()
                .statusCode(403);
        as(team.admin(), team.tenant())
                .queryParam("deleted", true)
                .queryParam("size", 200)
                .get("/api/v1/tickets")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.find { it.id == '" + id + "' }.deletedAt", notNullValue());
        as(team.admin(), team.tenant())
                .post("/api/v1/tickets/" + id + "/restore")
                .then()
                .statusCode(200)
                .body("deletedAt", nullValue());
        as(team.admin(), team.tenant())
                .post("/api/v1/tickets/" + id + "/restore")
                .then()
                .statusCode(409);
        as(team.agent(), team.tenant()).get("/api/v1/tickets/" + id).then().statusCode(200);

        // the retention job removes what was deleted long enough ago, and nothing else
        try (Connection db = Database.connectAs(Fixtures.ROLE)) {
            db.setAutoCommit(false);
            try (PreparedStatement tenant = db.prepareStatement("select set_config('app.tenant_id', ?, true)");
                    PreparedStatement age =
                            db.prepareStatement("update ticket set deleted_at = ? where id = ?::uuid")) {
                tenant.setString(1, team.tenant());
                tenant.execute();
                age.setObject(1, java.sql.Timestamp.from(Instant.now().minus(31, ChronoUnit.DAYS)));
                age.setString(2, old);
                assertThat(age.executeUpdate()).isEqualTo(1);
            }
            db.commit();
        }
        String recent = create(team.agent(), team.tenant(), ticket("Recently deleted"));
        as(team.admin(), team.tenant())
                .delete("/api/v1/tickets/" + recent)
                .then()
                .statusCode(204);
        assertThat(retention.purgeDeletedBefore(Instant.now().minus(30, ChronoUnit.DAYS)))
                .isGreaterThanOrEqualTo(1);
        as(team.admin(), team.tenant())
                .post("/api/v1/tickets/" + old + "/restore")
                .then()
                .statusCode(404);
        as(team.admin(), team.tenant())
                .post("/api/v1/tickets/" + recent + "/restore")
                .then()
                .statusCode(200);
        as(team.admin(), team.tenant())
                .post("/api/v1/tickets/" + UUID.randomUUID() + "/restore")
                .then()
                .statusCode(404);
    }

    private static Response status(String id, String status) {
        return patchAs(team.agent(), team.tenant())
                .body(Map.of("status", status))
                .patch("/api/v1/tickets/" + id);
    }
}
