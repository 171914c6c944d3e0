package io.switchboard.testing.ari;

import static io.switchboard.testing.ari.AriClient.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.loway.oss.ari4java.generated.models.Bridge;
import ch.loway.oss.ari4java.generated.models.Channel;
import ch.loway.oss.ari4java.generated.models.ChannelDestroyed;
import ch.loway.oss.ari4java.generated.models.ChannelDtmfReceived;
import ch.loway.oss.ari4java.generated.models.ChannelEnteredBridge;
import ch.loway.oss.ari4java.generated.models.ChannelHangupRequest;
import ch.loway.oss.ari4java.generated.models.ChannelStateChange;
import ch.loway.oss.ari4java.generated.models.ChannelVarset;
import ch.loway.oss.ari4java.generated.models.Dial;
import ch.loway.oss.ari4java.generated.models.LiveRecording;
import ch.loway.oss.ari4java.generated.models.Playback;
import ch.loway.oss.ari4java.generated.models.PlaybackContinuing;
import ch.loway.oss.ari4java.generated.models.PlaybackFinished;
import ch.loway.oss.ari4java.generated.models.PlaybackStarted;
import ch.loway.oss.ari4java.generated.models.RecordingFinished;
import ch.loway.oss.ari4java.generated.models.RecordingStarted;
import ch.loway.oss.ari4java.generated.models.StasisEnd;
import ch.loway.oss.ari4java.generated.models.StasisStart;
import ch.loway.oss.ari4java.generated.models.StoredRecording;
import ch.loway.oss.ari4java.tools.RestException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Call flows through the simulator driven by ari4java 0.18, the ARI client telephony-service uses. */
class AriSimulatorCallFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AriSimulator sim;
    private AriClient client;

    @BeforeEach
    void start() throws Exception {
        sim = AriSimulator.start("switchboard", "ariuser", "aripass");
        sim.endpoints().set("PJSIP/acme-corp-1001", EndpointBehaviour.answerAfter(Duration.ofMillis(50)));
        sim.endpoints().set("PJSIP/acme-corp-1002", EndpointBehaviour.noAnswer());
        sim.endpoints().set("PJSIP/acme-corp-1003", EndpointBehaviour.busy());
        sim.endpoints().set("PJSIP/acme-corp-1004", EndpointBehaviour.unavailable());
        client = AriClient.connect(sim);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    private SimCall inboundCall() {
        return sim.inboundCall(new InboundCall(
                "acme-corp-trunk1",
                "+4930111222",
                "Caller Name",
                "+4930123456",
                "from-trunk-acme-corp",
                List.of("inbound", "acme-corp", "+4930123456")));
    }

    /** Field {@code field} of each event of {@code type} about the channel, in the order the simulator sent them. */
    private List<String> sentFields(String type, String channelId, String field) {
        return sim.sentEvents().stream()
                .filter(e -> e.type().equals(type) && channelId.equals(e.channelId()))
                .map(e -> {
                    try {
                        return JSON.readTree(e.json()).path(field).asText();
                    } catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                })
                .toList();
    }

    private StasisStart stasisStart(String channelId) {
        return client.await(StasisStart.class, e -> e.getChannel().getId().equals(channelId));
    }

    private SimCall answeredCall() throws RestException {
        SimCall call = inboundCall();
        stasisStart(call.channelId());
        client.ari.channels().answer(call.channelId()).execute();
        call.awaitAnswered(WAIT);
        return call;
    }

    @Test
    void inboundCallEntersStasisWithItsArgumentsAndAChannelAsAsteriskDescribesIt() throws Exception {
        SimCall call = inboundCall();

        StasisStart start = stasisStart(call.channelId());
        assertThat(start.getArgs()).containsExactly("inbound", "acme-corp", "+4930123456");
        assertThat(start.getApplication()).isEqualTo("switchboard");
        assertThat(start.getAsterisk_id()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
        assertThat(start.getTimestamp()).isNotNull();
        Channel channel = start.getChannel();
        assertThat(channel.getId()).matches("\\d{10}\\.\\d+");
        assertThat(channel.getName()).matches("PJSIP/acme-corp-trunk1-[0-9a-f]{8}");
        assertThat(channel.getState()).isEqualTo("Ring");
        assertThat(channel.getProtocol_id()).isNotBlank();
        assertThat(channel.getCaller().getNumber()).isEqualTo("+4930111222");
        assertThat(channel.getCaller().getName()).isEqualTo("Caller Name");
        assertThat(channel.getConnected().getNumber()).isEmpty();
        assertThat(channel.getAccountcode()).isEmpty();
        assertThat(channel.getLanguage()).isEqualTo("en");
        assertThat(channel.getCreationtime()).isNotNull();
        assertThat(channel.getDialplan().getContext()).isEqualTo("from-trunk-acme-corp");
        assertThat(channel.getDialplan().getExten()).isEqualTo("+4930123456");
        assertThat(channel.getDialplan().getPriority()).isEqualTo(1L);
        assertThat(channel.getDialplan().getApp_name()).isEqualTo("Stasis");
        assertThat(channel.getDialplan().getApp_data()).isEqualTo("switchboard,inbound,acme-corp,+4930123456");

        Channel fetched = client.ari.channels().get(call.channelId()).execute();
        assertThat(fetched.getName()).isEqualTo(channel.getName());
        assertThat(client.ari.channels().list().execute())
                .extracting(Channel::getId)
                .contains(call.channelId());
        assertThat(client.failures).isEmpty();
    }

    @Test
    void answerThenPlayAListOfMediaUntilPlaybackFinished() throws Exception {
        SimCall call = inboundCall();
        stasisStart(call.channelId());

        client.ari.channels().answer(call.channelId()).execute();
        client.await(ChannelStateChange.class, e -> e.getChannel().getState().equals("Up"));
        assertThat(call.isUp()).isTrue();

        Playback queued = client.ari
                .channels()
                .play(call.channelId(), "sound:hello-world,sound:vm-goodbye")
                .execute();
        assertThat(queued.getState()).isEqualTo("queued");
        assertThat(queued.getMedia_uri()).isEqualTo("sound:hello-world");
        assertThat(queued.getNext_media_uri()).isEqualTo("sound:vm-goodbye");
        assertThat(queued.getTarget_uri()).isEqualTo("channel:" + call.channelId());

        PlaybackFinished finished = client.await(
                PlaybackFinished.class, e -> e.getPlayback().getId().equals(queued.getId()));
        assertThat(finished.getPlayback().getState()).isEqualTo("done");
        assertThat(finished.getPlayback().getMedia_uri()).isEqualTo("sound:vm-goodbye");
        assertThat(client.all(
                        PlaybackStarted.class, e -> e.getPlayback().getId().equals(queued.getId())))
                .extracting(e -> e.getPlayback().getMedia_uri())
                .containsExactly("sound:hello-world", "sound:vm-goodbye");
        assertThat(client.first(PlaybackContinuing.class, e -> true)).isNotNull();
        assertThat(call.awaitPlayed(media -> media.equals("sound:vm-goodbye"), WAIT))
                .isEqualTo("sound:vm-goodbye");
        assertThat(call.playedMedia()).containsExactly("sound:hello-world", "sound:vm-goodbye");
    }

    @Test
    void stoppingAPlaybackFinishesItAndForgetsIt() throws Exception {
        SimCall call = answeredCall();
        sim.setPlaybackDuration("sound:queue-periodic-announce", Duration.ofHours(1));

        Playback playback = client.ari
                .channels()
                .play(call.channelId(), "sound:queue-periodic-announce")
                .execute();
        client.await(PlaybackStarted.class, e -> e.getPlayback().getId().equals(playback.getId()));
        client.ari.playbacks().stop(playback.getId()).execute();

        client.await(PlaybackFinished.class, e -> e.getPlayback().getId().equals(playback.getId()));
        AriClient.assertAriError(
                404, () -> client.ari.playbacks().get(playback.getId()).execute());
    }

    @Test
    void pressedDigitsArriveAsOneDtmfEventEachInOrder() throws Exception {
        SimCall call = answeredCall();

        call.pressDigits("12#");

        await().atMost(WAIT)
                .until(() -> client.all(ChannelDtmfReceived.class, e -> true).size() == 3);
        List<ChannelDtmfReceived> digits = client.all(ChannelDtmfReceived.class, e -> true);
        // ari4java hands frames to a pool of threads, so only the wire keeps the order
        assertThat(digits).extracting(ChannelDtmfReceived::getDigit).containsExactlyInAnyOrder("1", "2", "#");
        assertThat(sentFields("ChannelDtmfReceived", call.channelId(), "digit")).containsExactly("1", "2", "#");
        assertThat(digits).allSatisfy(e -> {
            assertThat(e.getDuration_ms()).isEqualTo(100);
            assertThat(e.getChannel().getId()).isEqualTo(call.channelId());
        });
    }

    @Test
    void originatedAgentEntersStasisWhenItAnswersAndTheHangupsComeInAsteriskOrder() throws Exception {
        SimCall call = answeredCall();

        Channel agent = client.ari
                .channels()
                .originate("PJSIP/acme-corp-1001")
                .setApp("switchboard")
                .setAppArgs("agent,acme-corp")
                .setCallerId("\"Caller Name\" <+4930111222>")
                .setTimeout(30)
                .execute();
        assertThat(agent.getState()).isEqualTo("Down");
        assertThat(agent.getName()).startsWith("PJSIP/acme-corp-1001-");

        StasisStart agentStart = stasisStart(agent.getId());
        assertThat(agentStart.getArgs()).containsExactly("agent", "acme-corp");
        assertThat(agentStart.getChannel().getState()).isEqualTo("Up");
        assertThat(agentStart.getChannel().getCaller().getNumber()).isEqualTo("+4930111222");
        assertThat(agentStart.getChannel().getDialplan().getApp_data()).isEqualTo("switchboard,agent,acme-corp");
        // subscribed since the originate: the dial progress arrives before StasisStart
        assertThat(sim.sentEventTypes(agent.getId()))
                .containsExactly(
                        "Dial",
                        "ChannelStateChange",
                        "Dial",
                        "ChannelStateChange",
                        "Dial",
                        "ChannelDialplan",
                        "StasisStart");
        assertThat(sentFields("Dial", agent.getId(), "dialstatus")).containsExactly("", "RINGING", "ANSWER");
        assertThat(client.all(Dial.class, e -> e.getPeer().getId().equals(agent.getId())))
                .extracting(Dial::getDialstatus)
                .containsExactlyInAnyOrder("", "RINGING", "ANSWER");

        Bridge bridge = client.ari
                .bridges()
                .create()
                .setType("mixing")
                .setName("call-1")
                .execute();
        assertThat(bridge.getBridge_type()).isEqualTo("mixing");
        assertThat(bridge.getBridge_class()).isEqualTo("stasis");
        client.ari
                .bridges()
                .addChannel(bridge.getId(), call.channelId() + "," + agent.getId())
                .execute();
        SimChannel agentLeg = call.awaitBridgedWith("PJSIP/acme-corp-1001", WAIT);
        assertThat(agentLeg.channelId()).isEqualTo(agent.getId());
        await().atMost(WAIT)
                .until(() -> client.all(ChannelEnteredBridge.class, e -> true).size() == 2);
        assertThat(client.ari.bridges().get(bridge.getId()).execute().getChannels())
                .containsExactly(call.channelId(), agent.getId());

        call.hangup();
        client.await(ChannelDestroyed.class, e -> e.getChannel().getId().equals(call.channelId()));
        assertThat(sim.sentEventTypes(call.channelId()))
                .endsWith("ChannelHangupRequest", "ChannelLeftBridge", "StasisEnd", "ChannelDestroyed");
        assertThat(client.typesFor(call.channelId()))
                .contains("ChannelHangupRequest", "ChannelLeftBridge", "StasisEnd", "ChannelDestroyed");
        ChannelHangupRequest callerHangup = client.first(
                ChannelHangupRequest.class, e -> e.getChannel().getId().equals(call.channelId()));
        assertThat(callerHangup.getCause()).isEqualTo(16);
        assertThat(callerHangup.getSoft()).isNull();
        assertThat(call.awaitHangup(WAIT)).isEqualTo(new Hangup(16, "Normal Clearing", Hangup.By.REMOTE));

        client.ari.channels().hangup(agent.getId()).execute();
        ChannelDestroyed agentDestroyed =
                client.await(ChannelDestroyed.class, e -> e.getChannel().getId().equals(agent.getId()));
        assertThat(agentDestroyed.getCause()).isEqualTo(16);
        assertThat(agentDestroyed.getCause_txt()).isEqualTo("Normal Clearing");
        assertThat(sim.sentEventTypes(agent.getId()))
                .endsWith("ChannelHangupRequest", "ChannelLeftBridge", "StasisEnd", "ChannelDestroyed");
        assertThat(client.typesFor(agent.getId()))
                .contains("ChannelHangupRequest", "ChannelLeftBridge", "StasisEnd", "ChannelDestroyed");
        ChannelHangupRequest appHangup = client.first(
                ChannelHangupRequest.class, e -> e.getChannel().getId().equals(agent.getId()));
        assertThat(appHangup.getSoft()).isTrue();
        assertThat(agentLeg.awaitHangup(WAIT).by()).isEqualTo(Hangup.By.APPLICATION);

        client.ari.bridges().destroy(bridge.getId()).execute();
        assertThat(sim.bridges()).isEmpty();
    }

    @Test
    void anUnansweredOriginateEndsAtItsTimeoutWithCause19() throws Exception {
        Channel ringing = client.ari
                .channels()
                .originate("PJSIP/acme-corp-1002")
                .setApp("switchboard")
                .setTimeout(1)
                .execute();

        ChannelDestroyed destroyed =
                client.await(ChannelDestroyed.class, e -> e.getChannel().getId().equals(ringing.getId()));
        assertThat(destroyed.getCause()).isEqualTo(19);
        assertThat(destroyed.getCause_txt()).isEqualTo("User alerting, no answer");
        assertThat(destroyed.getChannel().getState()).isEqualTo("Ringing");
        assertThat(client.typesFor(ringing.getId())).doesNotContain("StasisStart", "ChannelHangupRequest");
        assertThat(sim.awaitChannelTo("PJSIP/acme-corp-1002", WAIT)
                        .awaitHangup(WAIT)
                        .by())
                .isEqualTo(Hangup.By.TIMEOUT);
    }

    @Test
    void aRingingDeviceAnsweredByTheTestEntersStasis() throws Exception {
        Channel ringing = client.ari
                .channels()
                .originate("PJSIP/acme-corp-1002")
                .setApp("switchboard")
                .execute();
        SimChannel device = sim.awaitChannelTo("PJSIP/acme-corp-1002", WAIT);
        client.await(ChannelStateChange.class, e -> e.getChannel().getState().equals("Ringing"));

        device.answer();

        assertThat(stasisStart(ringing.getId()).getChannel().getState()).isEqualTo("Up");
    }

    @Test
    void aBusyDeviceEndsTheChannelWithCause17() throws Exception {
        sim.setReportTechCause(false);
        Channel busy = client.ari
                .channels()
                .originate("PJSIP/acme-corp-1003")
                .setApp("switchboard")
                .execute();

        ChannelDestroyed destroyed =
                client.await(ChannelDestroyed.class, e -> e.getChannel().getId().equals(busy.getId()));
        assertThat(destroyed.getCause()).isEqualTo(17);
        assertThat(destroyed.getCause_txt()).isEqualTo("User busy");
        assertThat(sim.sentEventTypes(busy.getId()))
                .containsExactly("Dial", "ChannelHangupRequest", "Dial", "ChannelDestroyed");
        assertThat(sentFields("Dial", busy.getId(), "dialstatus")).containsExactly("", "BUSY");
        assertThat(client.typesFor(busy.getId())).contains("ChannelHangupRequest", "ChannelDestroyed");
    }

    @Test
    void ari4java018CannotDecodeTheTechCauseThatAsterisk22Reports() throws Exception {
        // Asterisk 22.7+ adds tech_cause (the SIP code) to ChannelHangupRequest and ChannelDestroyed; ari4java 0.18's
        // ARI_10_0_0 models lack it and its ObjectMapper fails on unknown fields, so the events become failures
        Channel busy = client.ari
                .channels()
                .originate("PJSIP/acme-corp-1003")
                .setApp("switchboard")
                .execute();

        assertThat(sim.awaitChannelTo("PJSIP/acme-corp-1003", WAIT)
                        .awaitHangup(WAIT)
                        .cause())
                .isEqualTo(17);
        await().atMost(WAIT).until(() -> client.failures.size() >= 2);
        assertThat(client.failures).allSatisfy(e -> assertThat(e.getMessage()).contains("tech_cause"));
        assertThat(client.typesFor(busy.getId())).doesNotContain("ChannelDestroyed");
    }

    @Test
    void anOriginateToAnOfflineEndpointIsRefusedAsAsteriskRefusesIt() throws Exception {
        assertThatThrownBy(() -> client.ari
                        .channels()
                        .originate("PJSIP/acme-corp-1004")
                        .setApp("switchboard")
                        .execute())
                .isInstanceOfSatisfying(RestException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(500);
                    assertThat(e.getResponse()).contains("\"error\":\"Allocation failed\"");
                });
        assertThat(client.ari
                        .endpoints()
                        .get()
                        .setTech("PJSIP")
                        .setResource("acme-corp-1004")
                        .execute()
                        .getState())
                .isEqualTo("offline");
        assertThat(client.ari
                        .endpoints()
                        .get()
                        .setTech("PJSIP")
                        .setResource("acme-corp-1001")
                        .execute()
                        .getState())
                .isEqualTo("online");
    }

    @Test
    void aCreatedChannelIsInStasisWhileDownAndDialsOnRequest() throws Exception {
        SimCall call = answeredCall();

        Channel created = client.ari
                .channels()
                .create("PJSIP/acme-corp-1001", "switchboard")
                .setAppArgs("dialed")
                .execute();
        StasisStart start = stasisStart(created.getId());
        assertThat(start.getChannel().getState()).isEqualTo("Down");
        assertThat(start.getArgs()).containsExactly("dialed");

        client.ari
                .channels()
                .dial(created.getId())
                .setCaller(call.channelId())
                .setTimeout(30)
                .execute();

        client.await(
                ChannelStateChange.class,
                e -> e.getChannel().getId().equals(created.getId())
                        && e.getChannel().getState().equals("Up"));
        assertThat(sentFields("Dial", created.getId(), "dialstatus")).containsExactly("", "RINGING", "ANSWER");
        AriClient.assertAriError(
                409, () -> client.ari.channels().dial(created.getId()).execute());
    }

    @Test
    void continueLeavesStasisForTheDialplanAndTheDialplanCanSendTheCallBack() throws Exception {
        SimCall call = answeredCall();

        client.ari
                .channels()
                .continueInDialplan(call.channelId())
                .setContext("switchboard-queue")
                .setExtension("acme-corp-sales")
                .setPriority(1)
                .execute();

        client.await(StasisEnd.class, e -> e.getChannel().getId().equals(call.channelId()));
        assertThat(call.awaitContinuedTo("switchboard-queue", "acme-corp-sales", WAIT)
                        .priority())
                .isEqualTo(1);
        assertThat(call.isInStasis()).isFalse();
        assertThat(call.isAlive()).isTrue();

        call.reenterStasis(List.of("queue-exit", "acme-corp-sales", "TIMEOUT"));

        await().atMost(WAIT)
                .until(() -> client.all(
                                        StasisStart.class,
                                        e -> e.getChannel().getId().equals(call.channelId()))
                                .size()
                        == 2);
        StasisStart again = client.all(
                        StasisStart.class, e -> e.getChannel().getId().equals(call.channelId()))
                .get(1);
        assertThat(again.getArgs()).containsExactly("queue-exit", "acme-corp-sales", "TIMEOUT");
        assertThat(again.getChannel().getDialplan().getContext()).isEqualTo("switchboard-queue");
        assertThat(again.getChannel().getDialplan().getExten()).isEqualTo("acme-corp-sales");
        assertThat(again.getChannel().getDialplan().getApp_name()).isEqualTo("Stasis");
        assertThat(call.stasisStarts()).isEqualTo(2);
    }

    @Test
    void hangupReasonsAndReasonCodesBecomeTheCausesAsteriskMapsThemTo() throws Exception {
        record Case(String reason, String reasonCode, int cause, String text) {}
        for (Case c : List.of(
                new Case(null, null, 16, "Normal Clearing"),
                new Case("busy", null, 17, "User busy"),
                new Case("congestion", null, 34, "Circuit/channel congestion"),
                new Case("no_answer", null, 19, "User alerting, no answer"),
                new Case(null, "21", 21, "Call Rejected"))) {
            SimCall call = inboundCall();
            stasisStart(call.channelId());
            var hangup = client.ari.channels().hangup(call.channelId());
            if (c.reason() != null) {
                hangup.setReason(c.reason());
            }
            if (c.reasonCode() != null) {
                hangup.setReason_code(c.reasonCode());
            }
            hangup.execute();

            ChannelDestroyed destroyed = client.await(
                    ChannelDestroyed.class, e -> e.getChannel().getId().equals(call.channelId()));
            assertThat(destroyed.getCause()).as(c.toString()).isEqualTo(c.cause());
            assertThat(destroyed.getCause_txt()).as(c.toString()).isEqualTo(c.text());
            assertThat(call.awaitHangup(WAIT)).isEqualTo(new Hangup(c.cause(), c.text(), Hangup.By.APPLICATION));
        }

        SimCall call = inboundCall();
        stasisStart(call.channelId());
        AriClient.assertAriError(
                400,
                () -> client.ari
                        .channels()
                        .hangup(call.channelId())
                        .setReason("nonsense")
                        .execute());
        AriClient.assertAriError(
                400,
                () -> client.ari
                        .channels()
                        .hangup(call.channelId())
                        .setReason("busy")
                        .setReason_code("17")
                        .execute());
        AriClient.assertAriError(404, () -> client.ari.channels().hangup("1.2").execute());
        assertThat(call.isAlive()).isTrue();
    }

    @Test
    void variablesAreSetWithAnEventAndReadBack() throws Exception {
        SimCall call = answeredCall();

        client.ari
                .channels()
                .setChannelVar(call.channelId(), "CALL_ID")
                .setValue("c-42")
                .execute();

        ChannelVarset varset =
                client.await(ChannelVarset.class, e -> e.getVariable().equals("CALL_ID"));
        assertThat(varset.getValue()).isEqualTo("c-42");
        assertThat(call.variables()).containsEntry("CALL_ID", "c-42");
        assertThat(client.ari
                        .channels()
                        .getChannelVar(call.channelId(), "CALL_ID")
                        .execute()
                        .getValue())
                .isEqualTo("c-42");
        assertThat(client.ari
                        .channels()
                        .getChannelVar(call.channelId(), "CALLERID(num)")
                        .execute()
                        .getValue())
                .isEqualTo("+4930111222");
        AriClient.assertAriError(
                404,
                () -> client.ari
                        .channels()
                        .getChannelVar(call.channelId(), "UNSET")
                        .execute());
    }

    @Test
    void aBridgeRecordingStartsStopsAndLeavesAValidWavFileBehind() throws Exception {
        SimCall call = answeredCall();
        Channel agent = client.ari
                .channels()
                .originate("PJSIP/acme-corp-1001")
                .setApp("switchboard")
                .execute();
        stasisStart(agent.getId());
        Bridge bridge = client.ari.bridges().create().execute();
        client.ari
                .bridges()
                .addChannel(bridge.getId(), call.channelId() + "," + agent.getId())
                .execute();

        LiveRecording live = client.ari
                .bridges()
                .record(bridge.getId(), "acme-corp-call-1", "wav")
                .setIfExists("fail")
                .execute();
        assertThat(live.getState()).isEqualTo("queued");
        assertThat(live.getTarget_uri()).isEqualTo("bridge:" + bridge.getId());
        client.await(RecordingStarted.class, e -> e.getRecording().getName().equals("acme-corp-call-1"));
        assertThat(client.ari.recordings().getLive("acme-corp-call-1").execute().getState())
                .isEqualTo("recording");

        client.ari.recordings().stop("acme-corp-call-1").execute();

        RecordingFinished finished = client.await(
                RecordingFinished.class, e -> e.getRecording().getName().equals("acme-corp-call-1"));
        assertThat(finished.getRecording().getState()).isEqualTo("done");
        assertThat(finished.getRecording().getDuration()).isNotNull();
        assertThat(client.ari.recordings().listStored().execute())
                .extracting(StoredRecording::getName)
                .containsExactly("acme-corp-call-1");
        byte[] file = client.ari.recordings().getStoredFile("acme-corp-call-1").execute();
        try (AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(file))) {
            assertThat(audio.getFormat().getSampleRate()).isEqualTo(8000f);
            assertThat(audio.getFrameLength()).isPositive();
        }

        client.ari.bridges().record(bridge.getId(), "acme-corp-call-1b", "wav").execute();
        client.await(RecordingStarted.class, e -> e.getRecording().getName().equals("acme-corp-call-1b"));
        client.ari.bridges().destroy(bridge.getId()).execute();
        client.await(RecordingFinished.class, e -> e.getRecording().getName().equals("acme-corp-call-1b"));
        assertThat(sim.storedRecordings())
                .extracting(SimRecording::name)
                .containsExactly("acme-corp-call-1", "acme-corp-call-1b");

        client.ari.recordings().deleteStored("acme-corp-call-1").execute();
        AriClient.assertAriError(
                404, () -> client.ari.recordings().getStored("acme-corp-call-1").execute());
    }

    @Test
    void theLatencyFromStasisStartToTheFirstRequestNamingTheChannelIsMeasured() throws Exception {
        SimCall call = answeredCall();

        assertThat(sim.firstRequestAfterStasisStart(call.channelId()))
                .hasValueSatisfying(latency -> assertThat(latency).isPositive());
        assertThat(sim.stasisStartLatencies()).hasSize(1);
        assertThat(sim.requests())
                .anySatisfy(r -> assertThat(r.path()).isEqualTo("/ari/channels/" + call.channelId() + "/answer"));
    }

    @Test
    void aCallArrivingWhileTheApplicationIsNotConnectedFailsStasisAsOnAsterisk() throws Exception {
        client.close();
        await().atMost(WAIT).until(() -> sim.connectedWebSockets().isEmpty());

        SimCall call = inboundCall();

        assertThat(call.stasisFailed()).isTrue();
        assertThat(call.awaitHangup(WAIT).by()).isEqualTo(Hangup.By.SIMULATOR);
        client = AriClient.connect(sim);
    }
}
