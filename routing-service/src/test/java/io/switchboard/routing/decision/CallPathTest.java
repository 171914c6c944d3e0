package io.switchboard.routing.decision;

import static io.switchboard.routing.support.Fixtures.as;
import static io.switchboard.routing.support.Scenario.route;
import static io.switchboard.routing.support.Scenario.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.routing.support.Numbers;
import io.switchboard.routing.support.Scenario;
import io.switchboard.routing.support.TelephonyService;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.ari.AriSimulator;
import io.switchboard.testing.ari.EndpointBehaviour;
import io.switchboard.testing.ari.InboundCall;
import io.switchboard.testing.ari.SimCall;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole call path: a call arrives at the ARI simulator on a tenant's trunk, the real telephony-service asks this
 * routing-service with its service account and executes the decision. Each target type of a DID, in and out of
 * opening hours, a menu option chosen by key, a webhook's decision, and a DID of tenant B called on tenant A's trunk,
 * which never reaches B's phones. The targets are created through telephony-service's API and learned here from its
 * events.
 */
@QuarkusTest
// Global: every @QuarkusTest of this module runs against the one application start, with telephony-service beside it
// (a second start with another HTTP test port in the same JVM hangs on the metrics of the HTTP server).
@WithTestResource(value = TelephonyService.class, scope = TestResourceScope.GLOBAL)
class CallPathTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TestUsers users = new TestUsers();
    private static Scenario a;
    private static Scenario b;
    private static HttpServer webhook;

    @BeforeEach
    void setUp() throws IOException {
        sim().awaitApplication("switchboard", WAIT);
        if (a != null) {
            return;
        }
        a = Scenario.withTelephony(users, "path-a", TelephonyService.url);
        b = Scenario.withTelephony(users, "path-b", TelephonyService.url);
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/decide", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"action\":\"route\",\"target\":\"1002\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        webhook.start();
    }

    @AfterAll
    static void cleanup() {
        if (webhook != null) {
            webhook.stop(0);
        }
        users.close();
    }

    private static AriSimulator sim() {
        return TelephonyService.simulator;
    }

    private static SimCall call(Scenario trunkOf, String did) {
        String tenant = trunkOf.tenant;
        return sim().inboundCall(InboundCall.fromTrunk(
                tenant, "carrier", "+4930555" + (100 + (int) (Math.random() * 800)), did));
    }

    /** A schedule open all week, or closed today (a holiday from yesterday to tomorrow, in UTC). */
    private static String schedule(Scenario scenario, boolean open) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", (open ? "Open " : "Closed ") + UUID.randomUUID());
        body.put("timezone", "UTC");
        if (!open) {
            body.put(
                    "holidays",
                    List.of(
                            Map.of("date", today.minusDays(1).toString()),
                            Map.of("date", today.toString()),
                            Map.of("date", today.plusDays(1).toString())));
        }
        return as(scenario.admin.token(), scenario.tenant)
                .body(body)
                .post("/api/v1/routing/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void aDidsQueueInOpenHoursAndItsVoicemailOutsideThem() {
        Map<String, Object> open = new LinkedHashMap<>();
        open.put("target", target("queue", "sales"));
        open.put("closedTarget", target("voicemail", "2000"));
        open.put("scheduleId", schedule(a, true));
        String openDid = Numbers.berlin();
        a.did(openDid, open);
        Map<String, Object> closed = new LinkedHashMap<>(open);
        closed.put("scheduleId", schedule(a, false));
        String closedDid = Numbers.berlin();
        a.did(closedDid, closed);

        SimCall inHours = call(a, openDid);
        inHours.awaitContinuedTo("switchboard-queue", a.tenant + "_sales", WAIT);
        inHours.hangup();

        SimCall outOfHours = call(a, closedDid);
        outOfHours.awaitContinuedTo("switchboard-voicemail", "s", WAIT);
        assertThat(outOfHours.variables()).containsEntry("SB_MAILBOX", "2000@" + a.tenant);
        outOfHours.hangup();
    }

    @Test
    void anExtensionAnExternalNumberThroughTheTrunkAndAVoicemailBox() {
        String extension = Numbers.berlin();
        a.did(extension, route(target("endpoint", "1001")));
        String external = Numbers.berlin();
        Map<String, Object> out = new LinkedHashMap<>(target("external", "+12125550142"));
        out.put("trunk", "carrier");
        a.did(external, route(out));
        String voicemail = Numbers.berlin();
        a.did(voicemail, route(target("voicemail", "2000")));

        sim().endpoints().set("PJSIP/" + a.tenant + "_1001", EndpointBehaviour.answerAfter(Duration.ofMillis(20)));
        SimCall toExtension = call(a, extension);
        toExtension.awaitBridgedWith("PJSIP/" + a.tenant + "_1001", WAIT);
        toExtension.hangup();

        String dial = "PJSIP/+12125550142@" + a.tenant + "_trunk-carrier";
        sim().endpoints().set(dial, EndpointBehaviour.answerAfter(Duration.ofMillis(20)));
        SimCall toExternal = call(a, external);
        toExternal.awaitBridgedWith(dial, WAIT);
        toExternal.hangup();

        SimCall toVoicemail = call(a, voicemail);
        toVoicemail.awaitContinuedTo("switchboard-voicemail", "s", WAIT);
        assertThat(toVoicemail.variables()).containsEntry("SB_MAILBOX", "2000@" + a.tenant);
        toVoicemail.hangup();
    }

    @Test
    void aMenuOptionChosenByKeyAndAWebhooksDecision() {
        String menu = a.menu(
                "Main " + UUID.randomUUID(),
                Map.of("1", target("queue", "sales"), "2", target("endpoint", "1002")),
                target("voicemail", "2000"));
        String ivr = Numbers.berlin();
        a.did(ivr, route(target("ivr", menu)));
        String decidedByWebhook = Numbers.berlin();
        a.did(
                decidedByWebhook,
                Map.of(
                        "target",
                        target(
                                "webhook",
                                "http://127.0.0.1:" + webhook.getAddress().getPort() + "/decide"),
                        "fallback",
                        target("voicemail", "2000")));

        sim().endpoints().set("PJSIP/" + a.tenant + "_1002", EndpointBehaviour.answerAfter(Duration.ofMillis(20)));
        SimCall toMenu = call(a, ivr);
        toMenu.awaitAnswered(WAIT);
        toMenu.awaitPlayed("sound:welcome"::equals, WAIT);
        toMenu.pressDigits("2");
        toMenu.awaitBridgedWith("PJSIP/" + a.tenant + "_1002", WAIT);
        toMenu.hangup();

        SimCall toWebhook = call(a, decidedByWebhook);
        toWebhook.awaitBridgedWith("PJSIP/" + a.tenant + "_1002", WAIT);
        toWebhook.hangup();
    }

    @Test
    void tenantBsDidCalledOnTenantAsTrunkNeverReachesTenantB() {
        String bs = Numbers.berlin();
        b.did(bs, route(target("endpoint", "1001")));
        sim().endpoints().set("PJSIP/" + b.tenant + "_1001", EndpointBehaviour.answerAfter(Duration.ofMillis(20)));

        SimCall wrongTrunk = call(a, bs);
        assertThat(wrongTrunk.awaitHangup(WAIT).cause()).isEqualTo(1);
        assertThat(sim().requests())
                .as("no channel was created towards tenant B")
                .noneMatch(r -> r.path().contains(b.tenant)
                        || r.query().toString().contains(b.tenant)
                        || (r.body() != null && r.body().contains(b.tenant)));

        SimCall ownTrunk = call(b, bs);
        ownTrunk.awaitBridgedWith("PJSIP/" + b.tenant + "_1001", WAIT);
        ownTrunk.hangup();
    }
}
