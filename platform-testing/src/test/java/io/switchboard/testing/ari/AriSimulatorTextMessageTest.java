package io.switchboard.testing.ari;

import static io.switchboard.testing.ari.AriClient.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.loway.oss.ari4java.generated.models.TextMessageReceived;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inbound SIP MESSAGEs reach exactly the applications res/stasis/messaging.c hands them to (subscribed to the
 * endpoint, to its technology, or to everything), as TextMessageReceived with Asterisk 22's fields, and ari4java
 * decodes them.
 */
class AriSimulatorTextMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRUNK = "PJSIP/acme-corp_trunk-carrier1";

    private AriSimulator sim;
    private AriClient switchboard;
    private AriClient trunkOnly;
    private AriClient unsubscribed;

    @BeforeEach
    void start() throws Exception {
        sim = AriSimulator.start("switchboard", "ariuser", "aripass");
        switchboard = AriClient.connect(sim);
        trunkOnly = AriClient.open(sim, "trunk-only", "ariuser", "aripass");
        unsubscribed = AriClient.open(sim, "bystander", "ariuser", "aripass");
        sim.awaitApplication("trunk-only", WAIT);
        sim.awaitApplication("bystander", WAIT);
        switchboard
                .ari
                .applications()
                .subscribe("switchboard", "endpoint:PJSIP")
                .execute();
        trunkOnly
                .ari
                .applications()
                .subscribe("trunk-only", "endpoint:" + TRUNK)
                .execute();
    }

    @AfterEach
    void stop() {
        switchboard.close();
        trunkOnly.close();
        unsubscribed.close();
        sim.close();
    }

    @Test
    void aTextGoesToTheApplicationsSubscribedToItsEndpointOrTechnologyOnly() {
        List<String> receivers =
                sim.inboundText(InboundText.fromTrunk("acme-corp", "carrier1", "+4930111222", "+4930123456", "Hello"));

        assertThat(receivers).containsExactlyInAnyOrder("switchboard", "trunk-only");
        TextMessageReceived received = switchboard.await(TextMessageReceived.class, t -> true);
        assertThat(received.getMessage().getBody()).isEqualTo("Hello");
        assertThat(received.getMessage().getFrom()).isEqualTo("<sip:+4930111222@carrier.example>");
        assertThat(received.getMessage().getTo()).isEqualTo("pjsip:+4930123456@switchboard.example");
        assertThat(received.getEndpoint().getTechnology()).isEqualTo("PJSIP");
        assertThat(received.getEndpoint().getResource()).isEqualTo("acme-corp_trunk-carrier1");
        trunkOnly.await(
                TextMessageReceived.class, t -> "Hello".equals(t.getMessage().getBody()));

        // another endpoint: only the technology subscription covers it
        List<String> others =
                sim.inboundText(InboundText.fromTrunk("globex", "sip1", "+4930111222", "+4940123456", "Other"));

        assertThat(others).containsExactly("switchboard");
        switchboard.await(
                TextMessageReceived.class, t -> "Other".equals(t.getMessage().getBody()));
        // a later text to its own trunk reaches trunk-only; its socket is ordered, so "Other" would have come first
        sim.inboundText(InboundText.fromTrunk("acme-corp", "carrier1", "+4930111222", "+4930123456", "Later"));
        trunkOnly.await(
                TextMessageReceived.class, t -> "Later".equals(t.getMessage().getBody()));
        assertThat(trunkOnly.all(TextMessageReceived.class, t -> true))
                .extracting(t -> t.getMessage().getBody())
                .containsExactly("Hello", "Later");
        assertThat(unsubscribed.all(TextMessageReceived.class, t -> true)).isEmpty();
    }

    @Test
    void withoutASubscriptionNoApplicationReceivesIt() throws Exception {
        switchboard
                .ari
                .applications()
                .unsubscribe("switchboard", "endpoint:PJSIP")
                .execute();
        trunkOnly
                .ari
                .applications()
                .unsubscribe("trunk-only", "endpoint:" + TRUNK)
                .execute();

        assertThat(sim.inboundText(InboundText.fromTrunk("acme-corp", "carrier1", "+4930111222", "+4930123456", "x")))
                .isEmpty();
        assertThat(sim.sentEvents().stream().filter(e -> e.type().equals("TextMessageReceived")))
                .isEmpty();
    }

    @Test
    void theFrameHasExactlyTheFieldsOfAsterisk22() throws Exception {
        sim.inboundText(InboundText.fromTrunk("acme-corp", "carrier1", "+4930111222", "+4930123456", "Grüße")
                .withFromName("Alice"));

        await().atMost(WAIT).until(() -> sim.sentEvents().size() >= 2);
        SentEvent sent = sim.sentEvents().stream()
                .filter(e -> e.application().equals("switchboard"))
                .findFirst()
                .orElseThrow();
        JsonNode event = JSON.readTree(sent.json());
        assertThat(fieldNames(event))
                .containsExactly("type", "timestamp", "endpoint", "message", "asterisk_id", "application");
        assertThat(event.path("type").asText()).isEqualTo("TextMessageReceived");
        assertThat(event.path("application").asText()).isEqualTo("switchboard");
        assertThat(event.path("timestamp").asText())
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000");
        JsonNode endpoint = event.path("endpoint");
        assertThat(fieldNames(endpoint)).containsExactly("technology", "resource", "state", "channel_ids");
        assertThat(endpoint.path("technology").asText()).isEqualTo("PJSIP");
        assertThat(endpoint.path("resource").asText()).isEqualTo("acme-corp_trunk-carrier1");
        assertThat(endpoint.path("channel_ids").isArray()).isTrue();
        JsonNode message = event.path("message");
        assertThat(fieldNames(message)).containsExactly("from", "to", "body", "variables");
        assertThat(message.path("from").asText()).isEqualTo("\"Alice\" <sip:+4930111222@carrier.example>");
        assertThat(message.path("to").asText()).isEqualTo("pjsip:+4930123456@switchboard.example");
        assertThat(message.path("body").asText()).isEqualTo("Grüße");
        JsonNode variables = message.path("variables");
        assertThat(variables.isObject()).isTrue();
        assertThat(fieldNames(variables)).contains("PJSIP_RECVADDR", "PJSIP_TRANSPORT", "From", "To", "Call-ID");
        variables.forEach(value -> assertThat(value.isTextual()).isTrue());
        assertThat(variables.path("Content-Length").asText()).isEqualTo("7");
    }

    @Test
    void theControlApiSendsATextFromATrunk() throws Exception {
        sim.enableControlApi();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl()
                                        + "sim/texts?api_key=ariuser:aripass&endpoint=acme-corp_trunk-carrier1"
                                        + "&from=%2B4930111222&to=%2B4930123456&body=Via%20curl"))
                                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("applications").toString())
                .isEqualTo("[\"switchboard\",\"trunk-only\"]");
        TextMessageReceived received = switchboard.await(
                TextMessageReceived.class, t -> "Via curl".equals(t.getMessage().getBody()));
        assertThat(received.getMessage().getFrom()).isEqualTo("<sip:+4930111222@carrier.example>");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
