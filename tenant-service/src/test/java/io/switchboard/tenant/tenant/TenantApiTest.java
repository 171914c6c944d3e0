package io.switchboard.tenant.tenant;

import static io.restassured.RestAssured.given;
import static io.switchboard.tenant.TestTenants.as;
import static io.switchboard.tenant.TestTenants.create;
import static io.switchboard.tenant.TestTenants.createActive;
import static io.switchboard.tenant.TestTenants.newId;
import static io.switchboard.tenant.TestTenants.patch;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tenant API as a superadmin uses it: CRUD, merge-patch semantics, validation, pagination and filters. */
@QuarkusTest
class TenantApiTest {

    private static final TestUsers users = new TestUsers();
    private static TestUser superadmin;

    @BeforeAll
    static void users() {
        superadmin = users.superadmin();
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void createFillsDefaultsAndReturnsLocationAndEtag() {
        String id = newId("crud");
        Response created = as(superadmin.token())
                .body(Map.of("id", id, "name", "Acme Corporation", "limits", Map.of("maxAgents", 50)))
                .post("/api/v1/tenants");
        created.then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/tenants/" + id))
                .header("ETag", equalTo("\"0\""))
                .body("id", equalTo(id))
                .body("status", equalTo("active"))
                .body("trialExpiresAt", nullValue())
                .body("limits.maxAgents", equalTo(50))
                .body("limits.maxDids", equalTo(5))
                .body("limits.maxConcurrentCalls", equalTo(10))
                .body("features.webrtc", equalTo(true))
                .body("features.sms", equalTo(false))
                .body("settings.timezone", equalTo("UTC"))
                .body("settings.locale", equalTo("en-US"))
                .body("settings.businessHours.weekly.monday[0].start", equalTo("09:00"))
                .body("settings.businessHours.weekly.sunday.size()", equalTo(0))
                .body("createdAt", notNullValue());

        as(superadmin.token())
                .get("/api/v1/tenants/" + id)
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("name", equalTo("Acme Corporation"))
                .body("limits.maxAgents", equalTo(50));
    }

    @Test
    void trialIsTheDefaultWhenAnExpiryIsGivenAndGetsTheDefaultLengthOtherwise() {
        String withExpiry = newId("trial");
        create(superadmin.token(), Map.of("id", withExpiry, "name", "T", "trialExpiresAt", "2099-01-01T00:00:00Z"))
                .statusCode(201)
                .body("status", equalTo("trial"))
                .body("trialExpiresAt", equalTo("2099-01-01T00:00:00Z"));

        String withoutExpiry = newId("trial");
        create(superadmin.token(), Map.of("id", withoutExpiry, "name", "T", "status", "trial"))
                .statusCode(201)
                .body("status", equalTo("trial"))
                .body("trialExpiresAt", notNullValue());

        create(superadmin.token(), Map.of("id", newId("trial"), "name", "T", "status", "suspended"))
                .statusCode(400)
                .body("errors.field", contains("status"));
    }

    @Test
    void mergePatchChangesOnlyWhatItNamesAndNullRemovesOptionalFields() {
        String id = createWithBranding();
        patch(superadmin.token(), id, Map.of("settings", Map.of("timezone", "Europe/Berlin")))
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("settings.timezone", equalTo("Europe/Berlin"))
                .body("settings.locale", equalTo("en-US"))
                .body("settings.branding.displayName", equalTo("Acme"))
                .body("settings.branding.primaryColor", equalTo("#112233"));

        Map<String, Object> removeDisplayName = new HashMap<>();
        removeDisplayName.put("displayName", null);
        patch(superadmin.token(), id, Map.of("settings", Map.of("branding", removeDisplayName)))
                .statusCode(200)
                .body("settings.branding.displayName", nullValue())
                .body("settings.branding.primaryColor", equalTo("#112233"))
                .body("settings.timezone", equalTo("Europe/Berlin"));

        Map<String, Object> removeRequired = new HashMap<>();
        removeRequired.put("timezone", null);
        patch(superadmin.token(), id, Map.of("settings", removeRequired))
                .statusCode(400)
                .body("errors.field", contains("settings.timezone"));
    }

    private static String createWithBranding() {
        String id = newId("brand");
        create(
                        superadmin.token(),
                        Map.of(
                                "id",
                                id,
                                "name",
                                "Branded",
                                "settings",
                                Map.of("branding", Map.of("displayName", "Acme", "primaryColor", "#112233"))))
                .statusCode(201);
        return id;
    }

    @Test
    void aPatchThatChangesNothingKeepsTheVersion() {
        String id = createActive(superadmin.token(), "crud");
        patch(superadmin.token(), id, Map.of("settings", Map.of("timezone", "UTC")))
                .statusCode(200)
                .header("ETag", equalTo("\"0\""));
    }

    @Test
    void ifMatchGuardsAgainstLostUpdates() {
        String id = createActive(superadmin.token(), "crud");
        given().auth()
                .oauth2(superadmin.token())
                .contentType("application/merge-patch+json")
                .header("If-Match", "\"7\"")
                .body("{\"name\": \"Too late\"}")
                .patch("/api/v1/tenants/" + id)
                .then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:precondition-failed"));
        given().auth()
                .oauth2(superadmin.token())
                .contentType("application/merge-patch+json")
                .header("If-Match", "\"0\"")
                .body("{\"name\": \"In time\"}")
                .patch("/api/v1/tenants/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("In time"));
    }

    @Test
    void readOnlyFieldsMayBeEchoedButNotChanged() {
        String id = createActive(superadmin.token(), "crud");
        patch(superadmin.token(), id, Map.of("id", id, "name", "Echoed"))
                .statusCode(200)
                .body("name", equalTo("Echoed"));
        patch(superadmin.token(), id, Map.of("id", "another-id"))
                .statusCode(400)
                .body("errors[0].field", equalTo("id"))
                .body("errors[0].message", equalTo("is read-only"));
    }

    @Test
    void everyInvalidFieldIsNamedInOneProblem() {
        Map<String, Object> settings = Map.of(
                "timezone",
                "Mars/Olympus_Mons",
                "locale",
                "not a locale!",
                "businessHours",
                Map.of(
                        "weekly",
                                Map.of(
                                        "monday", List.of(Map.of("start", "17:00", "end", "09:00")),
                                        "tuesday",
                                                List.of(
                                                        Map.of("start", "09:00", "end", "13:00"),
                                                        Map.of("start", "12:00", "end", "18:00")),
                                        "wednesday", List.of(Map.of("start", "9am", "end", "17:00"))),
                        "holidays",
                                List.of(
                                        Map.of("date", "2026-12-25", "name", "Christmas"),
                                        Map.of("date", "2026-12-25", "name", "Christmas again"))),
                "branding",
                Map.of("primaryColor", "red", "logoUrl", "http://insecure.example/logo.png"));
        Response response = as(superadmin.token())
                .body(Map.of(
                        "id",
                        newId("invalid"),
                        "name",
                        "",
                        "limits",
                        Map.of("maxAgents", -1, "maxDids", 1_000_000),
                        "settings",
                        settings))
                .post("/api/v1/tenants");
        response.then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:validation-failed"))
                .body("status", equalTo(400))
                .body(
                        "errors.field",
                        hasItems(
                                "name",
                                "limits.maxAgents",
                                "limits.maxDids",
                                "settings.timezone",
                                "settings.locale",
                                "settings.businessHours.weekly.monday[0].end",
                                "settings.businessHours.weekly.tuesday[1].start",
                                "settings.businessHours.weekly.wednesday[0].start",
                                "settings.businessHours.holidays[1].date",
                                "settings.branding.primaryColor",
                                "settings.branding.logoUrl"));
    }

    @Test
    void badIdsAreRefused() {
        create(superadmin.token(), Map.of("id", "Not_A_Slug", "name", "X"))
                .statusCode(400)
                .body("errors.field", contains("id"));
        create(superadmin.token(), Map.of("id", "admin", "name", "X"))
                .statusCode(400)
                .body("errors[0].field", equalTo("id"))
                .body("errors[0].message", containsString("reserved"));
        Map<String, Object> noId = Map.of("name", "X");
        create(superadmin.token(), noId).statusCode(400).body("errors.field", contains("id"));
    }

    @Test
    void aTakenIdIsAConflict() {
        String id = createActive(superadmin.token(), "crud");
        create(superadmin.token(), Map.of("id", id, "name", "Again"))
                .statusCode(409)
                .body("type", equalTo("urn:switchboard:problem:already-exists"));
    }

    @Test
    void malformedBodiesGetAProblemNamingTheField() {
        as(superadmin.token())
                .body("{\"id\": \"x-1\", \"name\": \"X\", \"limits\": {\"maxAgents\": \"ten\"}}")
                .post("/api/v1/tenants")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("limits.maxAgents"));
        as(superadmin.token())
                .body("{\"id\": \"x-1\", \"name\": \"X\", \"features\": {\"teleport\": true}}")
                .post("/api/v1/tenants")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("features.teleport"))
                .body("errors[0].message", containsString("unknown field"));
        as(superadmin.token())
                .body("{\"id\": \"x-1\", \"name\": ")
                .post("/api/v1/tenants")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:switchboard:problem:malformed-request"));
        given().auth()
                .oauth2(superadmin.token())
                .contentType(ContentType.TEXT)
                .body("id=x")
                .post("/api/v1/tenants")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        String id = createActive(superadmin.token(), "crud");
        patch(superadmin.token(), id, Map.of("status", "paused"))
                .statusCode(400)
                .body("errors[0].field", equalTo("status"));
        patch(superadmin.token(), id, List.of("not", "an", "object")).statusCode(400);
    }

