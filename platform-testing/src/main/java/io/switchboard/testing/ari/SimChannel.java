package io.switchboard.testing.ari;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Predicate;

/**
 * A simulated Asterisk channel: an inbound call leg ({@link SimCall}) or a channel Asterisk dialed to an endpoint.
 * Tests read its state, act as the party behind it (answer, press digits, hang up) and wait for what the ARI
 * application did to it. Thread-safe: every method synchronizes on the simulator.
 */
public class SimChannel {

    final Pbx pbx;
    final String id;
    final String name;
    final String endpoint;
    final String protocolId;
    final Instant created;
    final EndpointBehaviour behaviour;

    String state;
    String callerName = "";
    String callerNumber = "";
    String connectedName = "";
    String connectedNumber = "";
    String accountcode = "";
    String language = "en";
    String context;
    String exten;
    long priority = 1;
    String appName = "";
    String appData = "";
    String tenantId;
    final Map<String, String> variables = new LinkedHashMap<>();
    final Set<String> reportableVars = new LinkedHashSet<>();

    String stasisApp;
    String lastApp;
    List<String> stasisArgs = List.of();
    int stasisStarts;
    boolean stasisFailed;
    boolean answered;
    boolean ringingIndicated;
    boolean onHold;
    String mohClass;
    Pbx.Bridge bridge;
    final List<String> playedMedia = new ArrayList<>();
    final StringBuilder sentDtmf = new StringBuilder();
    final ArrayDeque<Pbx.Playback> playQueue = new ArrayDeque<>();
    final List<DialplanLocation> continuedTo = new ArrayList<>();
    String redirectedTo;
    Hangup hangup;
    boolean destroyed;
    /** Returned by {@link AriSimulator#awaitChannelTo} already. */
    boolean handedOut;

    /** Outbound: what happens when the device answers (enter this app with these args, or this dialplan place). */
    String pendingApp;

    List<String> pendingAppArgs = List.of();
    DialplanLocation pendingDialplan;
    /** Outbound: dialing is under way (originate or /dial); how the dial was started decides its events. */
    boolean dialing;

    boolean dialedByAri;
    String dialstring = "";
    final List<ScheduledFuture<?>> timers = new ArrayList<>();

    SimChannel(Pbx pbx, String id, String name, String endpoint, EndpointBehaviour behaviour, String state) {
        this.pbx = pbx;
        this.id = id;
        this.name = name;
        this.endpoint = endpoint;
        this.behaviour = behaviour;
        this.state = state;
        this.protocolId = pbx.newCallId();
        this.created = Instant.now();
    }

    /** The channel id, an Asterisk uniqueid such as {@code 1732480000.123}. */
    public String channelId() {
        return id;
    }

    /** The channel name, such as {@code PJSIP/acme-corp-1001-0000002a}. */
    public String name() {
        return name;
    }

    /** The endpoint of the channel, such as {@code PJSIP/acme-corp-1001}. */
    public String endpoint() {
        return endpoint;
    }

    /** The channel state as ARI reports it: Down, Ring, Ringing, Up. */
    public String state() {
        synchronized (pbx) {
            return state;
        }
    }

    /** Whether the channel is Up now (answered and not hung up). */
    public boolean isUp() {
        synchronized (pbx) {
            return !destroyed && "Up".equals(state);
        }
    }

    /** Whether the channel was ever answered (by the application or by the device). */
    public boolean isAnswered() {
        synchronized (pbx) {
            return answered;
        }
    }

    /** Whether the channel still exists. */
    public boolean isAlive() {
        synchronized (pbx) {
            return !destroyed;
        }
    }

    /** Whether the channel is in a Stasis application now. */
    public boolean isInStasis() {
        synchronized (pbx) {
            return stasisApp != null;
        }
    }

    /** How many times the channel entered Stasis (StasisStart events). */
    public int stasisStarts() {
        synchronized (pbx) {
            return stasisStarts;
        }
    }

    /** Whether entering Stasis failed because the application had no WebSocket (the call was hung up). */
    public boolean stasisFailed() {
        synchronized (pbx) {
            return stasisFailed;
        }
    }

    /** The arguments of the last StasisStart. */
    public List<String> stasisArgs() {
        synchronized (pbx) {
            return stasisArgs;
        }
    }

    /** The channel variables (set by the dialplan, originate or {@code POST /variable}). */
    public Map<String, String> variables() {
        synchronized (pbx) {
            return new LinkedHashMap<>(variables);
        }
    }

    /** The media URIs whose playback started on this channel, in order ({@code sound:hello-world}, ...). */
    public List<String> playedMedia() {
        synchronized (pbx) {
            return List.copyOf(playedMedia);
        }
    }

    /** The DTMF digits the application sent to the far end with {@code POST /dtmf}. */
    public String sentDtmf() {
        synchronized (pbx) {
            return sentDtmf.toString();
        }
    }

    /** The music-on-hold class playing to the channel, if any. */
    public Optional<String> mohClass() {
        synchronized (pbx) {
            return Optional.ofNullable(mohClass);
        }
    }

    /** Whether the application indicated hold to the far end ({@code POST /hold}). */
    public boolean isOnHold() {
        synchronized (pbx) {
            return onHold;
        }
    }

