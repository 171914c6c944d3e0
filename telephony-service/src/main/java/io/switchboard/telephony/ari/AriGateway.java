package io.switchboard.telephony.ari;

import ch.loway.oss.ari4java.ARI;
import ch.loway.oss.ari4java.AriVersion;
import ch.loway.oss.ari4java.generated.models.Channel;
import ch.loway.oss.ari4java.generated.models.Message;
import ch.loway.oss.ari4java.tools.BaseAriAction;
import ch.loway.oss.ari4java.tools.RestException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.commons.db.LeaderLock;
import io.switchboard.telephony.config.TelephonyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The connection to the Asterisk REST Interface, through ari4java: the event WebSocket of the Stasis application and
 * the REST operations the call engine uses. It reconnects with backoff whenever the connection drops, and tells the
 * listener after every (re)connection so that calls can be reconciled with what Asterisk still has. Of several
 * replicas only the leader connects (an application's events must be handled once).
 */
@ApplicationScoped
public class AriGateway {

    /** The connection as readiness and the API report it. */
    public record State(boolean enabled, boolean connected, boolean leader, String lastError, Instant since) {}

    /** What the call engine hears from the gateway. */
    public interface Listener {
        void onEvent(Message message);

        void onConnected();
    }

    /** The event source of every PJSIP endpoint's text messages. */
    static final String MESSAGE_SOURCE = "endpoint:PJSIP";

    private final TelephonyConfig config;
    private final AtomicReference<State> state =
            new AtomicReference<>(new State(true, false, false, null, Instant.now()));
    private volatile ARI ari;
    private volatile AriEventStream events;
    private volatile Listener listener = new Listener() {
        public void onEvent(Message message) {}

        public void onConnected() {}
    };
    private volatile boolean running;
    private volatile boolean dropped;
    private Thread connector;

    public AriGateway(TelephonyConfig config) {
        this.config = config;
    }

    public void listen(Listener listener) {
        this.listener = listener;
    }

    void onStart(@Observes StartupEvent event) {
        // Asterisk adds fields to events over its releases (22.7 added tech_cause): read what is known, skip the rest.
        BaseAriAction.setObjectMapperLessStrict();
        if (!config.ari().enabled()) {
            state.set(new State(false, false, false, "disabled by configuration", Instant.now()));
            Log.info("ARI is disabled: no calls are handled by this instance");
            return;
        }
        running = true;
        connector = Thread.ofPlatform().name("ari-connector").daemon().start(this::connectLoop);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (connector != null) {
            connector.interrupt();
        }
        disconnect();
    }

    public State state() {
        return state.get();
    }

    public boolean isConnected() {
        return state.get().connected();
    }

    private void connectLoop() {
        LeaderLock lock = new LeaderLock("ari-connection");
        Duration backoff = Duration.ofMillis(250);
        while (running) {
            try {
                if (!lock.isHeld() && !lock.tryAcquire()) {
                    state.set(new State(true, false, false, "another replica holds the ARI connection", Instant.now()));
                    Thread.sleep(2_000);
                    continue;
                }
                if (ari == null || dropped) {
                    disconnect();
                    connect();
                    backoff = Duration.ofMillis(250);
                }
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                boolean first = state.get().connected() || state.get().lastError() == null;
                state.set(new State(true, false, lock.isHeld(), e.getMessage(), Instant.now()));
                if (first) {
                    Log.warnf(
                            "ARI at %s is unreachable (will retry): %s",
                            config.ari().url(), e.getMessage());
                }
                disconnect();
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(config.ari().maxReconnectDelay()) > 0
                        ? config.ari().maxReconnectDelay()
                        : backoff.multipliedBy(2);
                if (e instanceof java.sql.SQLException) {
                    lock.close();
                }
            }
        }
        lock.close();
    }

    private void connect() throws Exception {
        ARI client = ARI.build(
                config.ari().url(),
                config.ari().application(),
                config.ari().username(),
                config.ari().password(),
                AriVersion.ARI_10_0_0);
        ari = client;
        dropped = false;
        client.asterisk().getInfo().execute();
        events = AriEventStream.open(
                config.ari().url(),
                config.ari().application(),
                config.ari().username(),
                config.ari().password(),
                client.getModelImpl(Message.class).getClass(),
                message -> listener.onEvent(message),
                this::markDropped);
        subscribeToMessages(client);
        state.set(new State(true, true, true, null, Instant.now()));
        Log.infof("ARI connected at %s", config.ari().url());
        Thread.ofVirtual().start(() -> listener.onConnected());
    }

    /**
     * Text messages (SIP MESSAGE, e.g. SMS from a carrier) reach a Stasis application only through an endpoint
     * subscription (res/stasis/messaging.c). The application subscribes to the whole PJSIP technology rather than to
     * each trunk: trunks are realtime endpoints Asterisk may not have loaded yet when one is created, and an
     * endpoint subscription to one it does not know fails. Asterisk keeps the subscription while the application
     * exists; it is renewed on every connection. A failure costs inbound texts, not calls, so it is only logged.
     */
    private void subscribeToMessages(ARI client) {
        try {
            client.applications()
                    .subscribe(config.ari().application(), MESSAGE_SOURCE)
                    .execute();
        } catch (Exception e) {
            Log.warnf("ARI: no subscription to %s, inbound text messages will not arrive: %s", MESSAGE_SOURCE, e);
        }
    }

    private void markDropped(String reason) {
        if (!dropped) {
            dropped = true;
            state.set(new State(true, false, true, reason, Instant.now()));
            Log.warnf("%s; reconnecting", reason);
        }
    }

    private void disconnect() {
        AriEventStream stream = events;
        events = null;
        if (stream != null) {
            stream.close();
        }
        ARI client = ari;
        ari = null;
        if (client != null) {
            try {
                client.cleanup();
            } catch (Exception e) {
                Log.debugf("ARI cleanup: %s", e.toString());
            }
        }
    }

    private ARI ari() {
        ARI client = ari;
        if (client == null) {
            throw new AriException("ARI is not connected", 0, null);
        }
        return client;
    }

    // --- operations -------------------------------------------------------------------------------------------

    public void answer(String channelId) {
        command("answer", () -> ari().channels().answer(channelId).execute());
    }

    public void ring(String channelId) {
        command("ring", () -> ari().channels().ring(channelId).execute());
    }

    /** Hangs up with a Q.850 cause code. */
    public void hangup(String channelId, int cause) {
        command(
                "hangup",
                () -> ari().channels()
                        .hangup(channelId)
                        .setReason_code(Integer.toString(cause))
                        .execute());
    }

    public void play(String channelId, String playbackId, List<String> media) {
        command(
                "play",
                () -> ari().channels()
                        .playWithId(channelId, playbackId, String.join(",", media))
                        .execute());
    }

    public void stopPlayback(String playbackId) {
        command("stop playback", () -> ari().playbacks().stop(playbackId).execute());
    }

    /** Dials {@code endpoint}; the new channel enters the application with {@code appArgs} when it answers. */
    public Channel originate(
            String channelId,
            String endpoint,
            String appArgs,
            String callerId,
            int timeoutSeconds,
            Map<String, String> variables) {
        return call(
                "originate",
                () -> ari().channels()
                        .originate(endpoint)
                        .setChannelId(channelId)
                        .setApp(config.ari().application())
                        .setAppArgs(appArgs)
                        .setCallerId(callerId)
                        .setTimeout(timeoutSeconds)
                        .setVariables(variables)
                        .execute());
    }

    public void startMoh(String channelId) {
        command(
                "start music on hold",
                () -> ari().channels().startMoh(channelId).execute());
    }

    public void stopMoh(String channelId) {
        command("stop music on hold", () -> ari().channels().stopMoh(channelId).execute());
    }

    public void createBridge(String bridgeId) {
        command(
                "create bridge",
                () -> ari().bridges()
                        .create()
                        .setType("mixing")
                        .setBridgeId(bridgeId)
                        .execute());
    }

    public void addToBridge(String bridgeId, String... channelIds) {
        command(
                "add to bridge",
                () -> ari().bridges()
                        .addChannel(bridgeId, String.join(",", channelIds))
                        .execute());
    }

    public void destroyBridge(String bridgeId) {
        command("destroy bridge", () -> ari().bridges().destroy(bridgeId).execute());
    }

    public void recordBridge(String bridgeId, String name) {
        command(
                "record bridge",
                () -> ari().bridges()
                        .record(bridgeId, name, "wav")
                        .setIfExists("overwrite")
                        .execute());
    }

    public void setVariable(String channelId, String name, String value) {
        command(
                "set variable",
                () -> ari().channels()
                        .setChannelVar(channelId, name)
                        .setValue(value)
                        .execute());
    }

    /** Sends the channel into the dialplan; the application keeps receiving its events through a subscription. */
    public void continueInDialplan(String channelId, String context, String extension) {
        command(
                "subscribe",
                () -> ari().applications()
                        .subscribe(config.ari().application(), "channel:" + channelId)
                        .execute());
        command(
                "continue",
                () -> ari().channels()
                        .continueInDialplan(channelId)
                        .setContext(context)
                        .setExtension(extension)
                        .setPriority(1)
                        .execute());
    }

    /** The ids of the channels Asterisk has now. */
    public List<String> channelIds() {
        return call(
                "list channels",
                () -> ari().channels().list().execute().stream()
                        .map(Channel::getId)
                        .toList());
    }

    /** {@code online}, {@code offline}, or {@code unknown} when Asterisk cannot be asked. */
    public String endpointState(String endpointId) {
        try {
            String value = ari().endpoints()
                    .get()
                    .setTech("PJSIP")
                    .setResource(endpointId)
                    .execute()
                    .getState();
            return value == null ? "unknown" : value;
        } catch (Exception e) {
            return "unknown";
        }
    }

    public byte[] storedRecording(String name) {
        return call(
                "recording file", () -> ari().recordings().getStoredFile(name).execute());
    }

    public void reloadModule(String module) {
        command("reload " + module, () -> ari().asterisk().reloadModule(module).execute());
    }

    /** An ARI request with checked failures turned into {@link AriException}. */
    @FunctionalInterface
    private interface Request<T> {
        T send() throws Exception;
    }

    /** A request without a result. */
    @FunctionalInterface
    private interface Command {
        void send() throws Exception;
    }

    /**
     * Sends a command whose answer is not used. ari4java 0.18 returns a pooled connection before it reads the answer's
     * body, so under load another request can clear that body first, and the client then fails to parse a body of a
     * request Asterisk answered with success (2xx; other statuses raise {@link RestException} first). For a command
     * that is the success it looks like, so it is taken as one.
     */
    private void command(String what, Command command) {
        call(what, () -> {
            try {
                command.send();
            } catch (IllegalArgumentException e) {
                if (!String.valueOf(e.getMessage()).contains("\"content\" is null")) {
                    throw e;
                }
                Log.debugf("%s: Asterisk answered with success; ari4java lost the body it did not need", what);
            }
            return null;
        });
    }

    private <T> T call(String what, Request<T> request) {
        try {
            return request.send();
        } catch (RestException e) {
            throw new AriException(what + ": " + e.getMessage(), e.getCode(), e);
        } catch (AriException e) {
            throw e;
        } catch (Exception e) {
            throw new AriException(what + ": " + e.getMessage(), 0, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
