package io.switchboard.routing.decision;

import static io.switchboard.routing.support.Fixtures.as;
import static io.switchboard.routing.support.Fixtures.patchAs;
import static io.switchboard.routing.support.Scenario.route;
import static io.switchboard.routing.support.Scenario.target;
import static io.switchboard.routing.support.Scenario.then;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.routing.support.Fixtures;
import io.switchboard.routing.support.Numbers;
import io.switchboard.routing.support.Scenario;
import io.switchboard.routing.support.Telephony;
import io.switchboard.testing.Database;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The decision API as telephony-service asks it: every target type, opening hours of a schedule and of the tenant at
 * the call's time, overflow chains, menus, internal calls, and numbers that lead nowhere.
 */
@QuarkusTest
class DecisionApiTest {

    private static final TestUsers users = new TestUsers();
    private static Scenario acme;
    private static Scenario other;

    @BeforeEach
    void setUp() {
        if (acme == null) {
            acme = Scenario.standard(users, "dec");
            other = Scenario.standard(users, "dec-other");
        }
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    private static OffsetDateTime at(String instant) {
        return OffsetDateTime.parse(instant);
    }

    @Test
    void eachTargetTypeBecomesTheActionTelephonyServiceExecutes() {
        String t = acme.tenant;
        String endpoint = Numbers.berlin();
        acme.did(endpoint, route(target("endpoint", "1001")));
        JsonPath decision = acme.decide(endpoint, null);
        assertThat(decision.getString("rule")).isEqualTo("did:" + endpoint + "/always");
        assertThat(decision.getString("decisionId")).isNotBlank();
        assertThat(decision.getMap("action"))
                .isEqualTo(Map.of(
                        "type",
                        "endpoint",
                        "endpointId",
                        t + "_1001",
                        "ringTimeoutSeconds",
                        25,
                        "onNoAnswer",
                        Map.of("type", "voicemail", "mailbox", "1001@" + t)));

        String queue = Numbers.berlin();
        acme.did(queue, route(target("queue", "sales")));
        assertThat(acme.decide(queue, null).getMap("action"))
                .isEqualTo(mapOf("type", "queue", "queueName", "sales", "maxWaitSeconds", 120, "onOverflow", null));

        String external = Numbers.berlin();
        Map<String, Object> out = new LinkedHashMap<>(target("external", "+1 212 555 0142"));
        out.put("trunk", "carrier");
        out.put("ringTimeoutSeconds", 40);
        acme.did(external, route(out));
        assertThat(acme.decide(external, null).getMap("action"))
                .isEqualTo(mapOf(
                        "type",
                        "external",
                        "number",
                        "+12125550142",
                        "trunkEndpointId",
                        t + "_trunk-carrier",
                        "ringTimeoutSeconds",
                        40,
                        "onNoAnswer",
                        null));

        String voicemail = Numbers.berlin();
        acme.did(voicemail, route(target("voicemail", "2000")));
        assertThat(acme.decide(voicemail, null).getMap("action"))
                .isEqualTo(Map.of("type", "voicemail", "mailbox", "2000@" + t));

        String hangup = Numbers.berlin();
        acme.did(hangup, route(Map.of("type", "hangup", "cause", 17, "announcement", "sound:all-circuits-busy-now")));
        assertThat(acme.decide(hangup, null).getMap("action"))
                .isEqualTo(Map.of("type", "hangup", "cause", 17, "announcement", "sound:all-circuits-busy-now"));
    }

    @Test
    void aScheduleDecidesOpenAndClosedHoursAtTheCallsTimeAcrossDaylightSaving() {
        List<Map<String, String>> day =
                List.of(Map.of("start", "08:00", "end", "12:00"), Map.of("start", "13:00", "end", "18:00"));
        Map<String, Object> weekly = new LinkedHashMap<>();
        for (String weekday : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
            weekly.put(weekday, day);
        }
        String schedule = as(acme.admin.token(), acme.tenant)
                .body(Map.of(
                        "name",
                        "Berlin office " + UUID.randomUUID(),
                        "timezone",
                        "Europe/Berlin",
                        "weekly",
                        weekly,
                        "holidays",
                        List.of(Map.of("date", "2026-04-03", "name", "Good Friday")),
                        "closures",
                        List.of(Map.of("from", "2026-03-31T15:00:00", "to", "2026-04-01T10:00:00", "name", "Move"))))
                .post("/api/v1/routing/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String number = Numbers.berlin();
        acme.did(
                number,
                Map.of(
                        "target", target("queue", "sales"),
                        "closedTarget", target("voicemail", "2000"),
                        "scheduleId", schedule));
        String open = "did:" + number + "/open-hours";
        String closed = "did:" + number + "/closed-hours";
        // Friday 27 March 2026, CET (UTC+1)
        assertThat(acme.decide(number, at("2026-03-27T06:59:59Z")).getString("rule"))
                .isEqualTo(closed);
        assertThat(acme.decide(number, at("2026-03-27T07:00:00Z")).getString("rule"))
                .isEqualTo(open);
        assertThat(acme.decide(number, at("2026-03-27T11:30:00Z")).getString("rule"))
                .as("lunch")
                .isEqualTo(closed);
        assertThat(acme.decide(number, at("2026-03-27T16:59:59Z")).getString("rule"))
                .isEqualTo(open);
        assertThat(acme.decide(number, at("2026-03-27T17:00:00Z")).getString("rule"))
                .isEqualTo(closed);
        // Monday 30 March 2026, the day after the change to CEST (UTC+2): 08:00 is 06:00 UTC
        assertThat(acme.decide(number, at("2026-03-30T06:00:00+00:00")).getString("rule"))
                .isEqualTo(open);
        assertThat(acme.decide(number, at("2026-03-30T07:59:00+01:00")).getString("rule"))
                .as("the same instant written with another offset")
                .isEqualTo(open);
        assertThat(acme.decide(number, at("2026-03-30T16:00:00Z")).getString("rule"))
                .isEqualTo(closed);
        // the closure and the holiday
        assertThat(acme.decide(number, at("2026-03-31T14:00:00Z")).getString("rule"))
                .isEqualTo(closed);
        assertThat(acme.decide(number, at("2026-04-01T08:30:00Z")).getString("rule"))
                .isEqualTo(open);
        assertThat(acme.decide(number, at("2026-04-03T08:30:00Z")).getString("rule"))
                .isEqualTo(closed);
        JsonPath closedDecision = acme.decide(number, at("2026-04-04T10:00:00Z"));
        assertThat(closedDecision.getMap("action"))
                .isEqualTo(Map.of("type", "voicemail", "mailbox", "2000@" + acme.tenant));
        as(acme.admin.token(), acme.tenant)
                .delete("/api/v1/routing/schedules/" + schedule)
                .then()
                .statusCode(409)
                .body("detail", startsWith("Schedule 'Berlin office"));
    }

    @Test
    void withoutAScheduleTheTenantsBusinessHoursDecide() {
        Map<String, Object> weekly = new LinkedHashMap<>();
        for (String weekday : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
            weekly.put(
                    weekday, weekday.equals("sunday") ? List.of() : List.of(Map.of("start", "09:00", "end", "17:00")));
        }
        Map<String, Object> settings = Map.of(
                "timezone",
                "America/New_York",
                "locale",
                "en-US",
                "businessHours",
                Map.of("weekly", weekly, "holidays", List.of(Map.of("date", "2026-03-10", "name", "Off"))),
                "branding",
                Map.of());
        Scenario newYork = Scenario.standard(users, "dec-ny", settings);
        String number = Numbers.newYork();
        newYork.did(number, Map.of("target", target("queue", "sales"), "closedTarget", target("voicemail", "2000")));
        String open = "did:" + number + "/open-hours";
        String closed = "did:" + number + "/closed-hours";
        // Saturday 7 March 2026, EST (UTC-5): 09:00 is 14:00 UTC
        assertThat(newYork.decide(number, at("2026-03-07T13:59:59Z")).getString("rule"))
                .isEqualTo(closed);
        assertThat(newYork.decide(number, at("2026-03-07T14:00:00Z")).getString("rule"))
                .isEqualTo(open);
        // Sunday 8 March: closed all day, the day daylight-saving time starts
        assertThat(newYork.decide(number, at("2026-03-08T15:00:00Z")).getString("rule"))
                .isEqualTo(closed);
        // Monday 9 March 2026, EDT (UTC-4): 09:00 is 13:00 UTC, 17:00 is 21:00 UTC
        assertThat(newYork.decide(number, at("2026-03-09T12:59:59Z")).getString("rule"))
                .isEqualTo(closed);
        assertThat(newYork.decide(number, at("2026-03-09T13:00:00Z")).getString("rule"))
                .isEqualTo(open);
        assertThat(newYork.decide(number, at("2026-03-09T20:59:59Z")).getString("rule"))
                .isEqualTo(open);
        assertThat(newYork.decide(number, at("2026-03-09T21:00:00Z")).getString("rule"))
                .isEqualTo(closed);
        // the tenant's holiday
        assertThat(newYork.decide(number, at("2026-03-10T15:00:00Z")).getString("rule"))
                .isEqualTo(closed);
    }

    @Test
    void overflowChainsComeNestedAndAreCheckedWhenSaved() {
        String number = Numbers.berlin();
        Map<String, Object> endpoint = new LinkedHashMap<>(target("endpoint", "1002"));
        endpoint.put("ringTimeoutSeconds", 15);
        acme.did(number, route(then(target("queue", "sales"), then(endpoint, target("voicemail", "2000")))));
        assertThat(acme.decide(number, null).getMap("action"))
                .isEqualTo(mapOf(
                        "type",
                        "queue",
                        "queueName",
                        "sales",
                        "maxWaitSeconds",
                        120,
                        "onOverflow",
                        mapOf(
                                "type",
                                "endpoint",
                                "endpointId",
                                acme.tenant + "_1002",
                                "ringTimeoutSeconds",
                                15,
                                "onNoAnswer",
                                Map.of("type", "voicemail", "mailbox", "2000@" + acme.tenant))));

        Map<String, Object> deep = target("voicemail", "2000");
        for (int i = 0; i < 4; i++) {
            deep = then(target("queue", "support"), then(target("endpoint", i % 2 == 0 ? "1001" : "1002"), deep));
        }
        as(acme.admin.token(), acme.tenant)
                .body(Map.of("number", Numbers.berlin(), "route", route(then(target("queue", "sales"), deep))))
                .post("/api/v1/routing/dids")
                .then()
                .statusCode(400)
                .body("errors.message[0]", startsWith("leads back to queue support, a loop"));
        Map<String, Object> nine = target("voicemail", "2000");
        for (String extension : List.of("1001", "1002", "1001", "1002")) {
            nine = then(target("endpoint", extension), nine);
        }
        as(acme.admin.token(), acme.tenant)
                .body(Map.of("number", Numbers.berlin(), "route", route(nine)))
                .post("/api/v1/routing/dids")
                .then()
                .statusCode(400)
                .body(
                        "errors.message[0]",
                        equalTo(
                                "leads back to endpoint 1002, a loop: endpoint 1002 -> endpoint 1001 -> endpoint 1002"));
        Map<String, Object> long9 = target("voicemail", "2000");
        for (int i = 0; i < 8; i++) {
            Map<String, Object> step = new LinkedHashMap<>(target("external", "+4930" + (1234560 + i)));
            step.put("trunk", "carrier");
            long9 = then(step, long9);
        }
        as(acme.admin.token(), acme.tenant)
                .body(Map.of("number", Numbers.berlin(), "route", route(long9)))
                .post("/api/v1/routing/dids")
                .then()
                .statusCode(400)
                .body("errors.field", contains("route.target.next.next.next.next.next.next.next.next"))
                .body("errors.message[0]", startsWith("routes through more than 8 targets"));
    }

    @Test
    void menusComeExpandedAndMenuLoopsAreRefused() {
        String sub = acme.menu("Sub " + UUID.randomUUID(), Map.of("1", target("voicemail", "1001")), null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Main " + UUID.randomUUID());
        String recording = "recording:" + acme.tenant + "-" + UUID.randomUUID();
        body.put("greeting", List.of("sound:welcome", recording));
        body.put(
                "options",
                Map.of("1", target("queue", "sales"), "2", target("ivr", sub), "#", target("endpoint", "1002")));
        body.put("timeoutSeconds", 7);
        body.put("maxRetries", 1);
        body.put("onFailure", target("voicemail", "2000"));
        body.put("directDial", true);
        String main = as(acme.admin.token(), acme.tenant)
                .body(body)
                .post("/api/v1/routing/ivr-menus")
                .then()
                .statusCode(201)
                .body("invalidPrompt", contains("sound:option-is-invalid"))
                .extract()
                .path("id");
        String number = Numbers.berlin();
        acme.did(number, route(target("ivr", main)));
        JsonPath decision = acme.decide(number, null);
        assertThat(decision.getString("action.type")).isEqualTo("ivr");
        assertThat(decision.getString("action.menuId")).isEqualTo(main);
        assertThat(decision.getList("action.greeting")).containsExactly("sound:welcome", recording);
        assertThat(decision.getInt("action.timeoutSeconds")).isEqualTo(7);
        assertThat(decision.getInt("action.maxRetries")).isEqualTo(1);
        assertThat(decision.getBoolean("action.directDial")).isTrue();
        assertThat(decision.getMap("action.options")).containsOnlyKeys("1", "2", "#");
        assertThat(decision.getString("action.options.'2'.type")).isEqualTo("ivr");
        assertThat(decision.getMap("action.options.'2'.options.'1'"))
                .isEqualTo(Map.of("type", "voicemail", "mailbox", "1001@" + acme.tenant));
        assertThat(decision.getMap("action.onFailure"))
                .isEqualTo(Map.of("type", "voicemail", "mailbox", "2000@" + acme.tenant));

        patchAs(acme.admin.token(), acme.tenant)
                .body(Fixtures.json(Map.of("options", Map.of("9", target("ivr", main)))))
                .patch("/api/v1/routing/ivr-menus/" + sub)
                .then()
                .statusCode(400)
                .body("errors.field", contains("options.9"))
                .body("errors.message[0]", startsWith("leads back to menu 'Sub"));
        as(acme.admin.token(), acme.tenant)
                .delete("/api/v1/routing/ivr-menus/" + sub)
                .then()
                .statusCode(409)
                .body("detail", startsWith("Menu 'Sub"));
        Scenario noIvr =
                Scenario.bare(users, "dec-noivr", Fixtures.without("ivr"), 5, TenantFixtures.defaultSettings());
        as(noIvr.admin.token(), noIvr.tenant)
                .body(Map.of("name", "Main", "greeting", List.of("sound:welcome")))
                .post("/api/v1/routing/ivr-menus")
                .then()
                .statusCode(403)
                .body("feature", equalTo("ivr"));
    }

    @Test
    void numbersThatLeadNowhereHangUpWithCause1AndNeverRouteIntoAnotherTenant() {
        String unknown = Numbers.berlin();
        JsonPath decision = acme.decide(unknown, null);
        assertThat(decision.getString("rule")).isEqualTo("did:" + unknown + "/unknown");
        assertThat(decision.getMap("action")).isEqualTo(mapOf("type", "hangup", "cause", 1, "announcement", null));

        String others = Numbers.berlin();
        other.did(others, route(target("queue", "sales")));
        assertThat(Scenario.decide(other.tenant, "inbound", "+4930111", others, null)
                        .getString("action.queueName"))
                .isEqualTo("sales");
        JsonPath foreign = Scenario.decide(acme.tenant, "inbound", "+4930111", others, null);
        assertThat(foreign.getString("rule")).isEqualTo("did:" + others + "/unknown");
        assertThat(foreign.getInt("action.cause")).isEqualTo(1);

        String inactive = Numbers.berlin();
        String id = acme.did(inactive, route(target("queue", "sales")));
        patchAs(acme.admin.token(), acme.tenant)
                .body("{\"status\": \"pending\"}")
                .patch("/api/v1/routing/dids/" + id)
                .then()
                .statusCode(200);
        assertThat(acme.decide(inactive, null).getString("rule")).isEqualTo("did:" + inactive + "/pending");
        String routeless = Numbers.berlin();
        acme.did(routeless, null);
        JsonPath noRoute = acme.decide(routeless, null);
        assertThat(noRoute.getString("rule")).isEqualTo("did:" + routeless + "/no-route");
        assertThat(noRoute.getInt("action.cause")).isEqualTo(1);
        // the called number as the carrier sent it, with spaces
        String spaced = routeless.substring(0, 3) + " " + routeless.substring(3);
        assertThat(acme.decide(spaced, null).getString("rule")).isEqualTo("did:" + routeless + "/no-route");
    }

    @Test
    void aTargetTelephonyServiceDeletesIsSkippedForTheNextOneOrTheFallback() {
        Scenario scenario = Scenario.standard(users, "dec-gone");
        Telephony.Announced temp = Telephony.extension(scenario.tenant, "1003", null);
        scenario.awaitTargets(t -> t.getList("extensions.number").contains("1003"));
        String number = Numbers.berlin();
        scenario.did(
                number,
                Map.of(
                        "target", then(target("endpoint", "1003"), target("queue", "support")),
                        "fallback", target("voicemail", "2000")));
        String onlyFallback = Numbers.berlin();
        scenario.did(
                onlyFallback, Map.of("target", target("endpoint", "1003"), "fallback", target("voicemail", "2000")));
        assertThat(scenario.decide(number, null).getString("action.endpointId")).isEqualTo(scenario.tenant + "_1003");

        String deletedEvent = UUID.randomUUID().toString();
        Telephony.send(EventTypes.TELEPHONY_EXTENSION_DELETED, scenario.tenant, temp.view(), deletedEvent);
        scenario.awaitTargets(t -> !t.getList("extensions.number").contains("1003"));
        assertThat(scenario.decide(number, null).getMap("action"))
                .isEqualTo(mapOf("type", "queue", "queueName", "support", "maxWaitSeconds", 0, "onOverflow", null));
        JsonPath fallback = scenario.decide(onlyFallback, null);
        assertThat(fallback.getString("rule")).isEqualTo("did:" + onlyFallback + "/always/unavailable");
        assertThat(fallback.getString("action.mailbox")).isEqualTo("2000@" + scenario.tenant);

        // a redelivered creation does not bring the extension back: each event has one effect
        Telephony.send(EventTypes.TELEPHONY_EXTENSION_CREATED, scenario.tenant, temp.view(), deletedEvent);
        Telephony.Announced marker = Telephony.extension(scenario.tenant, "1004", null);
        scenario.awaitTargets(t -> t.getList("extensions.number").contains("1004"));
        assertThat(marker.id()).isNotNull();
        scenario.awaitTargets(t -> !t.getList("extensions.number").contains("1003"));
    }

    @Test
    void internalCallsRouteByTheNumberDialled() {
        JsonPath extension = Scenario.decide(acme.tenant, "internal", "1001", "1002", null);
        assertThat(extension.getString("rule")).isEqualTo("extension:1002");
        assertThat(extension.getMap("action"))
                .isEqualTo(mapOf(
                        "type",
                        "endpoint",
                        "endpointId",
                        acme.tenant + "_1002",
                        "ringTimeoutSeconds",
                        25,
                        "onNoAnswer",
                        null));
        assertThat(Scenario.decide(acme.tenant, "internal", "1002", "1001", null)
                        .getString("action.onNoAnswer.mailbox"))
                .isEqualTo("1001@" + acme.tenant);
        JsonPath queue = Scenario.decide(acme.tenant, "internal", "1001", "sales", null);
        assertThat(queue.getString("rule")).isEqualTo("queue:sales");
        assertThat(queue.getString("action.queueName")).isEqualTo("sales");
        String number = Numbers.berlin();
        acme.did(number, route(target("voicemail", "2000")));
        assertThat(Scenario.decide(acme.tenant, "internal", "1001", number, null)
                        .getString("rule"))
                .isEqualTo("did:" + number + "/always");
        JsonPath nowhere = Scenario.decide(acme.tenant, "internal", "1001", "0000", null);
        assertThat(nowhere.getString("rule")).isEqualTo("unallocated:0000");
        assertThat(nowhere.getMap("action"))
                .isEqualTo(Map.of("type", "hangup", "cause", 1, "announcement", "sound:ss-noservice"));
    }

    @Test
    void aBadRequestNamesTheField() {
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(Fixtures.serviceToken())
                .contentType("application/json")
                .body(Map.of("tenantId", "Not A Tenant", "direction", "outbound", "called", ""))
                .post("/api/v1/routing/decisions")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:switchboard:problem:validation-failed"))
                .body(
                        "errors.field",
                        org.hamcrest.Matchers.containsInAnyOrder("tenantId", "callId", "direction", "called"));
    }

    @Test
    void onlyServiceAccountsMayAskForDecisions() {
        Map<String, Object> request = Map.of(
                "tenantId",
                acme.tenant,
                "callId",
                UUID.randomUUID().toString(),
                "direction",
                "inbound",
                "called",
                Numbers.berlin());
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .body(request)
                .post("/api/v1/routing/decisions")
                .then()
                .statusCode(401);
        as(acme.admin.token(), acme.tenant)
                .body(request)
                .post("/api/v1/routing/decisions")
                .then()
                .statusCode(403);
    }

    @Test
    void aChangeWrittenByAnotherInstanceReachesThisOneThroughTheDatabase() throws Exception {
        String number = Numbers.berlin();
        UUID id = UUID.randomUUID();
        // as another replica would: a committed row, announced by the table's trigger (NOTIFY)
        try (Connection connection = Database.connectAs(Fixtures.ROLE)) {
            connection.setAutoCommit(false);
            try (PreparedStatement set = connection.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                set.setString(1, acme.tenant);
                set.execute();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into did (id, tenant_id, number, status, route, route_type, created_at, updated_at)"
                            + " values (?, ?, ?, 'active', ?::jsonb, 'voicemail', now(), now())")) {
                insert.setObject(1, id);
                insert.setString(2, acme.tenant);
                insert.setString(3, number);
                insert.setString(4, "{\"target\": {\"type\": \"voicemail\", \"target\": \"2000\"}}");
                insert.executeUpdate();
            }
            connection.commit();
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> acme.decide(number, null).getString("rule").equals("did:" + number + "/always"));
        assertThat(acme.decide(number, null).getString("action.mailbox")).isEqualTo("2000@" + acme.tenant);
    }

    /** A map that may hold nulls, in order. */
    static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
