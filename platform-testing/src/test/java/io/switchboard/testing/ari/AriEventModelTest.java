package io.switchboard.testing.ari;

import static io.switchboard.testing.ari.AriClient.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.loway.oss.ari4java.ARI;
import ch.loway.oss.ari4java.AriVersion;
import ch.loway.oss.ari4java.generated.models.Bridge;
import ch.loway.oss.ari4java.generated.models.Channel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every event frame the simulator sends carries the fields of its model in Asterisk 22's {@code events.json} (and of
 * the nested Channel, Bridge, Playback, LiveRecording models), with their types, and nothing else; read by an
 * independent WebSocket client (the JDK's), which also shows the wire order and ping/pong.
 */
class AriEventModelTest {

    /** Field -> type of each model, from Asterisk 22.10's rest-api/api-docs; "*" marks a required field. */
    private static final Map<String, Map<String, String>> MODELS = Map.ofEntries(
            Map.entry("Message", Map.of("type", "string*", "asterisk_id", "string")),
            Map.entry("Event", Map.of("application", "string*", "timestamp", "Date*")),
            Map.entry(
                    "StasisStart",
                    Map.of("args", "List[string]*", "channel", "Channel*", "replace_channel", "Channel")),
            Map.entry("StasisEnd", Map.of("channel", "Channel*")),
            Map.entry("ChannelStateChange", Map.of("channel", "Channel*")),
            Map.entry(
                    "ChannelDestroyed",
                    Map.of("cause", "int*", "cause_txt", "string*", "tech_cause", "int", "channel", "Channel*")),
            Map.entry(
                    "ChannelHangupRequest",
                    Map.of("cause", "int", "tech_cause", "int", "soft", "boolean", "channel", "Channel*")),
            Map.entry("ChannelDtmfReceived", Map.of("digit", "string*", "duration_ms", "int*", "channel", "Channel*")),
            Map.entry("ChannelVarset", Map.of("variable", "string*", "value", "string*", "channel", "Channel")),
            Map.entry("ChannelEnteredBridge", Map.of("bridge", "Bridge*", "channel", "Channel")),
            Map.entry("ChannelLeftBridge", Map.of("bridge", "Bridge*", "channel", "Channel*")),
            Map.entry(
                    "ChannelDialplan",
                    Map.of("channel", "Channel*", "dialplan_app", "string*", "dialplan_app_data", "string*")),
            Map.entry("BridgeCreated", Map.of("bridge", "Bridge*")),
            Map.entry("BridgeDestroyed", Map.of("bridge", "Bridge*")),
            Map.entry(
                    "Dial",
                    Map.of(
                            "caller", "Channel",
                            "peer", "Channel*",
                            "forward", "string",
                            "forwarded", "Channel",
                            "dialstring", "string",
                            "dialstatus", "string*")),
            Map.entry("PlaybackStarted", Map.of("playback", "Playback*")),
            Map.entry("PlaybackContinuing", Map.of("playback", "Playback*")),
            Map.entry("PlaybackFinished", Map.of("playback", "Playback*")),
            Map.entry("RecordingStarted", Map.of("recording", "LiveRecording*")),
            Map.entry("RecordingFinished", Map.of("recording", "LiveRecording*")),
            Map.entry("ApplicationReplaced", Map.of()),
            Map.entry("TextMessageReceived", Map.of("message", "TextMessage*", "endpoint", "Endpoint")),
            Map.entry(
                    "TextMessage",
                    Map.of("from", "string*", "to", "string*", "body", "string*", "variables", "object")),
            Map.entry(
                    "Endpoint",
                    Map.of(
                            "technology", "string*",
                            "resource", "string*",
                            "state", "string",
                            "channel_ids", "List[string]*",
                            "max_channels", "int")),
            Map.entry(
                    "Channel",
                    Map.ofEntries(
                            Map.entry("id", "string*"),
                            Map.entry("protocol_id", "string*"),
                            Map.entry("name", "string*"),
                            Map.entry("state", "string*"),
                            Map.entry("caller", "CallerID*"),
                            Map.entry("connected", "CallerID*"),
                            Map.entry("accountcode", "string*"),
                            Map.entry("dialplan", "DialplanCEP*"),
                            Map.entry("creationtime", "Date*"),
                            Map.entry("language", "string*"),
                            Map.entry("channelvars", "object"),
                            Map.entry("caller_rdnis", "string"),
                            Map.entry("tenantid", "string"))),
            Map.entry("CallerID", Map.of("name", "string*", "number", "string*")),
            Map.entry(
                    "DialplanCEP",
                    Map.of(
                            "context", "string*",
                            "exten", "string*",
                            "priority", "long*",
                            "app_name", "string*",
                            "app_data", "string*")),
            Map.entry(
                    "Bridge",
                    Map.ofEntries(
                            Map.entry("id", "string*"),
                            Map.entry("technology", "string*"),
                            Map.entry("bridge_type", "string*"),
                            Map.entry("bridge_class", "string*"),
                            Map.entry("creator", "string*"),
                            Map.entry("name", "string*"),
                            Map.entry("channels", "List[string]*"),
                            Map.entry("video_mode", "string"),
                            Map.entry("video_source_id", "string"),
                            Map.entry("creationtime", "Date*"),
                            Map.entry("bridgevars", "object"))),
            Map.entry(
                    "Playback",
                    Map.of(
                            "id", "string*",
                            "media_uri", "string*",
                            "next_media_uri", "string",
                            "target_uri", "string*",
                            "language", "string",
                            "state", "string*")),
            Map.entry(
                    "LiveRecording",
                    Map.of(
                            "name", "string*",
                            "format", "string*",
                            "target_uri", "string*",
                            "state", "string*",
                            "duration", "int",
                            "talking_duration", "int",
                            "silence_duration", "int",
                            "cause", "string")));

    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AriSimulator sim;
    private ARI ari;
    private final List<RawSocket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sim = AriSimulator.start("switchboard", "ariuser", "aripass");
        sim.endpoints().set("PJSIP/acme-corp-1001", EndpointBehaviour.answerAfter(Duration.ofMillis(20)));
        sim.endpoints().set("PJSIP/acme-corp-1003", EndpointBehaviour.busy());
        sim.setChannelVars(List.of("TENANT"));
        ari = ARI.build(sim.baseUrl(), "switchboard", "ariuser", "aripass", AriVersion.ARI_10_0_0);
    }

    @AfterEach
    void stop() {
        sockets.forEach(s -> s.socket.abort());
        ari.cleanup();
        sim.close();
    }

    /** A raw event WebSocket that keeps every text frame in the order received. */
    private static final class RawSocket implements WebSocket.Listener {
        final List<String> frames = new CopyOnWriteArrayList<>();
        final AtomicInteger pongs = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            pongs.incrementAndGet();
            webSocket.request(1);
            return null;
        }

        List<String> types() {
            return frames.stream().map(f -> parse(f).path("type").asText()).toList();
        }
    }

    private RawSocket connect() {
        RawSocket raw = new RawSocket();
        String url = "ws://127.0.0.1:" + sim.port() + "/ari/events?app=switchboard&subscribeAll=true"
                + "&api_key=ariuser:aripass";
        raw.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(url), raw)
                .join();
        sockets.add(raw);
        return raw;
    }

    private static JsonNode parse(String frame) {
        try {
            return JSON.readTree(frame);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitTypes(RawSocket raw, String... types) {
        await().atMost(WAIT).until(() -> raw.types().containsAll(List.of(types)));
    }

    @Test
    void everyEventCarriesTheFieldsOfItsModelAndNothingElse() throws Exception {
        RawSocket raw = connect();
        sim.awaitApplication("switchboard", WAIT);

        SimCall call = sim.inboundCall(new InboundCall(
                        "acme-corp-trunk1",
                        "+4930111222",
                        "Caller",
                        "+4930123456",
                        "from-trunk-acme-corp",
                        List.of("inbound", "acme-corp"))
                .withVariables(Map.of("TENANT", "acme-corp"))
                .withTenantId("acme-corp"));
        awaitTypes(raw, "StasisStart");
        ari.channels().answer(call.channelId()).execute();
        call.pressDigits("5");
        ari.channels()
                .setChannelVar(call.channelId(), "QUEUE")
                .setValue("sales")
                .execute();
        ari.channels().play(call.channelId(), "sound:a,sound:b").execute();
        awaitTypes(raw, "ChannelStateChange", "ChannelDtmfReceived", "ChannelVarset", "PlaybackFinished");

        Channel agent = ari.channels()
                .originate("PJSIP/acme-corp-1001")
                .setApp("switchboard")
                .setAppArgs("agent")
                .execute();
        await().atMost(WAIT).until(() -> sim.sentEventTypes(agent.getId()).contains("StasisStart"));
        Bridge bridge = ari.bridges().create().setName("call").execute();
        ari.bridges()
                .addChannel(bridge.getId(), call.channelId() + "," + agent.getId())
                .execute();
        ari.bridges().record(bridge.getId(), "rec-1", "wav").execute();
        awaitTypes(raw, "RecordingStarted");
        ari.recordings().stop("rec-1").execute();
        ari.bridges().removeChannel(bridge.getId(), agent.getId()).execute();
        ari.channels().continueInDialplan(agent.getId()).setContext("default").execute();
        ari.channels().hangup(call.channelId()).execute();
        ari.channels().originate("PJSIP/acme-corp-1003").setApp("switchboard").execute();
        ari.bridges().destroy(bridge.getId()).execute();
        sim.inboundText(InboundText.fromTrunk("acme-corp", "trunk1", "+4930111222", "+4930123456", "Hi"));
        awaitTypes(
                raw,
                "Dial",
                "ChannelDialplan",
                "BridgeCreated",
                "ChannelEnteredBridge",
                "RecordingFinished",
                "ChannelLeftBridge",
                "StasisEnd",
                "ChannelHangupRequest",
                "ChannelDestroyed",
                "BridgeDestroyed",
                "TextMessageReceived");
        await().atMost(WAIT)
                .until(() -> raw.frames.stream()
                                .filter(f -> f.contains("\"tech_cause\""))
                                .count()
                        == 2);

        // the wire order is the order the simulator emitted them
        assertThat(raw.frames)
                .containsExactlyElementsOf(
                        sim.sentEvents().stream().map(SentEvent::json).toList());

        RawSocket replacing = connect();
        await().atMost(WAIT).until(() -> raw.types().contains("ApplicationReplaced"));

        Set<String> seen = new HashSet<>();
        for (String frame : raw.frames) {
            JsonNode event = parse(frame);
            String type = event.path("type").asText();
            seen.add(type);
            assertThat(MODELS).as("a model for " + type).containsKey(type);
            checkEvent(type, event);
        }
        assertThat(seen)
                .containsAll(MODELS.keySet().stream()
                        .filter(t -> !Set.of(
                                        "Message",
                                        "Event",
                                        "Channel",
                                        "CallerID",
                                        "DialplanCEP",
                                        "Bridge",
                                        "Playback",
                                        "LiveRecording",
                                        "TextMessage",
                                        "Endpoint")
                                .contains(t))
                        .toList());
        assertThat(replacing.frames).isEmpty();
    }

    @Test
    void aPingIsAnsweredWithAPong() {
        RawSocket raw = connect();

        raw.socket.sendPing(ByteBuffer.wrap("ari".getBytes()));

        await().atMost(WAIT).until(() -> raw.pongs.get() == 1);
    }

    private static void checkEvent(String type, JsonNode event) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(MODELS.get("Message"));
        fields.putAll(MODELS.get("Event"));
        fields.putAll(MODELS.get(type));
        check(type, event, fields);
    }

    private static void check(String where, JsonNode node, Map<String, String> fields) {
        assertThat(node.isObject()).as(where + " is an object").isTrue();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getValue().endsWith("*")) {
                assertThat(node.has(field.getKey()))
                        .as(where + " has required " + field.getKey() + ": " + node)
                        .isTrue();
            }
        }
        for (Map.Entry<String, JsonNode> present : node.properties()) {
            String spec = fields.get(present.getKey());
            assertThat(spec)
                    .as(where + " field " + present.getKey() + " is in the model: " + node)
                    .isNotNull();
            checkType(where + "." + present.getKey(), present.getValue(), spec.replace("*", ""));
        }
    }

    private static void checkType(String where, JsonNode value, String type) {
        switch (type) {
            case "string" ->
                assertThat(value.isTextual()).as(where + " is a string").isTrue();
            case "int", "long" ->
                assertThat(value.isIntegralNumber())
                        .as(where + " is an integer")
                        .isTrue();
            case "boolean" ->
                assertThat(value.isBoolean()).as(where + " is a boolean").isTrue();
            case "object" ->
                assertThat(value.isObject()).as(where + " is an object").isTrue();
            case "Date" ->
                assertThat(value.asText())
                        .as(where + " is an Asterisk timestamp")
                        .matches(TIMESTAMP);
            case "List[string]" -> {
                assertThat(value.isArray()).as(where + " is a list").isTrue();
                value.forEach(
                        item -> assertThat(item.isTextual()).as(where + " item").isTrue());
            }
            default -> check(where, value, MODELS.get(type));
        }
    }
}
