package io.switchboard.telephony.calls;

import static io.switchboard.telephony.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.telephony.Fixtures;
import io.switchboard.telephony.routing.RoutingDecision;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.Database;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.EventCapture.Captured;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import io.switchboard.testing.ari.AriSimulator;
import io.switchboard.testing.ari.DialplanLocation;
import io.switchboard.testing.ari.EndpointBehaviour;
import io.switchboard.testing.ari.Hangup;
import io.switchboard.testing.ari.InboundCall;
import io.switchboard.testing.ari.SimCall;
import io.switchboard.testing.ari.SimChannel;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calls end to end through the ARI simulator, which speaks Asterisk 22's ARI to the service's ari4java client: each
 * routing action, IVR digits, no answer to voicemail, the concurrent-call limit, ARI dropping mid-call, and tenant
 * isolation of calls and their records.
 */
@QuarkusTest
@QuarkusTestResource(AriSimulatorResource.class)
class CallFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TestUsers users = new TestUsers();
    private static String tenant;
    private static TestUser admin;

    @Inject
    ScriptedRouting routing;

    @BeforeEach
    void setUp() {
        sim().awaitApplication("switchboard", WAIT);
        if (tenant != null) {
            return;
        }
        tenant = Fixtures.tenant("calls", 10);
        admin = users.member(tenant, "tenant_admin");
        for (String number : List.of("1001", "1002", "1003", "1004")) {
            as(admin.token(), tenant)
                    .body(Map.of("number", number))
                    .post("/api/v1/extensions")
                    .then()
                    .statusCode(201);
        }
        String box = as(admin.token(), tenant)
                .body(Map.of("mailbox", "1003"))
                .post("/api/v1/voicemail-boxes")
                .then()
                .statusCode(201)
                .extract()
                .path("voicemailBox.id");
        String ext1003 = as(admin.token(), tenant)
                .queryParam("q", "1003")
                .get("/api/v1/extensions")
                .then()
                .extract()
                .path("items[0].id");
        as(admin.token(), tenant)
                .contentType("application/merge-patch+json")
                .body(Fixtures.json(Map.of("voicemailBoxId", box)))
                .patch("/api/v1/extensions/" + ext1003)
                .then()
                .statusCode(200);
        as(admin.token(), tenant)
                .body(Map.of("name", "sales"))
                .post("/api/v1/queues")
                .then()
                .statusCode(201);
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    static AriSimulator sim() {
        return AriSimulatorResource.simulator;
    }

    @Test
    void anInternalCallRingsTheExtensionBridgesAndLeavesARecord() {
        sim().endpoints().set("PJSIP/" + tenant + "_1002", EndpointBehaviour.answerAfter(Duration.ofMillis(50)));
        try (EventCapture events = EventCapture.open(Topics.TELEPHONY_EVENTS)) {
            SimCall call = internal("1001", "1002");
            SimChannel agent = call.awaitBridgedWith("PJSIP/" + tenant + "_1002", WAIT);
            assertThat(call.isUp()).isTrue();
            assertThat(agent.stasisArgs()).containsExactly("dialed", call.channelId());
            awaitRecord(call.channelId(), "answered");

            call.hangup();
            Hangup agentHangup = agent.awaitHangup(WAIT);
            assertThat(agentHangup.by()).isEqualTo(Hangup.By.APPLICATION);
            Map<String, Object> record = awaitRecord(call.channelId(), "ended");
            assertThat(record)
                    .containsEntry("direction", "internal")
                    .containsEntry("disposition", "answered")
                    .containsEntry("answered_by", tenant + "_1002")
                    .containsEntry("route_action", "endpoint")
                    .containsEntry("caller_number", "1001");

            List<String> types = List.of(
                    EventTypes.TELEPHONY_CALL_STARTED,
                    EventTypes.TELEPHONY_CALL_ANSWERED,
                    EventTypes.TELEPHONY_CALL_ENDED,
                    EventTypes.TELEPHONY_CDR_CREATED);
            List<Captured> emitted = events.await(
                    c -> record.get("id").toString().equals(c.event().subject())
                            && types.contains(c.event().type()),
                    types.size(),
                    WAIT);
            assertThat(emitted.stream().map(c -> c.event().type())).containsExactlyElementsOf(types);
            AsyncApiContract contract = AsyncApiContract.load();
            for (Captured captured : events.matching(
                    c -> record.get("id").toString().equals(c.event().subject()))) {
                assertThat(contract.violations(captured))
                        .as(captured.dataAsString())
                        .isEmpty();
                assertThat(captured.event().tenantId()).isEqualTo(tenant);
            }
        }
    }

    @Test
    void anUnansweredExtensionSendsTheCallerToItsVoicemail() {
        sim().endpoints().set("PJSIP/" + tenant + "_1003", EndpointBehaviour.noAnswer());
        SimCall call = internal("1001", "1003");
        DialplanLocation location = call.awaitContinuedTo("switchboard-voicemail", "s", WAIT);
        assertThat(location.priority()).isEqualTo(1);
        assertThat(call.variables()).containsEntry("SB_MAILBOX", "1003@" + tenant);
        call.hangup();
        assertThat(awaitRecord(call.channelId(), "ended")).containsEntry("disposition", "voicemail");
    }

    @Test
    void aBusyExtensionWithoutVoicemailEndsTheCallBusy() {
        sim().endpoints().set("PJSIP/" + tenant + "_1004", EndpointBehaviour.busy());
        SimCall call = internal("1001", "1004");
        Hangup hangup = call.awaitHangup(WAIT);
        assertThat(hangup.by()).isEqualTo(Hangup.By.APPLICATION);
        assertThat(hangup.cause()).isEqualTo(17);
        assertThat(awaitRecord(call.channelId(), "ended")).containsEntry("disposition", "busy");
    }

    @Test
    void aQueueTakesTheCallerAndItsOverflowTakesOverWhenTheQueueGivesUp() {
        SimCall call = internal("1001", "sales");
        call.awaitContinuedTo("switchboard-queue", tenant + "_sales", WAIT);
        awaitRecord(call.channelId(), "queued");
        call.reenterStasis(List.of("queue-exit", "TIMEOUT"));
        Hangup hangup = call.awaitHangup(WAIT);
        assertThat(hangup.cause()).isEqualTo(34);
        assertThat(awaitRecord(call.channelId(), "ended")).containsEntry("queue_name", tenant + "_sales");
    }

    @Test
    void anIvrPlaysItsMenuRetriesOnBadInputAndRoutesTheChosenOption() {
        sim().endpoints().set("PJSIP/" + tenant + "_1001", EndpointBehaviour.answerAfter(Duration.ofMillis(20)));
        routing.script(
                tenant,
                "+4930100",
                new RoutingDecision.Ivr(
                        "main",
                        List.of("sound:welcome", "sound:press-1-for-support"),
                        Map.of(
                                "1",
                                new RoutingDecision.DialEndpoint(tenant + "_1001", Duration.ofSeconds(5), null),
                                "2",
                                new RoutingDecision.Voicemail("1003@" + tenant)),
                        Duration.ofSeconds(10),
                        2,
                        List.of("sound:option-is-invalid"),
                        new RoutingDecision.Hangup(16, null),
                        false));
        SimCall call = inbound("+4930555000", "+4930100");
        call.awaitAnswered(WAIT);
        call.awaitPlayed("sound:press-1-for-support"::equals, WAIT);
        call.pressDigits("9");
        call.awaitPlayed("sound:option-is-invalid"::equals, WAIT);
        call.pressDigits("1");
        call.awaitBridgedWith("PJSIP/" + tenant + "_1001", WAIT);
        assertThat(awaitRecord(call.channelId(), "answered")).containsEntry("direction", "inbound");
        call.hangup();
        awaitRecord(call.channelId(), "ended");
    }

    @Test
    void anIvrWithoutInputEndsAtItsFailureTarget() {
        routing.script(
                tenant,
                "+4930101",
                new RoutingDecision.Ivr(
                        "quiet",
                        List.of("sound:welcome"),
                        Map.of(),
                        Duration.ofMillis(300),
                        1,
                        List.of(),
                        new RoutingDecision.Hangup(16, "sound:goodbye"),
                        false));
        SimCall call = inbound("+4930555001", "+4930101");
        call.awaitPlayed("sound:goodbye"::equals, WAIT);
        assertThat(call.awaitHangup(WAIT).cause()).isEqualTo(16);
        assertThat(call.playedMedia().stream().filter("sound:welcome"::equals)).hasSize(2);
    }

    @Test
    void anIvrWithDirectDialRingsTheDialledExtension() {
        sim().endpoints().set("PJSIP/" + tenant + "_1002", EndpointBehaviour.answerAfter(Duration.ofMillis(20)));
        routing.script(
                tenant,
                "+4930102",
                new RoutingDecision.Ivr(
                        "dial",
                        List.of("sound:enter-ext-of-person"),
                        Map.of(),
                        Duration.ofSeconds(10),
                        1,
                        List.of(),
                        new RoutingDecision.Hangup(16, null),
                        true));
        SimCall call = inbound("+4930555002", "+4930102");
        call.awaitPlayed("sound:enter-ext-of-person"::equals, WAIT);
        call.pressDigits("1002");
        call.awaitBridgedWith("PJSIP/" + tenant + "_1002", WAIT);
        call.hangup();
    }

    @Test
    void anExternalNumberIsCalledThroughTheTrunk() {
        String dial = "PJSIP/+15550001@" + tenant + "_trunk-carrier";
        sim().endpoints().set(dial, EndpointBehaviour.answerAfter(Duration.ofMillis(20)));
        routing.script(
                tenant,
                "+4930103",
                new RoutingDecision.External("+15550001", tenant + "_trunk-carrier", Duration.ofSeconds(5), null));
        SimCall call = inbound("+4930555003", "+4930103");
        call.awaitBridgedWith(dial, WAIT);
        assertThat(awaitRecord(call.channelId(), "answered")).containsEntry("route_action", "external");
        call.hangup();
    }

    @Test
    void aConnectedCallIsTransferredToAnotherExtension() {
        sim().endpoints().set("PJSIP/" + tenant + "_1002", EndpointBehaviour.answerAfter(Duration.ofMillis(20)));
        sim().endpoints().set("PJSIP/" + tenant + "_1004", EndpointBehaviour.answerAfter(Duration.ofMillis(20)));
        try (EventCapture events = EventCapture.open(Topics.TELEPHONY_EVENTS)) {
            SimCall call = internal("1001", "1002");
            SimChannel first = call.awaitBridgedWith("PJSIP/" + tenant + "_1002", WAIT);
            Map<String, Object> record = awaitRecord(call.channelId(), "answered");
            TestUser agent = users.member(tenant, "agent");
            as(agent.token(), tenant)
                    .body(Map.of("target", "1004"))
                    .post("/api/v1/calls/" + record.get("id") + "/transfer")
                    .then()
                    .statusCode(202);
            assertThat(first.awaitHangup(WAIT).by()).isEqualTo(Hangup.By.APPLICATION);
            call.awaitBridgedWith("PJSIP/" + tenant + "_1004", WAIT);
            Captured transferred = events.awaitOne(
                    c -> c.event().type().equals(EventTypes.TELEPHONY_CALL_TRANSFERRED)
                            && record.get("id").toString().equals(c.event().subject()),
                    WAIT);
            assertThat(transferred.dataAsString())
                    .contains("\"from\":\"" + tenant + "_1002\"")
                    .contains("\"to\":\"" + tenant + "_1004\"");
            assertThat(AsyncApiContract.load().violations(transferred)).isEmpty();
            as(agent.token(), tenant)
                    .body(Map.of("target", "9999"))
                    .post("/api/v1/calls/" + record.get("id") + "/transfer")
                    .then()
                    .statusCode(400);
            call.hangup();
            assertThat(awaitRecord(call.channelId(), "ended")).containsEntry("answered_by", tenant + "_1004");
            as(agent.token(), tenant)
                    .body(Map.of("target", "1002"))
                    .post("/api/v1/calls/" + record.get("id") + "/transfer")
                    .then()
                    .statusCode(409);
        }
    }

    @Test
    void aHangupDecisionUsesItsCause() {
        SimCall call = internal("1001", "0000");
        Hangup hangup = call.awaitHangup(WAIT);
        assertThat(hangup.cause()).isEqualTo(1);
        assertThat(call.playedMedia()).contains("sound:ss-noservice");
        assertThat(awaitRecord(call.channelId(), "ended")).containsEntry("route_action", "hangup");
    }

    @Test
    void theConcurrentCallLimitRefusesTheCallOverIt() {
        String limited = Fixtures.tenant("limit", 1);
        TestUser limitedAdmin = users.member(limited, "tenant_admin");
        as(limitedAdmin.token(), limited)
                .body(Map.of("number", "2001"))
                .post("/api/v1/extensions")
                .then()
                .statusCode(201);
        sim().endpoints().set("PJSIP/" + limited + "_2001", EndpointBehaviour.answerAfter(Duration.ofMillis(10)));
        try (EventCapture events = EventCapture.open(Topics.TELEPHONY_EVENTS)) {
            SimCall first = sim().inboundCall(new InboundCall(
                    limited + "_2002",
                    "2002",
                    "A",
                    "2001",
                    "from-internal-" + limited,
                    List.of("internal", limited, "2001")));
            first.awaitBridgedWith("PJSIP/" + limited + "_2001", WAIT);

            SimCall second = sim().inboundCall(new InboundCall(
                    limited + "_2003",
                    "2003",
                    "B",
                    "2001",
                    "from-internal-" + limited,
                    List.of("internal", limited, "2001")));
            second.awaitPlayed("sound:all-circuits-busy-now"::equals, WAIT);
            assertThat(second.awaitHangup(WAIT).cause()).isEqualTo(34);
            Captured rejected = events.awaitOne(
                    c -> c.event().type().equals(EventTypes.TELEPHONY_CALL_REJECTED)
                            && limited.equals(c.event().tenantId()),
                    WAIT);
            assertThat(rejected.dataAsString()).contains("\"limit\":1").contains("\"active\":1");
            assertThat(AsyncApiContract.load().violations(rejected)).isEmpty();

            first.hangup();
            awaitRecord(limited, first.channelId(), "ended");
            SimCall third = sim().inboundCall(new InboundCall(
                    limited + "_2004",
                    "2004",
                    "C",
                    "2001",
                    "from-internal-" + limited,
                    List.of("internal", limited, "2001")));
            third.awaitBridgedWith("PJSIP/" + limited + "_2001", WAIT);
            third.hangup();
            awaitRecord(limited, third.channelId(), "ended");
        }
        assertThat(activeCalls(limited)).isZero();
    }

    @Test
    void aCallSurvivesAnAriReconnectionAndEndsCorrectlyAfterIt() {
        sim().endpoints().set("PJSIP/" + tenant + "_1002", EndpointBehaviour.answerAfter(Duration.ofMillis(20)));
        SimCall call = internal("1001", "1002");
        call.awaitBridgedWith("PJSIP/" + tenant + "_1002", WAIT);
        sim().dropWebSockets();
        Awaitility.await().atMost(WAIT).until(() -> sim().connectedWebSockets().size() == 1);
        call.hangup();
        assertThat(awaitRecord(call.channelId(), "ended")).containsEntry("disposition", "answered");
    }

    @Test
    void aCallThatEndedWhileAriWasDownIsClosedAtReconnection() {
        sim().endpoints().set("PJSIP/" + tenant + "_1002", EndpointBehaviour.answerAfter(Duration.ofMillis(20)));
        SimCall call = internal("1001", "1002");
        call.awaitBridgedWith("PJSIP/" + tenant + "_1002", WAIT);
        sim().setAvailable(false);
        sim().dropWebSockets();
        call.hangup();
        sim().setAvailable(true);
        Map<String, Object> record = awaitRecord(call.channelId(), "ended");
        assertThat(record.get("hangup_cause_text").toString()).contains("while ARI was disconnected");
        assertThat(activeCalls(tenant)).isZero();
    }

    @Test
    void aTenantsCallNeverReachesAnotherTenant() {
        String other = Fixtures.tenant("calls-other", 10);
        TestUser otherAdmin = users.member(other, "tenant_admin");
        as(otherAdmin.token(), other)
                .body(Map.of("number", "7001"))
                .post("/api/v1/extensions")
                .then()
                .statusCode(201);
        // 7001 exists only in the other tenant: for this tenant it is an unallocated number
        SimCall call = internal("1001", "7001");
        assertThat(call.awaitHangup(WAIT).cause()).isEqualTo(1);
        assertThat(sim().liveChannels().stream().map(SimChannel::endpoint)).doesNotContain(other + "_7001");
        Map<String, Object> record = awaitRecord(call.channelId(), "ended");

        // the other tenant's admin sees none of this tenant's calls
        as(otherAdmin.token(), other)
                .get("/api/v1/calls/" + record.get("id"))
                .then()
                .statusCode(404);
        as(otherAdmin.token(), other)
                .queryParam("number", "7001")
                .get("/api/v1/calls")
                .then()
                .statusCode(200)
                .body("totalItems", org.hamcrest.Matchers.equalTo(0));
        as(admin.token(), tenant)
                .get("/api/v1/calls/" + record.get("id"))
                .then()
                .statusCode(200);
    }

    @Test
    void aCallClaimingAnotherTenantIsRefused() {
        String other = Fixtures.tenant("spoof", 10);
        SimCall call = sim().inboundCall(new InboundCall(
                tenant + "_1001",
                "1001",
                "Spoofer",
                "7001",
                "from-internal-" + tenant,
                List.of("internal", other, "7001")));
        assertThat(call.awaitHangup(WAIT).cause()).isEqualTo(21);
        assertThat(awaitRecord(other, call.channelId(), "ended")).containsEntry("disposition", "rejected");
    }

    @Test
    void aSuspendedTenantTakesNoCalls() {
        String suspended = Fixtures.tenant("suspended", 10);
        io.switchboard.testing.TenantFixtures.publish(
                EventTypes.TENANT_STATUS_CHANGED,
                suspended,
                "suspended",
                io.switchboard.testing.TenantFixtures.ALL_FEATURES,
                10);
        io.switchboard.testing.TenantFixtures.awaitInDirectory(Fixtures.ROLE, suspended, "suspended");
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            SimCall call = sim().inboundCall(new InboundCall(
                    suspended + "_1001",
                    "1001",
                    "X",
                    "1002",
                    "from-internal-" + suspended,
                    List.of("internal", suspended, "1002")));
            assertThat(call.awaitHangup(WAIT).cause()).isEqualTo(21);
        });
    }

    @Test
    void answeredCallsOfTenantsWithRecordingAreRecordedAndDownloadable() {
        sim().endpoints().set("PJSIP/" + tenant + "_1002", EndpointBehaviour.answerAfter(Duration.ofMillis(20)));
        SimCall call = internal("1001", "1002");
        call.awaitBridgedWith("PJSIP/" + tenant + "_1002", WAIT);
        Map<String, Object> answered = awaitRecord(call.channelId(), "answered");
        call.hangup();
        awaitRecord(call.channelId(), "ended");
        Awaitility.await().atMost(WAIT).until(() -> !sim().storedRecordings().isEmpty());
        byte[] wav = as(admin.token(), tenant)
                .get("/api/v1/calls/" + answered.get("id") + "/recording")
                .then()
                .statusCode(200)
                .contentType("audio/wav")
                .extract()
                .asByteArray();
        assertThat(new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("RIFF");
    }

    private SimCall internal(String from, String number) {
        return sim().inboundCall(InboundCall.internal(tenant, from, number));
    }

    private SimCall inbound(String caller, String did) {
        return sim().inboundCall(InboundCall.fromTrunk(tenant, "carrier", caller, did));
    }

    private static Map<String, Object> awaitRecord(String channelId, String status) {
        return awaitRecord(tenant, channelId, status);
    }

    /** Waits until the call record of the channel has {@code status}, and returns it. */
    static Map<String, Object> awaitRecord(String tenantId, String channelId, String status) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            Map<String, Object> record = record(tenantId, channelId);
            return record != null && status.equals(record.get("status"));
        });
        try {
            return record(tenantId, channelId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> record(String tenantId, String channelId) throws Exception {
        try (Connection connection = Database.connectAs(Fixtures.ROLE)) {
            connection.setAutoCommit(false);
            try (Statement set = connection.createStatement()) {
                set.execute("select set_config('app.tenant_id', '" + tenantId + "', true)");
            }
            try (PreparedStatement select =
                    connection.prepareStatement("select * from call_record where channel_id = ?")) {
                select.setString(1, channelId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        connection.rollback();
                        return null;
                    }
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    connection.rollback();
                    return row;
                }
            }
        }
    }

    private static int activeCalls(String tenantId) {
        try (Connection connection = Database.connectAs(Fixtures.ROLE)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("select set_config('app.tenant_id', '" + tenantId + "', true)");
                try (ResultSet rs = statement.executeQuery(
                        "select active_calls from tenant_call_usage where tenant_id = '" + tenantId + "'")) {
                    int active = rs.next() ? rs.getInt(1) : 0;
                    connection.rollback();
                    return active;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
