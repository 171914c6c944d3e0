package io.switchboard.routing.did;

import static io.switchboard.routing.support.Fixtures.as;
import static io.switchboard.routing.support.Fixtures.patchAs;
import static io.switchboard.routing.support.Scenario.route;
import static io.switchboard.routing.support.Scenario.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.routing.support.Fixtures;
import io.switchboard.routing.support.Numbers;
import io.switchboard.routing.support.Scenario;
import io.switchboard.routing.support.Telephony;
import io.switchboard.testing.Database;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DIDs through the API: lifecycle, numbers, uniqueness across tenants, the DID limit, targets that must exist. */
@QuarkusTest
class DidApiTest {

    private static final TestUsers users = new TestUsers();
    private static Scenario acme;
    private static Scenario other;

    @BeforeEach
    void setUp() {
        if (acme == null) {
            acme = Scenario.standard(users, "did");
            other = Scenario.standard(users, "did-other");
        }
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void aDidIsAddedReadChangedListedAndDeleted() {
        String number = Numbers.berlin();
        String spaced = number.substring(0, 3) + " (" + number.substring(3, 5) + ") " + number.substring(5);
        JsonPath created = as(acme.admin.token(), acme.tenant)
                .body(Map.of(
                        "number", spaced, "description", "Berlin main line", "route", route(target("queue", "sales"))))
                .post("/api/v1/routing/dids")
                .then()
                .statusCode(201)
                .header("ETag", equalTo("\"0\""))
                .body("number", equalTo(number))
                .body("status", equalTo("active"))
                .body("route.target.type", equalTo("queue"))
                .body("route.target.target", equalTo("sales"))
                .body("smsEnabled", equalTo(false))
                .body("hasWebhookSecret", equalTo(false))
                .body("webhookSecret", nullValue())
                .extract()
                .jsonPath();
        String id = created.getString("id");

        as(acme.admin.token(), acme.tenant)
                .get("/api/v1/routing/dids/" + id)
                .then()
                .statusCode(200)
                .body("description", equalTo("Berlin main line"));

        patchAs(acme.admin.token(), acme.tenant)
                .header("If-Match", "\"0\"")
                .body(Fixtures.json(
                        Map.of("status", "inactive", "route", Map.of("closedTarget", target("voicemail", "2000")))))
                .patch("/api/v1/routing/dids/" + id)
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("status", equalTo("inactive"))
                .body("description", equalTo("Berlin main line"))
                .body("route.target.target", equalTo("sales"))
                .body("route.closedTarget.target", equalTo("2000"));
        patchAs(acme.admin.token(), acme.tenant)
                .header("If-Match", "\"0\"")
                .body("{\"description\": null}")
                .patch("/api/v1/routing/dids/" + id)
                .then()
                .statusCode(412);
        patchAs(acme.admin.token(), acme.tenant)
                .body("{\"number\": \"+4930999999\"}")
                .patch("/api/v1/routing/dids/" + id)
                .then()
                .statusCode(400)
                .body("errors.field", contains("number"));

        as(acme.admin.token(), acme.tenant)
                .queryParam("status", "inactive")
                .queryParam("q", number.substring(1))
                .get("/api/v1/routing/dids")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].id", equalTo(id));
        as(acme.admin.token(), acme.tenant)
                .queryParam("routeType", "queue")
                .get("/api/v1/routing/dids")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
        as(acme.admin.token(), acme.tenant)
                .queryParam("routeType", "fax")
                .get("/api/v1/routing/dids")
                .then()
                .statusCode(400)
                .body("errors.field", contains("routeType"));

        as(acme.admin.token(), acme.tenant)
                .delete("/api/v1/routing/dids/" + id)
                .then()
                .statusCode(204);
        as(acme.admin.token(), acme.tenant)
                .get("/api/v1/routing/dids/" + id)
                .then()
                .statusCode(404);
        // the number is free again, for any tenant
        other.did(number, null);
    }

    @Test
    void badNumbersAreRefusedNamingTheField() {
        for (String bad : List.of("030 123456", "12345", "+999123456", "+49 30", "abc", "+4930123456;ext=9")) {
            as(acme.admin.token(), acme.tenant)
                    .body(Map.of("number", bad))
                    .post("/api/v1/routing/dids")
                    .then()
                    .statusCode(400)
                    .body("type", equalTo("urn:switchboard:problem:validation-failed"))
                    .body("errors.field", contains("number"));
        }
        as(acme.admin.token(), acme.tenant)
                .body(Map.of("number", Numbers.berlin(), "status", "ported"))
                .post("/api/v1/routing/dids")
                .then()
                .statusCode(400)
                .body("errors.field", contains("status"));
    }

    @Test
    void aNumberIsUniqueAcrossTenantsAndTheRefusalSaysNothingAboutTheOwner() {
        String number = Numbers.berlin();
        String id = other.did(number, route(target("queue", "sales")));
        JsonPath refused = as(acme.admin.token(), acme.tenant)
                .body(Map.of("number", number))
                .post("/api/v1/routing/dids")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:switchboard:problem:already-exists"))
                .body("errors.field", contains("number"))
                .body("errors.message", contains("is taken"))
                .extract()
                .jsonPath();
        assertThat(refused.prettify())
                .doesNotContain(other.tenant)
                .doesNotContain(id)
                .doesNotContain("sales");
        // the owner itself gets the same answer
        as(other.admin.token(), other.tenant)
                .body(Map.of("number", number))
                .post("/api/v1/routing/dids")
                .then()
                .statusCode(409)
                .body("errors.message", contains("is taken"));
        // and another tenant's DID does not exist for acme
        as(acme.admin.token(), acme.tenant)
                .get("/api/v1/routing/dids/" + id)
                .then()
                .statusCode(404);
        as(acme.admin.token(), acme.tenant)
                .queryParam("q", number.substring(1))
                .get("/api/v1/routing/dids")
                .then()
                .body("totalItems", equalTo(0));
    }