    @Test
    void unknownTenantsAndPathsAreProblems() {
        as(superadmin.token())
                .get("/api/v1/tenants/" + newId("missing"))
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:not-found"));
        as(superadmin.token())
                .get("/api/v1/nothing-here")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void deleteHidesTheTenantUntilItIsRestored() {
        String id = createActive(superadmin.token(), "crud");
        as(superadmin.token()).delete("/api/v1/tenants/" + id).then().statusCode(204);
        as(superadmin.token()).delete("/api/v1/tenants/" + id).then().statusCode(204);
        as(superadmin.token())
                .get("/api/v1/tenants/" + id)
                .then()
                .statusCode(200)
                .body("deletedAt", notNullValue());
        as(superadmin.token())
                .queryParam("name", id)
                .get("/api/v1/tenants")
                .then()
                .body("totalItems", equalTo(0));
        as(superadmin.token())
                .queryParam("name", id)
                .queryParam("includeDeleted", true)
                .get("/api/v1/tenants")
                .then()
                .body("totalItems", equalTo(1));
        patch(superadmin.token(), id, Map.of("name", "Changed"))
                .statusCode(409)
                .body("detail", containsString("restore"));
        create(superadmin.token(), Map.of("id", id, "name", "Reuse"))
                .statusCode(409)
                .body("detail", containsString("deleted"));

        as(superadmin.token())
                .post("/api/v1/tenants/" + id + "/restore")
                .then()
                .statusCode(200)
                .body("deletedAt", nullValue());
        as(superadmin.token()).post("/api/v1/tenants/" + id + "/restore").then().statusCode(409);
    }

    @Test
    void listIsPagedSortedAndFiltered() {
        String prefix = "page" + UUID.randomUUID().toString().substring(0, 6);
        for (String suffix : List.of("c", "a", "e", "b", "d")) {
            String id = prefix + "-" + suffix;
            Map<String, Object> body = new HashMap<>(Map.of("id", id, "name", prefix + " " + suffix));
            if (suffix.equals("b") || suffix.equals("d")) {
                body.put("status", "trial");
            }
            create(superadmin.token(), body).statusCode(201);
        }
        as(superadmin.token())
                .queryParam("name", prefix.toUpperCase())
                .queryParam("size", 2)
                .queryParam("page", 1)
                .get("/api/v1/tenants")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(5))
                .body("totalPages", equalTo(3))
                .body("page", equalTo(1))
                .body("items.id", contains(prefix + "-c", prefix + "-d"));
        as(superadmin.token())
                .queryParam("name", prefix)
                .queryParam("sort", "-name")
                .get("/api/v1/tenants")
                .then()
                .body("items.id", contains(prefix + "-e", prefix + "-d", prefix + "-c", prefix + "-b", prefix + "-a"));
        as(superadmin.token())
                .queryParam("name", prefix)
                .queryParam("trial", true)
                .get("/api/v1/tenants")
                .then()
                .body("items.id", contains(prefix + "-b", prefix + "-d"));
        as(superadmin.token())
                .queryParam("name", prefix)
                .queryParam("status", "active")
                .get("/api/v1/tenants")
                .then()
                .body("totalItems", equalTo(3));
        as(superadmin.token())
                .queryParam("name", prefix)
                .queryParam("status", "trial,active")
                .get("/api/v1/tenants")
                .then()
                .body("totalItems", equalTo(5));
    }

    @Test
    void badListParametersAreNamed() {
        as(superadmin.token())
                .queryParam("sort", "password")
                .get("/api/v1/tenants")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("sort"));
        as(superadmin.token())
                .queryParam("size", 500)
                .queryParam("page", -1)
                .get("/api/v1/tenants")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("size", "page"));
        as(superadmin.token())
                .queryParam("status", "sleeping")
                .get("/api/v1/tenants")
                .then()
                .statusCode(400)
                .body("errors.field", contains("status"));
    }
}
