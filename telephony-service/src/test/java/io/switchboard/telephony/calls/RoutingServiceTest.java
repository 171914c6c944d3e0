package io.switchboard.telephony.calls;

import static io.restassured.RestAssured.given;
import static io.switchboard.telephony.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.switchboard.commons.tenant.TenantTasks;
import io.switchboard.telephony.Fixtures;
import io.switchboard.telephony.calls.RoutingServiceStub.Answer;
import io.switchboard.telephony.routing.RoutingDecision;
import io.switchboard.telephony.routing.RoutingRequest;
import io.switchboard.telephony.routing.RoutingServiceClient;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import io.switchboard.testing.ari.AriSimulator;
import io.switchboard.testing.ari.EndpointBehaviour;
import io.switchboard.testing.ari.InboundCall;
import io.switchboard.testing.ari.SimCall;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calls decided by routing-service (a real HTTP server in its place): the decision is asked with telephony-service's
 * own Keycloak service-account token and executed; a decision naming another tenant's phone, a slow or failing
 * routing-service all fall back to direct routing, and a failing one is soon no longer asked (circuit breaker).
 */
@QuarkusTest
@TestProfile(RoutingServiceTest.WithRoutingService.class)
class RoutingServiceTest {

    /** telephony-service with {@code switchboard.telephony.routing.url} pointing at {@link RoutingServiceStub}. */
    public static class WithRoutingService implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RoutingServiceStub.class));
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestUsers users = new TestUsers();
    private static String tenant;
    private static String other;

    @Inject
    RoutingServiceClient client;

    @Inject
    CircuitBreakerMaintenance circuits;

    @Inject
    TenantTasks tasks;

    @BeforeEach
    void setUp() {
        circuits.resetAll();
        sim().awaitApplication("switchboard", WAIT);
        if (tenant != null) {
            return;
        }
        tenant = Fixtures.tenant("routed", 10);
        other = Fixtures.tenant("other", 10);
        for (String id : List.of(tenant, other)) {
            TestUser admin = users.member(id, "tenant_admin");
            for (String number : List.of("1001", "1002")) {
                as(admin.token(), id)
                        .body(Map.of("number", number))
                        .post("/api/v1/extensions")
                        .then()
                        .statusCode(201);
            }
            as(admin.token(), id)
                    .body(Map.of("name", "sales"))
                    .post("/api/v1/queues")
                    .then()
                    .statusCode(201);
        }
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    private static AriSimulator sim() {
        return AriSimulatorResource.simulator;
    }

    @Test
    void routingServiceDecidesWithTheServiceAccountsToken() throws Exception {
        RoutingServiceStub.answers.put(
                "+4930200",
                Answer.decision("{'type':'queue','queueName':'sales','maxWaitSeconds':30,"
                        + "'onOverflow':{'type':'voicemail','mailbox':'1001'}}"));

        SimCall call = inbound("+4930555111", "+4930200");
        call.awaitContinuedTo("switchboard-queue", tenant + "_sales", WAIT);
        assertThat(call.variables()).containsEntry("SB_QUEUE_MAXWAIT", "30");
        call.reenterStasis(List.of("queue-exit", "FULL"));
        call.awaitContinuedTo("switchboard-voicemail", "s", WAIT);
        assertThat(call.variables()).containsEntry("SB_MAILBOX", "1001@" + tenant);
        call.hangup();
        Map<String, Object> record = CallFlowTest.awaitRecord(tenant, call.channelId(), "ended");

        RoutingServiceStub.Received asked =
                RoutingServiceStub.receivedFor("+4930200").getFirst();
        assertThat(asked.body().path("tenantId").asText()).isEqualTo(tenant);
        assertThat(asked.body().path("callId").asText())
                .isEqualTo(record.get("id").toString());
        assertThat(asked.body().path("direction").asText()).isEqualTo("inbound");
        assertThat(asked.body().path("caller").asText()).isEqualTo("+4930555111");
        assertThat(asked.body().path("sourceEndpoint").asText()).isEqualTo(tenant + "_trunk-carrier");
        assertThat(OffsetDateTime.parse(asked.body().path("time").asText())).isNotNull();

        assertThat(asked.authorization()).startsWith("Bearer ");
        JsonNode claims = claims(asked.authorization().substring("Bearer ".length()));
        assertThat(claims.path("azp").asText()).isEqualTo("telephony-service");
        assertThat(claims.path("iss").asText()).endsWith("/realms/switchboard");
        assertThat(claims.path("realm_access").path("roles").toString()).contains("\"service\"");
    }

    @Test
    void aDecisionForAnotherTenantsPhoneIsRoutedDirectlyInstead() {
        sim().endpoints().set("PJSIP/" + tenant + "_1002", EndpointBehaviour.answerAfter(Duration.ofMillis(20)));
        sim().endpoints().set("PJSIP/" + other + "_1001", EndpointBehaviour.answerAfter(Duration.ofMillis(20)));
        RoutingServiceStub.answers.put(
                "1002", Answer.decision("{'type':'endpoint','endpointId':'" + other + "_1001'}"));
        double before = fallbacks("invalid_decision");

        SimCall call = internal("1001", "1002");
        call.awaitBridgedWith("PJSIP/" + tenant + "_1002", WAIT);
        assertThat(sim().liveChannels()).noneMatch(c -> c.endpoint().contains(other));
        call.hangup();
        assertThat(CallFlowTest.awaitRecord(tenant, call.channelId(), "ended"))
                .containsEntry("answered_by", tenant + "_1002");
        assertThat(fallbacks("invalid_decision")).isEqualTo(before + 1);
    }

    @Test
    void aSlowRoutingServiceDoesNotHoldTheCall() {
        RoutingServiceStub.answers.put(
                "sales", new Answer(200, "{\"action\":{\"type\":\"hangup\",\"cause\":17}}", Duration.ofSeconds(5)));
        double before = fallbacks("unavailable");

        SimCall call = internal("1001", "sales");
        call.awaitContinuedTo("switchboard-queue", tenant + "_sales", WAIT);
        call.hangup();
        assertThat(fallbacks("unavailable")).isEqualTo(before + 1);
    }

    @Test
    void aFailingRoutingServiceIsNoLongerAskedUntilItMayHaveRecovered() {
        RoutingServiceStub.answers.put("4444", new Answer(500, "{}", Duration.ZERO));
        for (int i = 0; i < 15; i++) {
            RoutingRequest request = new RoutingRequest(
                    tenant, UUID.randomUUID(), "internal", "1001", "4444", tenant + "_1001", OffsetDateTime.now());
            RoutingDecision decision = tasks.run(tenant, () -> client.decide(request));
            assertThat(decision).isEqualTo(new RoutingDecision.Hangup(1, "sound:ss-noservice"));
        }
        assertThat(RoutingServiceStub.receivedFor("4444")).hasSize(10);
        assertThat(client.state()).isEqualTo("open");
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'routing' }.data.routing", org.hamcrest.Matchers.equalTo("open"));
        assertThat(fallbacks("circuit_open")).isGreaterThanOrEqualTo(5);
    }

    private SimCall internal(String from, String number) {
        return sim().inboundCall(InboundCall.internal(tenant, from, number));
    }

    private SimCall inbound(String caller, String did) {
        return sim().inboundCall(InboundCall.fromTrunk(tenant, "carrier", caller, did));
    }

    /** The tenant's count of calls routed directly for {@code reason}, from the Prometheus endpoint. */
    private static double fallbacks(String reason) {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("switchboard_routing_fallbacks_total{")
                        && l.contains("reason=\"" + reason + "\"")
                        && l.contains("tenant=\"" + tenant + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static JsonNode claims(String jwt) throws Exception {
        String payload = jwt.split("\\.")[1];
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }
}
