package io.switchboard.routing.sms;

import static io.switchboard.routing.support.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.routing.support.Numbers;
import io.switchboard.routing.support.Scenario;
import io.switchboard.routing.support.Telephony;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.EventCapture.Captured;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inbound SMS from telephony-service's {@code telephony.sms.received}: a message for an active, SMS-enabled DID of
 * the tenant becomes {@code routing.sms.received} about that DID; anything else {@code routing.sms.rejected} with its
 * reason, and a number of another tenant never routes a message into that tenant.
 */
@QuarkusTest
class SmsRoutingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestUsers users = new TestUsers();
    private static Scenario acme;
    private static Scenario other;
    private static String smsNumber;
    private static String smsDid;
    private static String noSmsNumber;
    private static String noSmsDid;
    private static String inactiveNumber;
    private static String inactiveDid;
    private static String otherNumber;
    private static String otherDid;

    @BeforeEach
    void setUp() {
        if (acme != null) {
            return;
        }
        acme = Scenario.bare(users, "sms", TenantFixtures.ALL_FEATURES, 20, TenantFixtures.defaultSettings());
        other = Scenario.bare(users, "sms-other", TenantFixtures.ALL_FEATURES, 20, TenantFixtures.defaultSettings());
        smsNumber = Numbers.berlin();
        smsDid = did(acme, smsNumber, "active", true);
        noSmsNumber = Numbers.berlin();
        noSmsDid = did(acme, noSmsNumber, "active", false);
        inactiveNumber = Numbers.berlin();
        inactiveDid = did(acme, inactiveNumber, "inactive", true);
        otherNumber = Numbers.berlin();
        otherDid = did(other, otherNumber, "active", true);
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    private static String did(Scenario s, String number, String status, boolean sms) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number", number);
        body.put("status", status);
        body.put("smsEnabled", sms);
        body.put("smsWebhookUrl", "http://127.0.0.1:9/sms");
        return as(s.admin.token(), s.tenant)
                .body(body)
                .post("/api/v1/routing/dids")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void aTextForAnSmsEnabledDidIsRoutedToIt() throws Exception {
        try (EventCapture events = EventCapture.open(Topics.ROUTING_EVENTS)) {
            Map<String, Object> sms = Telephony.sms(
                    acme.tenant,
                    "+4915112345678",
                    smsNumber,
                    "Hello",
                    UUID.randomUUID().toString());

            Captured routed = awaitAbout(events, sms);

            assertThat(routed.event().type()).isEqualTo(EventTypes.ROUTING_SMS_RECEIVED);
            assertThat(routed.event().tenantId()).isEqualTo(acme.tenant);
            assertThat(routed.event().subject()).isEqualTo(smsDid);
            JsonNode data = JSON.readTree(routed.event().data());
            assertThat(data.path("didId").asText()).isEqualTo(smsDid);
            assertThat(data.path("did").asText()).isEqualTo(smsNumber);
            assertThat(data.path("to").asText()).isEqualTo(smsNumber);
            assertThat(data.path("from").asText()).isEqualTo("+4915112345678");
            assertThat(data.path("body").asText()).isEqualTo("Hello");
            assertThat(data.path("receivedAt").asText()).isNotBlank();
            assertThat(AsyncApiContract.load().violations(routed)).isEmpty();
        }
    }

    @Test
    void textsNoDidTakesAreRejectedWithTheirReason() throws Exception {
        try (EventCapture events = EventCapture.open(Topics.ROUTING_EVENTS)) {
            Captured disabled = awaitAbout(events, sms(acme, noSmsNumber));
            Captured inactive = awaitAbout(events, sms(acme, inactiveNumber));
            Captured unknown = awaitAbout(events, sms(acme, Numbers.berlin()));

            assertRejected(disabled, "sms_disabled", noSmsDid);
            assertRejected(inactive, "did_inactive", inactiveDid);
            assertRejected(unknown, "unknown_number", null);
            for (Captured captured : List.of(disabled, inactive, unknown)) {
                assertThat(AsyncApiContract.load().violations(captured)).isEmpty();
            }
        }
    }

    @Test
    void anotherTenantsNumberNeverRoutesAMessageIntoThatTenant() throws Exception {
        try (EventCapture events = EventCapture.open(Topics.ROUTING_EVENTS)) {
            Map<String, Object> sms = sms(acme, otherNumber);

            Captured rejected = awaitAbout(events, sms);

            assertRejected(rejected, "unknown_number", null);
            assertThat(rejected.event().tenantId()).isEqualTo(acme.tenant);
            assertThat(rejected.dataAsString()).doesNotContain(otherDid);
            assertThat(events.matching(
                            c -> c.dataAsString().contains(sms.get("messageId").toString())))
                    .hasSize(1);
            assertThat(events.matching(c -> other.tenant.equals(c.event().tenantId())))
                    .isEmpty();
        }
    }

    @Test
    void aRedeliveredMessageIsRoutedOnce() {
        try (EventCapture events = EventCapture.open(Topics.ROUTING_EVENTS)) {
            String eventId = UUID.randomUUID().toString();
            Map<String, Object> first = Telephony.sms(acme.tenant, "+4915112345678", smsNumber, "once", eventId);
            Telephony.sms(acme.tenant, "+4915112345678", smsNumber, "once", eventId);
            // same number, same partition: once the next message is routed, the redelivery was handled
            Map<String, Object> next = sms(acme, smsNumber);

            awaitAbout(events, next);

            assertThat(events.matching(c ->
                            c.dataAsString().contains(first.get("messageId").toString())))
                    .hasSize(1);
        }
    }

    private static Map<String, Object> sms(Scenario s, String to) {
        return Telephony.sms(
                s.tenant, "+4915112345678", to, "Hi", UUID.randomUUID().toString());
    }

    private static Captured awaitAbout(EventCapture events, Map<String, Object> sms) {
        String messageId = sms.get("messageId").toString();
        return events.awaitOne(
                c -> c.event().type().startsWith("routing.sms.")
                        && c.dataAsString().contains(messageId),
                WAIT);
    }

    private static void assertRejected(Captured captured, String reason, String didId) throws Exception {
        assertThat(captured.event().type()).isEqualTo(EventTypes.ROUTING_SMS_REJECTED);
        JsonNode data = JSON.readTree(captured.event().data());
        assertThat(data.path("reason").asText()).isEqualTo(reason);
        if (didId == null) {
            assertThat(data.path("didId").isNull()).isTrue();
            assertThat(captured.event().subject()).isEqualTo(data.path("to").asText());
        } else {
            assertThat(data.path("didId").asText()).isEqualTo(didId);
            assertThat(captured.event().subject()).isEqualTo(didId);
        }
    }
}