    /** Whether the application indicates ringing to the caller ({@code POST /ring}). */
    public boolean isRingingIndicated() {
        synchronized (pbx) {
            return ringingIndicated;
        }
    }

    /** The id of the bridge the channel is in, if any. */
    public Optional<String> bridgeId() {
        synchronized (pbx) {
            return Optional.ofNullable(bridge == null ? null : bridge.id);
        }
    }

    /** Where the channel is in the dialplan now. */
    public DialplanLocation dialplanLocation() {
        synchronized (pbx) {
            return new DialplanLocation(context, exten, priority);
        }
    }

    /** The endpoint the application redirected the channel to, if it did. */
    public Optional<String> redirectedTo() {
        synchronized (pbx) {
            return Optional.ofNullable(redirectedTo);
        }
    }

    /** How the channel ended, if it did. */
    public Optional<Hangup> hangupInfo() {
        synchronized (pbx) {
            return Optional.ofNullable(hangup);
        }
    }

    /** The caller id number of the channel. */
    public String callerNumber() {
        synchronized (pbx) {
            return callerNumber;
        }
    }

    /** The caller id name of the channel. */
    public String callerName() {
        synchronized (pbx) {
            return callerName;
        }
    }

    /** The party behind the channel hangs up (a BYE): cause 16, normal clearing. */
    public void hangup() {
        hangup(HangupCauses.NORMAL_CLEARING);
    }

    /** The party behind the channel hangs up with the Q.850 {@code cause}. */
    public void hangup(int cause) {
        pbx.remoteHangup(this, cause);
    }

    /** The party presses {@code digits}: one ChannelDtmfReceived per digit, 100 ms each, in order. */
    public void pressDigits(String digits) {
        pbx.pressDigits(this, digits);
    }

    /** The called device answers now (for a channel Asterisk is dialing, e.g. to a {@code noAnswer()} endpoint). */
    public void answer() {
        pbx.deviceAnswers(this);
    }

    /** The called device refuses the call now with {@code cause} (17 busy, 21 rejected, ...). */
    public void reject(int cause) {
        pbx.deviceRejects(this, cause);
    }

    /**
     * The dialplan sends the channel back into the Stasis application, {@code Stasis(app, args...)}: a new StasisStart
     * (for a channel the application had continued into the dialplan, e.g. a queue that timed out).
     */
    public void reenterStasis(List<String> args) {
        pbx.reenterStasis(this, args);
    }

    /** Waits until the channel is answered; fails the test if it is not within {@code timeout}. */
    public void awaitAnswered(Duration timeout) {
        pbx.await(timeout, () -> answered, () -> this + " was not answered");
    }

    /** Waits until the channel is in Stasis; fails the test if it is not within {@code timeout}. */
    public void awaitInStasis(Duration timeout) {
        pbx.await(timeout, () -> stasisApp != null, () -> this + " did not enter Stasis");
    }

    /** Waits until the channel is hung up and tells how; fails the test if it is not within {@code timeout}. */
    public Hangup awaitHangup(Duration timeout) {
        pbx.await(timeout, () -> hangup != null, () -> this + " was not hung up");
        synchronized (pbx) {
            return hangup;
        }
    }

    /**
     * Waits until the channel is in a bridge with a channel of {@code endpoint} ({@code PJSIP/acme-corp-1001}) and
     * returns that peer; fails the test if that does not happen within {@code timeout}.
     */
    public SimChannel awaitBridgedWith(String endpoint, Duration timeout) {
        String wanted = EndpointRegistry.normalize(endpoint);
        pbx.await(timeout, () -> bridgedPeer(wanted) != null, () -> this + " was not bridged with " + wanted);
        synchronized (pbx) {
            return bridgedPeer(wanted);
        }
    }

    private SimChannel bridgedPeer(String wanted) {
        if (bridge == null) {
            return null;
        }
        return bridge.channels.stream()
                .filter(peer -> peer != this && peer.endpoint.equals(wanted))
                .findFirst()
                .orElse(null);
    }

    /**
     * Waits until the application continued the channel into the dialplan at {@code context}/{@code extension}
     * ({@code POST /continue}); fails the test if it does not within {@code timeout}.
     */
    public DialplanLocation awaitContinuedTo(String context, String extension, Duration timeout) {
        Predicate<DialplanLocation> matches =
                l -> l.context().equals(context) && l.extension().equals(extension);
        pbx.await(
                timeout,
                () -> continuedTo.stream().anyMatch(matches),
                () -> this + " was not continued to " + context + "/" + extension + " (continued to " + continuedTo
                        + ")");
        synchronized (pbx) {
            return continuedTo.stream().filter(matches).findFirst().orElseThrow();
        }
    }

    /** Waits until a media URI matching {@code media} started playing on the channel and returns it. */
    public String awaitPlayed(Predicate<String> media, Duration timeout) {
        pbx.await(
                timeout,
                () -> playedMedia.stream().anyMatch(media),
                () -> this + " did not play the expected media (played " + playedMedia + ")");
        synchronized (pbx) {
            return playedMedia.stream().filter(media).findFirst().orElseThrow();
        }
    }

    @Override
    public String toString() {
        return "Channel " + name + " (" + id + ")";
    }
}
