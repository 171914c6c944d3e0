package io.switchboard.routing.support;

import static io.restassured.RestAssured.given;
import static io.switchboard.routing.support.Fixtures.as;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * A tenant of a test with its admin and the targets telephony-service would have announced: extensions 1001 (with
 * voicemail box 1001) and 1002, queues sales (max wait 120 s) and support, voicemail boxes 1001 and 2000, trunk
 * carrier. Creates DIDs and menus through the API and asks for decisions as telephony-service.
 */
public final class Scenario {

    public final String tenant;
    public final TestUser admin;

    private Scenario(String tenant, TestUser admin) {
        this.tenant = tenant;
        this.admin = admin;
    }

    /** A tenant with every feature and the standard targets, ready to route. */
    public static Scenario standard(TestUsers users, String prefix) {
        return standard(users, prefix, TenantFixtures.defaultSettings());
    }

    public static Scenario standard(TestUsers users, String prefix, Map<String, Object> settings) {
        return standard(users, prefix, 20, settings);
    }

    /** A tenant with every feature, the standard targets and room for {@code maxDids} DIDs. */
    public static Scenario standard(TestUsers users, String prefix, int maxDids, Map<String, Object> settings) {
        Scenario scenario = bare(users, prefix, TenantFixtures.ALL_FEATURES, maxDids, settings);
        Telephony.Announced box = Telephony.voicemail(scenario.tenant, "1001");
        Telephony.voicemail(scenario.tenant, "2000");
        Telephony.extension(scenario.tenant, "1001", box.id());
        Telephony.extension(scenario.tenant, "1002", null);
        Telephony.queue(scenario.tenant, "sales", 120);
        Telephony.queue(scenario.tenant, "support", 0);
        Telephony.trunk(scenario.tenant, "carrier");
        scenario.awaitTargets(t -> t.getList("extensions").size() == 2
                && t.getList("queues").size() == 2
                && t.getList("voicemailBoxes").size() == 2
                && t.getList("trunks").size() == 1);
        return scenario;
    }

    /**
     * A tenant whose extensions 1001 and 1002, queue sales, voicemail box 2000 and trunk carrier are created through
     * the API of the telephony-service at {@code telephonyUrl}, once this service has learned them from its events.
     */
    public static Scenario withTelephony(TestUsers users, String prefix, String telephonyUrl) {
        return withTelephony(users, prefix, telephonyUrl, 10);
    }

    /** As {@link #withTelephony(TestUsers, String, String)}, with this many concurrent calls. */
    public static Scenario withTelephony(TestUsers users, String prefix, String telephonyUrl, int maxConcurrentCalls) {
        String id = Fixtures.tenant(
                prefix, TenantFixtures.ALL_FEATURES, 20, maxConcurrentCalls, TenantFixtures.defaultSettings());
        Scenario scenario = new Scenario(id, users.member(id, "tenant_admin"));
        TenantFixtures.awaitInDirectory("telephony_service", scenario.tenant, "active");
        scenario.telephony(telephonyUrl, "/api/v1/voicemail-boxes", Map.of("mailbox", "2000", "fullName", "Main"));
        scenario.telephony(telephonyUrl, "/api/v1/extensions", Map.of("number", "1001"));
        scenario.telephony(telephonyUrl, "/api/v1/extensions", Map.of("number", "1002"));
        scenario.telephony(telephonyUrl, "/api/v1/queues", Map.of("name", "sales"));
        scenario.telephony(
                telephonyUrl,
                "/api/v1/trunks",
                Map.of("name", "carrier", "host", "sip.carrier.example", "username", "acct", "password", "s3cret-pw"));
        scenario.awaitTargets(t -> t.getList("extensions").size() == 2
                && t.getList("queues").size() == 1
                && t.getList("voicemailBoxes").size() == 1
                && t.getList("trunks").size() == 1);
        return scenario;
    }

    private void telephony(String telephonyUrl, String path, Map<String, Object> body) {
        given().baseUri(telephonyUrl)
                .auth()
                .oauth2(admin.token())
                .header("X-Tenant-ID", tenant)
                .contentType(ContentType.JSON)
                .body(body)
                .post(path)
                .then()
                .statusCode(201);
    }

    /** A tenant without targets. */
    public static Scenario bare(
            TestUsers users, String prefix, Map<String, Boolean> features, int maxDids, Map<String, Object> settings) {
        String tenant = Fixtures.tenant(prefix, features, maxDids, settings);
        return new Scenario(tenant, users.member(tenant, "tenant_admin"));
    }

    /** Waits until the routing table's targets of the tenant satisfy {@code condition}. */
    public void awaitTargets(java.util.function.Predicate<JsonPath> condition) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> condition.test(as(admin.token(), tenant)
                        .get("/api/v1/routing/targets")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()));
    }

    /** Creates a DID with this route (null for none) and returns its id. */
    public String did(String number, Map<String, Object> route) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number", number);
        if (route != null) {
            body.put("route", route);
        }
        return as(admin.token(), tenant)
                .body(body)
                .post("/api/v1/routing/dids")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Creates a menu and returns its id. */
    public String menu(String name, Map<String, Object> options, Map<String, Object> onFailure) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("greeting", List.of("sound:welcome"));
        body.put("options", options);
        if (onFailure != null) {
            body.put("onFailure", onFailure);
        }
        return as(admin.token(), tenant)
                .body(body)
                .post("/api/v1/routing/ivr-menus")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** The decision for an inbound call to {@code called} at {@code time} (now when null). */
    public JsonPath decide(String called, OffsetDateTime time) {
        return decide(tenant, "inbound", "+4930111222", called, time);
    }

    /** The decision as telephony-service asks it; a 200 is expected. */
    public static JsonPath decide(String tenant, String direction, String caller, String called, OffsetDateTime time) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("tenantId", tenant);
        request.put("callId", UUID.randomUUID().toString());
        request.put("direction", direction);
        request.put("caller", caller);
        request.put("called", called);
        request.put("sourceEndpoint", tenant + "_trunk-carrier");
        if (time != null) {
            request.put("time", time.toString());
        }
        return given().auth()
                .oauth2(Fixtures.serviceToken())
                .contentType(ContentType.JSON)
                .body(request)
                .post("/api/v1/routing/decisions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** A route target as JSON: {@code target("queue", "sales")}. */
    public static Map<String, Object> target(String type, String target) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("type", type);
        if (target != null) {
            t.put("target", target);
        }
        return t;
    }

    /** The same target with a next one. */
    public static Map<String, Object> then(Map<String, Object> target, Map<String, Object> next) {
        Map<String, Object> t = new LinkedHashMap<>(target);
        t.put("next", next);
        return t;
    }

    /** A DID route of one target. */
    public static Map<String, Object> route(Map<String, Object> target) {
        return Map.of("target", target);
    }
}
