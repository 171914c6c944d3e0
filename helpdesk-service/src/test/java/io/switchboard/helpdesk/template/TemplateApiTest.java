package io.switchboard.helpdesk.template;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

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

/** Ticket templates: tenant admins keep them, agents create tickets from them with variables. */
@QuarkusTest
class TemplateApiTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    static Map<String, Object> template(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("subject", "{{issue_type}} broken at {{ site }}");
        body.put("description", "The {{issue_type}} stopped working. Customer: {{customer}}");
        body.put("category", "hardware");
        body.put("priority", "high");
        body.put("tags", List.of("hardware"));
        return body;
    }

    @Test
    void adminsKeepTemplatesAndAgentsCreateTicketsFromThem() {
        Team t = Team.of(users, "tpl");
        String tenant = t.tenant();
        Fixtures.tags(t.admin(), tenant, "Hardware", "Urgent");
        JsonPath created = as(t.admin(), tenant)
                .body(template("Hardware fault"))
                .post("/api/v1/helpdesk/templates")
                .then()
                .statusCode(201)
                .body("variables", equalTo(List.of("issue_type", "site", "customer")))
                .body("tags", equalTo(List.of("Hardware")))
                .extract()
                .jsonPath();
        String id = created.getString("id");
        as(t.admin(), tenant)
                .body(template("HARDWARE FAULT"))
                .post("/api/v1/helpdesk/templates")
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("name"));
        as(t.agent(), tenant)
                .body(template("Agents do not write templates"))
                .post("/api/v1/helpdesk/templates")
                .then()
                .statusCode(403);
        as(t.viewer(), tenant).get("/api/v1/helpdesk/templates/" + id).then().statusCode(200);
        as(t.agent(), tenant)
                .get("/api/v1/helpdesk/templates")
                .then()
                .statusCode(200)
                .body("items.name", equalTo(List.of("Hardware fault")));

        // the template fills what the request leaves out; what the request sets wins
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("templateId", id);
        request.put("variables", Map.of("issue_type", "Printer", "site", "Berlin", "customer", "ACME {{site}}"));
        request.put("requester", Map.of("email", "carla@example.com"));
        request.put("priority", "low");
        JsonPath ticket = as(t.agent(), tenant)
                .body(request)
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(ticket.getString("subject")).isEqualTo("Printer broken at Berlin");
        assertThat(ticket.getString("description"))
                .as("values are inserted as given, never rendered again")
                .isEqualTo("The Printer stopped working. Customer: ACME {{site}}");
        assertThat(ticket.getString("priority")).isEqualTo("low");
        assertThat(ticket.getString("category")).isEqualTo("hardware");
        assertThat(ticket.getList("tags")).containsExactly("Hardware");
        assertThat(ticket.getLong("ageSeconds")).isGreaterThanOrEqualTo(0);

        request.put("subject", "My own subject");
        request.put("tags", List.of("Urgent"));
        JsonPath explicit = as(t.agent(), tenant)
                .body(request)
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(explicit.getString("subject")).isEqualTo("My own subject");
        assertThat(explicit.getList("tags")).containsExactly("Urgent");

        patchAs(t.admin(), tenant)
                .body(Map.of("subject", "{{issue_type}} needs help", "priority", "critical"))
                .patch("/api/v1/helpdesk/templates/" + id)
                .then()
                .statusCode(200)
                .body("variables", equalTo(List.of("issue_type", "customer")))
                .body("priority", equalTo("critical"));
        as(t.admin(), tenant).delete("/api/v1/helpdesk/templates/" + id).then().statusCode(204);
        as(t.admin(), tenant).get("/api/v1/helpdesk/templates/" + id).then().statusCode(404);
    }

    @Test
    void missingVariablesAndUnknownTemplatesAreNamed() {
        Team t = Team.of(users, "tplv");
        String tenant = t.tenant();
        Fixtures.tags(t.admin(), tenant, "Hardware");
        String id = as(t.admin(), tenant)
                .body(template("Fault"))
                .post("/api/v1/helpdesk/templates")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        long before = as(t.admin(), tenant)
                .get("/api/v1/tickets")
                .then()
                .extract()
                .jsonPath()
                .getLong("totalItems");

        Map<String, Object> request = new LinkedHashMap<>();
        request.put("templateId", id);
        request.put("variables", Map.of("site", "Berlin", "customer", " "));
        request.put("requester", Map.of("email", "carla@example.com"));
        as(t.agent(), tenant)
                .body(request)
                .post("/api/v1/tickets")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:switchboard:problem:validation-failed"))
                .body("errors.field", equalTo(List.of("variables.issue_type", "variables.customer")));

        request.put("templateId", "0190a0a0-0000-7000-8000-000000000000");
        as(t.agent(), tenant)
                .body(request)
                .post("/api/v1/tickets")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:switchboard:problem:unknown-reference"))
                .body("errors.field", equalTo(List.of("templateId")));

        // another tenant's template is unknown here
        Team other = Team.of(users, "tplo");
        as(other.agent(), other.tenant())
                .body(Map.of(
                        "templateId",
                        id,
                        "variables",
                        Map.of("issue_type", "x", "site", "y", "customer", "z"),
                        "requester",
                        Map.of("email", "a@example.com")))
                .post("/api/v1/tickets")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:switchboard:problem:unknown-reference"))
                .body("errors.field", equalTo(List.of("templateId")));
        as(other.admin(), other.tenant())
                .get("/api/v1/helpdesk/templates/" + id)
                .then()
                .statusCode(404);
        patchAs(other.admin(), other.tenant())
                .body(Map.of("name", "Mine"))
                .patch("/api/v1/helpdesk/templates/" + id)
                .then()
                .statusCode(404);
        as(other.admin(), other.tenant())
                .delete("/api/v1/helpdesk/templates/" + id)
                .then()
                .statusCode(404);
        as(other.admin(), other.tenant())
                .get("/api/v1/helpdesk/templates")
                .then()
                .body("totalItems", equalTo(0));

        Map<String, Object> invalid = template("Bad");
        invalid.put("subject", " ");
        invalid.put("priority", "urgent");
        invalid.put("tags", List.of("Nope"));
        as(t.admin(), tenant)
                .body(invalid)
                .post("/api/v1/helpdesk/templates")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("priority"));
        invalid.put("priority", "low");
        as(t.admin(), tenant)
                .body(invalid)
                .post("/api/v1/helpdesk/templates")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("subject")));
        invalid.put("subject", "ok");
        as(t.admin(), tenant)
                .body(invalid)
                .post("/api/v1/helpdesk/templates")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("tags[0]")));
        assertThat(as(t.admin(), tenant)
                        .get("/api/v1/tickets")
                        .then()
                        .extract()
                        .jsonPath()
                        .getLong("totalItems"))
                .as("nothing half-written")
                .isEqualTo(before);
    }
}