    @Test
    void theDidLimitOfTheTenantNamesTheLimitAndTheCount() {
        Scenario small =
                Scenario.bare(users, "did-small", TenantFixtures.ALL_FEATURES, 2, TenantFixtures.defaultSettings());
        small.did(Numbers.berlin(), null);
        small.did(Numbers.newYork(), null);
        as(small.admin.token(), small.tenant)
                .body(Map.of("number", Numbers.berlin()))
                .post("/api/v1/routing/dids")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:switchboard:problem:limit-exceeded"))
                .body("limit", equalTo(2))
                .body("current", equalTo(2))
                .body(
                        "detail",
                        equalTo("Tenant " + small.tenant + " has 2 DIDs and may have 2 (maxDids); delete one"
                                + " or ask a platform administrator to raise the limit"));
        as(small.admin.token(), small.tenant).get("/api/v1/routing/dids").then().body("totalItems", equalTo(2));
    }

    @Test
    void targetsMustExistInTheTenant() {
        String queueOfOther = "only-other";
        Telephony.queue(other.tenant, queueOfOther, 0);
        other.awaitTargets(t -> t.getList("queues.name").contains(queueOfOther));
        as(acme.admin.token(), acme.tenant)
                .body(Map.of(
                        "number",
                        Numbers.berlin(),
                        "route",
                        Map.of(
                                "target", target("endpoint", "9999"),
                                "closedTarget", target("queue", queueOfOther),
                                "fallback", target("ivr", "4a2c2b7e-0000-7000-8000-000000000000"))))
                .post("/api/v1/routing/dids")
                .then()
                .statusCode(400)
                .body(
                        "errors.field",
                        containsInAnyOrder("route.target.target", "route.closedTarget.target", "route.fallback.target"))
                .body("errors.message", hasItem("no extension 9999 in this tenant"))
                .body("errors.message", hasItem("no queue '" + queueOfOther + "' in this tenant"));
        as(acme.admin.token(), acme.tenant)
                .body(Map.of(
                        "number",
                        Numbers.berlin(),
                        "route",
                        route(Map.of("type", "external", "target", "+4930123456", "trunk", "nosuch"))))
                .post("/api/v1/routing/dids")
                .then()
                .statusCode(400)
                .body("errors.field", contains("route.target.trunk"));
        as(acme.admin.token(), acme.tenant)
                .body(Map.of("number", Numbers.berlin(), "route", route(Map.of("type", "fax", "target", "1"))))
                .post("/api/v1/routing/dids")
                .then()
                .statusCode(400)
                .body("errors.field", contains("route.target.type"));
    }

    @Test
    void smsNeedsTheTenantsFeatureAndAUsableUrl() {
        Scenario noSms =
                Scenario.bare(users, "did-nosms", Fixtures.without("sms"), 5, TenantFixtures.defaultSettings());
        as(noSms.admin.token(), noSms.tenant)
                .body(Map.of("number", Numbers.berlin(), "smsEnabled", true))
                .post("/api/v1/routing/dids")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:switchboard:problem:feature-disabled"))
                .body("feature", equalTo("sms"))
                .body("errors.field", contains("smsEnabled"));
        String id = acme.did(Numbers.berlin(), null);
        patchAs(acme.admin.token(), acme.tenant)
                .body(Fixtures.json(Map.of("smsEnabled", true, "smsWebhookUrl", "ftp://example.com/sms")))
                .patch("/api/v1/routing/dids/" + id)
                .then()
                .statusCode(400)
                .body("errors.field", contains("smsWebhookUrl"));
        patchAs(acme.admin.token(), acme.tenant)
                .body(Fixtures.json(Map.of("smsEnabled", true, "smsWebhookUrl", "http://127.0.0.1:9/sms")))
                .patch("/api/v1/routing/dids/" + id)
                .then()
                .statusCode(200)
                .body("smsEnabled", equalTo(true))
                .body("smsWebhookUrl", equalTo("http://127.0.0.1:9/sms"));
    }

    @Test
    void rowLevelSecurityHidesOtherTenantsDidsFromTheServiceRole() throws Exception {
        String number = Numbers.berlin();
        other.did(number, null);
        try (Connection connection = Database.connectAs(Fixtures.ROLE)) {
            connection.setAutoCommit(false);
            try (PreparedStatement set = connection.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                set.setString(1, acme.tenant);
                set.execute();
            }
            try (PreparedStatement select = connection.prepareStatement("select count(*) from did where number = ?")) {
                select.setString(1, number);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isZero();
                }
            }
            try (PreparedStatement taken = connection.prepareStatement("select did_number_taken(?, null)")) {
                taken.setString(1, number);
                try (ResultSet rs = taken.executeQuery()) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).isTrue();
                }
            }
            connection.rollback();
        }
    }
}
