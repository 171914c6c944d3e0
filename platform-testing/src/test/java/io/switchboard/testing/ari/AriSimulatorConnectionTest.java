package io.switchboard.testing.ari;

import static io.switchboard.testing.ari.AriClient.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.loway.oss.ari4java.generated.models.Application;
import ch.loway.oss.ari4java.generated.models.AsteriskInfo;
import ch.loway.oss.ari4java.generated.models.StasisEnd;
import ch.loway.oss.ari4java.generated.models.StasisStart;
import ch.loway.oss.ari4java.tools.AriConnectionEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connecting to the simulator: authentication, WebSocket loss and ari4java's reconnect, availability. */
class AriSimulatorConnectionTest {

    /** ari4java retries a lost WebSocket after 2, 5, then 10 s, and notices a refused upgrade only after 10 s. */
    private static final Duration RECONNECT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newHttpClient();
    private AriSimulator sim;

    @BeforeEach
    void start() {
        sim = AriSimulator.start("switchboard", "ariuser", "aripass");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private SimCall inboundCall() {
        return sim.inboundCall(new InboundCall(
                "acme-corp-trunk1", "+4930111222", "Caller", "+4930123456", "from-trunk-acme-corp", List.of("x")));
    }

    @Test
    void afterTheWebSocketDropsAri4javaReconnectsAndEventsFlowAgain() throws Exception {
        try (AriClient client = AriClient.connect(sim)) {
            SimCall before = inboundCall();
            client.await(StasisStart.class, e -> e.getChannel().getId().equals(before.channelId()));

            sim.dropWebSockets();

            await().atMost(WAIT).until(() -> client.connectionEvents.contains(AriConnectionEvent.WS_DISCONNECTED));
            await().atMost(RECONNECT)
                    .until(() -> client.connectionEvents.stream()
                                    .filter(AriConnectionEvent.WS_CONNECTED::equals)
                                    .count()
                            == 2);
            sim.awaitApplication("switchboard", WAIT);
            assertThat(sim.connectedWebSockets()).hasSize(1);

            SimCall after = inboundCall();
            client.await(StasisStart.class, e -> e.getChannel().getId().equals(after.channelId()));
            // the call that was in Stasis across the outage is still the application's
            before.hangup();
            client.await(StasisEnd.class, e -> e.getChannel().getId().equals(before.channelId()));
        }
    }

    @Test
    void wrongCredentialsAreRefusedWith401ForRestAndWebSocket() throws Exception {
        try (AriClient intruder = AriClient.open(sim, "switchboard", "ariuser", "wrong")) {
            AriClient.assertAriError(
                    401, () -> intruder.ari.asterisk().getInfo().execute());
            await().atMost(WAIT)
                    .until(() ->
                            sim.requests().stream().anyMatch(r -> r.path().equals("/ari/events") && r.status() == 401));
            assertThat(sim.connectedWebSockets()).isEmpty();
        }

        HttpResponse<String> anonymous = http.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "ari/asterisk/info"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).isEqualTo("{\"message\":\"Authentication required\"}");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValue("Basic realm=\"Asterisk REST Interface\"");

        HttpResponse<String> withApiKey = http.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "ari/asterisk/info?api_key=ariuser:aripass"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withApiKey.statusCode()).isEqualTo(200);
    }

    @Test
    void anUnavailableAsteriskRefusesRestAndWebSocketsUntilItIsBack() throws Exception {
        try (AriClient client = AriClient.connect(sim)) {
            sim.setAvailable(false);

            await().atMost(WAIT).until(() -> client.connectionEvents.contains(AriConnectionEvent.WS_DISCONNECTED));
            AriClient.assertAriError(503, () -> client.ari.asterisk().getInfo().execute());
            // the first reconnect attempt follows ari4java's back-off, which a loaded CI machine stretches
            await().atMost(RECONNECT)
                    .until(() ->
                            sim.requests().stream().anyMatch(r -> r.path().equals("/ari/events") && r.status() == 503));

            sim.setAvailable(true);

            sim.awaitApplication("switchboard", RECONNECT);
            assertThat(client.ari.asterisk().getInfo().execute().getSystem().getVersion())
                    .isEqualTo("22.10.1");
            SimCall call = inboundCall();
            client.await(StasisStart.class, e -> e.getChannel().getId().equals(call.channelId()));
        }
    }

    @Test
    void asteriskApplicationsAndModulesAnswerAsAsteriskDoes() throws Exception {
        try (AriClient client = AriClient.connect(sim)) {
            AsteriskInfo info = client.ari.asterisk().getInfo().execute();
            assertThat(info.getSystem().getVersion()).isEqualTo("22.10.1");
            assertThat(info.getSystem().getEntity_id()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
            assertThat(info.getStatus().getStartup_time()).isNotNull();
            assertThat(info.getConfig().getDefault_language()).isEqualTo("en");

            client.ari.asterisk().reloadModule("res_pjsip.so").execute();
            client.ari.asterisk().reloadModule("app_queue").execute();
            assertThat(sim.reloadedModules()).containsExactly("res_pjsip.so", "app_queue");
            AriClient.assertAriError(
                    404, () -> client.ari.asterisk().reloadModule("chan_sip.so").execute());

            SimCall call = inboundCall();
            client.await(StasisStart.class, e -> e.getChannel().getId().equals(call.channelId()));
            Application app = client.ari.applications().get("switchboard").execute();
            assertThat(app.getName()).isEqualTo("switchboard");
            assertThat(app.getChannel_ids()).containsExactly(call.channelId());
            assertThat(client.ari.applications().list().execute())
                    .extracting(Application::getName)
                    .containsExactly("switchboard");
            AriClient.assertAriError(
                    404, () -> client.ari.applications().get("other").execute());
        }
    }

    @Test
    void unknownResourcesMethodsAndTrailingSlashesGetAsterisksErrors() throws Exception {
        String auth = "api_key=ariuser:aripass";
        assertThat(get("ari/nothing?" + auth)).isEqualTo("404 {\"message\":\"Resource not found\"}");
        assertThat(get("ari/channels/?" + auth))
                .isEqualTo("404 {\"message\":\"ARI URLs do not end with a slash. Try /ari/channels\"}");
        HttpResponse<String> put = http.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "ari/channels?" + auth))
                        .PUT(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("GET", "POST"));
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
