package io.switchboard.routing;

import static io.restassured.RestAssured.given;
import static io.switchboard.routing.support.Fixtures.as;
import static io.switchboard.routing.support.Scenario.route;
import static io.switchboard.routing.support.Scenario.target;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.routing.support.Numbers;
import io.switchboard.routing.support.Scenario;
import io.switchboard.testing.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The routing-service rows of docs/rbac.md, with real tokens from the local Keycloak. */
@QuarkusTest
class RoutingAccessTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void whoMayReadAndWhoMayChangeRouting() {
        Scenario s = Scenario.standard(users, "access");
        Scenario other = Scenario.standard(users, "access-other");
        String did = s.did(Numbers.berlin(), route(target("queue", "sales")));
        String othersDid = other.did(Numbers.berlin(), null);
        Map<String, Object> newDid = Map.of("number", Numbers.berlin());
        Map<String, Object> menu = Map.of("name", "M", "greeting", List.of("sound:welcome"));
        Map<String, Object> schedule = Map.of("name", "S", "timezone", "UTC");

        for (String role : List.of("supervisor", "agent")) {
            String token = users.member(s.tenant, role).token();
            for (String path : List.of("dids", "dids/" + did, "ivr-menus", "schedules", "targets")) {
                as(token, s.tenant).get("/api/v1/routing/" + path).then().statusCode(200);
            }
            as(token, s.tenant).body(newDid).post("/api/v1/routing/dids").then().statusCode(403);
            as(token, s.tenant).delete("/api/v1/routing/dids/" + did).then().statusCode(403);
            as(token, s.tenant)
                    .body(menu)
                    .post("/api/v1/routing/ivr-menus")
                    .then()
                    .statusCode(403);
            as(token, s.tenant)
                    .body(schedule)
                    .post("/api/v1/routing/schedules")
                    .then()
                    .statusCode(403);
            as(token, s.tenant)
                    .get("/api/v1/routing/dids/" + did + "/webhook-calls")
                    .then()
                    .statusCode(403);
        }
        String viewer = users.member(s.tenant, "viewer").token();
        as(viewer, s.tenant).get("/api/v1/routing/dids").then().statusCode(403);
        as(viewer, s.tenant).get("/api/v1/routing/targets").then().statusCode(403);
        given().get("/api/v1/routing/dids").then().statusCode(401);

        as(s.admin.token(), s.tenant)
                .get("/api/v1/routing/dids/" + othersDid)
                .then()
                .statusCode(404);
        as(s.admin.token(), s.tenant)
                .delete("/api/v1/routing/dids/" + othersDid)
                .then()
                .statusCode(404);
        as(s.admin.token(), other.tenant).get("/api/v1/routing/dids").then().statusCode(403);
    }
}
