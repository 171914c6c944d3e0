package io.switchboard.helpdesk.sla;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.helpdesk.support.Fixtures.Team;
import io.switchboard.testing.TestUsers;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** SLA policies over the API: kept by tenant admins, validated by field, one per priority and category, per tenant. */
@QuarkusTest
class SlaPolicyApiTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    static Map<String, Object> policy(String priority, String category, int firstResponse, int resolution) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", priority + (category == null ? "" : " " + category));
        body.put("priority", priority);
        body.put("category", category);
        body.put("firstResponseMinutes", firstResponse);
        body.put("resolutionMinutes", resolution);
        body.put("businessHours", true);
        return body;
    }

    @Test
    void tenantAdminsKeepPoliciesOnePerPriorityAndCategory() {
        Team t = Team.of(users, "slap");
        String id = as(t.admin(), t.tenant())
                .body(policy("high", null, 60, 480))
                .post("/api/v1/helpdesk/sla-policies")
                .then()
                .statusCode(201)
                .body("priority", equalTo("high"))
                .body("firstResponseMinutes", equalTo(60))
                .body("businessHours", equalTo(true))
                .extract()
                .path("id");
        as(t.admin(), t.tenant())
                .body(policy("high", "Billing", 30, 240))
                .post("/api/v1/helpdesk/sla-policies")
                .then()
                .statusCode(201);
        as(t.admin(), t.tenant())
                .body(policy("high", "billing", 10, 20))
                .post("/api/v1/helpdesk/sla-policies")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:switchboard:problem:already-exists"))
                .body("errors.field", hasItems("priority", "category"));
        patchAs(t.admin(), t.tenant())
                .header("If-Match", "\"0\"")
                .body(Map.of("resolutionMinutes", 600, "businessHours", false))
                .patch("/api/v1/helpdesk/sla-policies/" + id)
                .then()
                .statusCode(200)
                .body("resolutionMinutes", equalTo(600))
                .body("businessHours", equalTo(false))
                .body("version", equalTo(1));
        patchAs(t.admin(), t.tenant())
                .header("If-Match", "\"0\"")
                .body(Map.of("resolutionMinutes", 700))
                .patch("/api/v1/helpdesk/sla-policies/" + id)
                .then()
                .statusCode(412);
        as(t.admin(), t.tenant())
                .get("/api/v1/helpdesk/sla-policies")
                .then()
                .statusCode(200)
                .body("category", containsInAnyOrder(null, "Billing"));

        // agents work tickets under the policies but do not set them
        as(t.agent(), t.tenant())
                .body(policy("low", null, 60, 480))
                .post("/api/v1/helpdesk/sla-policies")
                .then()
                .statusCode(403);
        as(t.supervisor(), t.tenant())
                .delete("/api/v1/helpdesk/sla-policies/" + id)
                .then()
                .statusCode(403);
        as(t.admin(), t.tenant())
                .delete("/api/v1/helpdesk/sla-policies/" + id)
                .then()
                .statusCode(204);
        as(t.admin(), t.tenant())
                .get("/api/v1/helpdesk/sla-policies/" + id)
                .then()
                .statusCode(404);
    }

    @Test
    void everyInvalidFieldIsNamed() {
        Team t = Team.of(users, "slav");
        Map<String, Object> invalid = new HashMap<>();
        invalid.put("name", " ");
        invalid.put("firstResponseMinutes", 0);
        invalid.put("resolutionMinutes", -5);
        as(t.admin(), t.tenant())
                .body(invalid)
                .post("/api/v1/helpdesk/sla-policies")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:switchboard:problem:validation-failed"))
                .body("errors.field", hasItems("name", "priority", "firstResponseMinutes", "resolutionMinutes"));
        as(t.admin(), t.tenant())
                .body(policy("medium", null, 120, 60))
                .post("/api/v1/helpdesk/sla-policies")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("resolutionMinutes"));
        as(t.admin(), t.tenant())
                .body(policy("urgent", null, 60, 120))
                .post("/api/v1/helpdesk/sla-policies")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("priority"));
    }

    @Test
    void anotherTenantsPoliciesAreNotFound() {
        Team a = Team.of(users, "slaa");
        Team b = Team.of(users, "slab");
        String theirs = as(b.admin(), b.tenant())
                .body(policy("critical", null, 15, 60))
                .post("/api/v1/helpdesk/sla-policies")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(a.admin(), a.tenant())
                .get("/api/v1/helpdesk/sla-policies/" + theirs)
                .then()
                .statusCode(404);
        patchAs(a.admin(), a.tenant())
                .body(Map.of("resolutionMinutes", 600))
                .patch("/api/v1/helpdesk/sla-policies/" + theirs)
                .then()
                .statusCode(404);
        as(a.admin(), a.tenant())
                .delete("/api/v1/helpdesk/sla-policies/" + theirs)
                .then()
                .statusCode(404);
        as(a.admin(), a.tenant())
                .get("/api/v1/helpdesk/sla-policies")
                .then()
                .statusCode(200)
                .body("id", not(hasItems(theirs)));
        // A's policy for the same priority does not collide with B's, and B's stays as it was
        as(a.admin(), a.tenant())
                .body(policy("critical", null, 30, 90))
                .post("/api/v1/helpdesk/sla-policies")
                .then()
                .statusCode(201);
        as(b.admin(), b.tenant())
                .get("/api/v1/helpdesk/sla-policies/" + theirs)
                .then()
                .statusCode(200)
                .body("resolutionMinutes", equalTo(60));
    }
}
