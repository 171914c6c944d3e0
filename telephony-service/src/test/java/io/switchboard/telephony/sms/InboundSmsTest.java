package io.switchboard.telephony.sms;

import static io.restassured.RestAssured.given;
import static io.switchboard.telephony.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.telephony.Fixtures;
import io.switchboard.telephony.calls.AriSimulatorResource;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.EventCapture.Captured;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import io.switchboard.testing.ari.AriSimulator;
import io.switchboard.testing.ari.InboundText;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inbound SMS through the ARI simulator: a SIP MESSAGE from a tenant's trunk becomes {@code telephony.sms.received} of
 * that tenant, with E.164 numbers; from an endpoint that is no tenant's trunk, or with a number that is not a valid
 * international one, nothing is published and the drop is counted.
 */
@QuarkusTest
@QuarkusTestResource(AriSimulatorResource.class)
class InboundSmsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestUsers users = new TestUsers();
    private static String tenantA;
    private static String tenantB;
    private static String trunkA;
    private static String trunkB;

    @BeforeEach
    void setUp() {
        AriSimulator sim = AriSimulatorResource.simulator();
        sim.awaitApplication("switchboard", WAIT);
        // the application asks for every PJSIP endpoint's messages once connected
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> sim.requests().stream()
                        .anyMatch(r -> r.path().equals("/ari/applications/switchboard/subscription")
                                && "endpoint:PJSIP".equals(r.param("eventSource"))
                                && r.status() == 200));
        if (tenantA != null) {
            return;
        }
        tenantA = Fixtures.tenant("sms-a", 5);
        tenantB = Fixtures.tenant("sms-b", 5);
        trunkA = trunk(users.member(tenantA, "tenant_admin"), tenantA);
        trunkB = trunk(users.member(tenantB, "tenant_admin"), tenantB);
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    private static String trunk(TestUser admin, String tenant) {
        return as(admin.token(), tenant)
                .body(Map.of(
                        "name",
                        "carrier1",
                        "mode",
                        "ip",
                        "host",
                        "198.51.100.7",
                        "allowedIps",
                        List.of("198.51.100.7")))
                .post("/api/v1/trunks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void aTextFromATenantsTrunkIsPublishedForThatTenantWithE164Numbers() throws Exception {
        try (EventCapture events = EventCapture.open(Topics.TELEPHONY_EVENTS)) {
            AriSimulatorResource.simulator()
                    .inboundText(new InboundText(
                            tenantA + "_trunk-carrier1",
                            "Alice",
                            "sip:4930111222@carrier.example:5060;user=phone",
                            "<sip:+49-30-123456@switchboard.example>",
                            "Hello, Grüße",
                            Map.of()));

            Captured captured = events.awaitOne(
                    c -> c.event().type().equals(EventTypes.TELEPHONY_SMS_RECEIVED)
                            && tenantA.equals(c.event().tenantId()),
                    WAIT);

            JsonNode data = JSON.readTree(captured.event().data());
            assertThat(data.path("from").asText()).isEqualTo("+4930111222");
            assertThat(data.path("to").asText()).isEqualTo("+4930123456");
            assertThat(data.path("body").asText()).isEqualTo("Hello, Grüße");
            assertThat(data.path("trunkId").asText()).isEqualTo(trunkA);
            assertThat(data.path("messageId").asText()).hasSize(36);
            assertThat(OffsetDateTime.parse(data.path("receivedAt").asText()))
                    .isAfter(OffsetDateTime.now().minusMinutes(1));
            assertThat(captured.event().subject()).isEqualTo("+4930123456");
            assertThat(AsyncApiContract.load().violations(captured)).isEmpty();
        }
    }

    @Test
    void anotherTenantsTrunkNeverSpeaksForThisTenant() throws Exception {
        try (EventCapture events = EventCapture.open(Topics.TELEPHONY_EVENTS)) {
            AriSimulatorResource.simulator()
                    .inboundText(InboundText.fromTrunk(tenantB, "carrier1", "+4930111222", "+4930123456", "from B"));

            Captured captured = events.awaitOne(
                    c -> c.event().type().equals(EventTypes.TELEPHONY_SMS_RECEIVED)
                            && c.dataAsString().contains("from B"),
                    WAIT);
            assertThat(captured.event().tenantId()).isEqualTo(tenantB);
            assertThat(JSON.readTree(captured.event().data()).path("trunkId").asText())
                    .isEqualTo(trunkB);
        }
    }

    @Test
    void textsFromUnknownEndpointsOrWithInvalidNumbersPublishNothing() {
        AriSimulator sim = AriSimulatorResource.simulator();
        double unknownBefore = dropped(tenantA, "unknown_endpoint");
        double unparseableBefore = dropped(tenantA, "unparseable_number");
        try (EventCapture events = EventCapture.open(Topics.TELEPHONY_EVENTS)) {
            // a trunk name the tenant does not have, a tenant that does not exist, a phone, a bare endpoint
            sim.inboundText(InboundText.fromTrunk(tenantA, "nosuch", "+4930111222", "+4930123456", "drop-1"));
            sim.inboundText(InboundText.fromTrunk("ghost-tenant", "carrier1", "+4930111222", "+4930123456", "drop-2"));
            sim.inboundText(InboundText.fromTrunk(tenantA, "carrier1", "+4930111222", "+4930123456", "drop-3")
                    .onEndpoint(tenantA + "_1001"));
            sim.inboundText(InboundText.fromTrunk(tenantA, "carrier1", "+4930111222", "+4930123456", "drop-4")
                    .onEndpoint("carrier1"));
            // numbers that are not valid international ones
            sim.inboundText(InboundText.fromTrunk(tenantA, "carrier1", "anonymous", "+4930123456", "drop-5"));
            sim.inboundText(InboundText.fromTrunk(tenantA, "carrier1", "+4930111222", "12345", "drop-6"));
            // messages are handled in arrival order: once this one is out, the others were dropped
            sim.inboundText(InboundText.fromTrunk(tenantA, "carrier1", "+4930111222", "+4930123456", "marker"));

            events.awaitOne(c -> c.dataAsString().contains("marker"), WAIT);
            assertThat(events.matching(c -> c.event().type().equals(EventTypes.TELEPHONY_SMS_RECEIVED)
                            && c.dataAsString().contains("drop-")))
                    .isEmpty();
        }
        assertThat(dropped(tenantA, "unknown_endpoint") - unknownBefore).isEqualTo(1.0);
        assertThat(dropped(tenantA, "unparseable_number") - unparseableBefore).isEqualTo(2.0);
    }

    /** The tenant's count of dropped inbound texts for {@code outcome}, from the Prometheus endpoint. */
    private static double dropped(String tenant, String outcome) {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("switchboard_sms_inbound_total{")
                        && l.contains("outcome=\"" + outcome + "\"")
                        && l.contains("tenant=\"" + tenant + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
