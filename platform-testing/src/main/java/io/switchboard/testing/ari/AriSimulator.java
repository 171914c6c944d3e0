package io.switchboard.testing.ari;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A faithful simulator of Asterisk 22's ARI for tests and benchmarks: the real REST paths, JSON models and event
 * WebSocket of the subset the platform uses, with scripted callers ({@link #inboundCall}) and scripted devices behind
 * endpoints ({@link #endpoints()}), so that ari4java and the services built on it run against it unchanged. Listens on
 * 127.0.0.1 only. Thread-safe.
 *
 * <pre>{@code
 * try (AriSimulator sim = AriSimulator.start("switchboard", "ariuser", "aripass")) {
 *     sim.endpoints().set("PJSIP/acme-corp-1001", EndpointBehaviour.answerAfter(Duration.ofMillis(50)));
 *     ARI ari = ARI.build(sim.baseUrl(), "switchboard", "ariuser", "aripass", AriVersion.ARI_10_0_0);
 *     ...
 *     SimCall call = sim.inboundCall(new InboundCall("acme-corp-trunk1", "+4930111222", "Caller",
 *             "+4930123456", "from-trunk-acme-corp", List.of("inbound", "acme-corp", "+4930123456")));
 *     call.awaitAnswered(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class AriSimulator implements AutoCloseable {

    /** The Asterisk version the simulator reports and whose ARI it follows. */
    public static final String ASTERISK_VERSION = "22.10.1";
    /** The ARI version of Asterisk 22 ({@code AriVersion.ARI_10_0_0} in ari4java). */
    public static final String ARI_VERSION = "10.0.0";

    private final String app;
    private final String user;
    private final String password;
    private final Vertx vertx;
    private final Pbx pbx;
    private final AriServer server;
    private final int port;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private volatile boolean recordRequests = true;

    private AriSimulator(String app, String user, String password, int port) {
        this.app = Objects.requireNonNull(app, "app");
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(2)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setBlockedThreadCheckInterval(10)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        this.pbx = new Pbx(new EndpointRegistry(null));
        pbx.defaultApp = app;
        this.server = new AriServer(vertx, pbx, user, password, this::record);
        try {
            this.port = server.start(port);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** Starts a simulator on 127.0.0.1 and a free port, for Stasis application {@code app} and one ARI user. */
    public static AriSimulator start(String app, String user, String password) {
        return start(app, user, password, 0);
    }

    /** Starts a simulator on 127.0.0.1:{@code port} (0 for a free port). */
    public static AriSimulator start(String app, String user, String password, int port) {
        return new AriSimulator(app, user, password, port);
    }

    /** The URL ari4java's {@code ARI.build(...)} takes: {@code http://127.0.0.1:<port>/}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** The port the simulator listens on. */
    public int port() {
        return port;
    }

    /** The Stasis application inbound calls enter. */
    public String app() {
        return app;
    }

    /** The endpoints and the behaviour of the devices behind them. */
    public EndpointRegistry endpoints() {
        return pbx.endpoints;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Scripted callers and channels

    /**
     * A call arrives: the channel is created in state Ring at the call's dialplan place and runs
     * {@code Stasis(app, args...)}, so the application receives StasisStart. If the application has no WebSocket,
     * Stasis fails as on Asterisk and the call is hung up ({@link SimChannel#stasisFailed()}).
     */
    public SimCall inboundCall(InboundCall call) {
        return pbx.inboundCall(call, app);
    }

    /**
     * A SIP MESSAGE (an SMS from a carrier) arrives on {@code text.endpoint()}: applications subscribed to that endpoint
     * or to its technology ({@code POST /applications/{app}/subscription?eventSource=endpoint:PJSIP}), or connected
     * with {@code subscribeAll}, receive TextMessageReceived; no other application does.
     *
     * @return the applications it was sent to, empty when none was subscribed
     */
    public List<String> inboundText(InboundText text) {
        return pbx.inboundText(text);
    }

    /** The channels that exist now. */
    public List<SimChannel> liveChannels() {
        synchronized (pbx) {
            return List.copyOf(pbx.channels.values());
        }
    }

    /** A channel that exists now, by id. */
    public Optional<SimChannel> channel(String channelId) {
        synchronized (pbx) {
            return Optional.ofNullable(pbx.channels.get(channelId));
        }
    }

    /**
     * Waits for a channel to {@code endpoint} ({@code PJSIP/acme-corp-1001}) that Asterisk dialed (originate or
     * create) and that this method did not return before, and returns it; fails the test after {@code timeout}.
     */
    public SimChannel awaitChannelTo(String endpoint, Duration timeout) {
        String wanted = EndpointRegistry.normalize(endpoint);
        pbx.await(timeout, () -> nextDialed(wanted, false) != null, () -> "No new channel to " + wanted);
        synchronized (pbx) {
            return nextDialed(wanted, true);
        }
    }

    private SimChannel nextDialed(String endpoint, boolean take) {
        for (SimChannel ch : pbx.dialedHistory) {
            if (ch.endpoint.equals(endpoint) && !ch.handedOut) {
                if (take) {
                    ch.handedOut = true;
                }
                return ch;
            }
        }
        return null;
    }

    /** The bridges that exist now. */
    public List<SimBridge> bridges() {
        synchronized (pbx) {
            return pbx.bridges.values().stream().map(Pbx.Bridge::snapshot).toList();
        }
    }

    /** The stored recordings (what finished recordings left behind). */
    public List<SimRecording> storedRecordings() {
        synchronized (pbx) {
            return List.copyOf(pbx.storedRecordings.values());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Observing the application

    /** Every request received so far (REST and WebSocket upgrades), in the order they were answered. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Forgets the recorded requests and the StasisStart latencies (e.g. between a benchmark's warm-up and run). */
    public void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
        synchronized (pbx) {
            pbx.stasisLatency.clear();
        }
    }

    /** Whether to keep every request for {@link #requests()} (on by default; a long benchmark may turn it off). */
    public void setRecordRequests(boolean record) {
        this.recordRequests = record;
    }

    private void record(RecordedRequest request) {
        if (recordRequests) {
            synchronized (requests) {
                requests.add(request);
            }
        }
    }

    /**
     * The time from emitting the channel's last StasisStart to the first REST request that names the channel (in
     * its path or a query parameter), or empty if there was none yet.
     */
    public Optional<Duration> firstRequestAfterStasisStart(String channelId) {
        synchronized (pbx) {
            return pbx.stasisStartToFirstRequest(channelId);
        }
    }

    /** Every measured StasisStart-to-first-request latency since the start or {@link #clearRequests()}. */
    public List<Duration> stasisStartLatencies() {
        synchronized (pbx) {
            return pbx.stasisLatency.values().stream()
                    .filter(l -> l[1] != 0)
                    .map(l -> Duration.ofNanos(l[1] - l[0]))
                    .toList();
        }
    }

    /**
     * The events written to application WebSockets, in the order they were written (the wire order; ari4java 0.18
     * may hand a burst of them to its callback in another order). Keeps the latest 50,000 while recording is on.
     */
    public List<SentEvent> sentEvents() {
        synchronized (pbx) {
            return List.copyOf(pbx.sentEvents);
        }
    }

    /** The types of the events sent about channel {@code channelId}, in the order they were written. */
    public List<String> sentEventTypes(String channelId) {
        synchronized (pbx) {
            return pbx.sentEvents.stream()
                    .filter(e -> channelId.equals(e.channelId()))
                    .map(SentEvent::type)
                    .toList();
        }
    }

    /** Whether to keep sent events for {@link #sentEvents()} (on by default; a long benchmark may turn it off). */
    public void setRecordEvents(boolean record) {
        synchronized (pbx) {
            pbx.recordEvents = record;
            if (!record) {
                pbx.sentEvents.clear();
            }
        }
    }

    /** The event WebSockets connected now. */
    public List<SimWebSocket> connectedWebSockets() {
        synchronized (pbx) {
            return pbx.sessions.stream()
                    .map(s -> new SimWebSocket(s.apps, s.subscribeAll, s.remoteAddress, s.connectedAt))
                    .toList();
        }
    }

    /** Waits until application {@code app} has an event WebSocket; fails the test after {@code timeout}. */
    public void awaitApplication(String app, Duration timeout) {
        pbx.await(timeout, () -> pbx.isRegistered(app), () -> "Application " + app + " did not connect");
    }

    /** The module names the application reloaded with {@code PUT /asterisk/modules/{name}}, in order. */
    public List<String> reloadedModules() {
        synchronized (pbx) {
            return List.copyOf(pbx.reloadedModules);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Faults

    /** Abruptly closes every event WebSocket (the TCP connection, no close frame), as a network failure would. */
    public void dropWebSockets() {
        server.dropWebSockets();
    }

    /**
     * While false, every REST request gets 503 {@code {"message": "Asterisk not booted"}} and WebSocket upgrades are
     * refused with 503; existing WebSockets are dropped.
     */
    public void setAvailable(boolean available) {
        server.setAvailable(available);
        if (!available) {
            server.dropWebSockets();
        }
    }

    /** Whether the simulator accepts requests (see {@link #setAvailable(boolean)}). */
    public boolean isAvailable() {
        return server.isAvailable();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Settings

    /** How long every media URI plays before PlaybackFinished (default 100 ms). */
    public void setPlaybackDuration(Duration duration) {
        synchronized (pbx) {
            pbx.defaultPlaybackDuration = duration;
        }
    }

    /** How long one media URI ({@code sound:queue-thankyou}) plays, overriding the default. */
    public void setPlaybackDuration(String media, Duration duration) {
        synchronized (pbx) {
            pbx.playbackDurations.put(media, duration);
        }
    }

    /** ari.conf's {@code channelvars}: the variables every channel JSON carries in {@code channelvars}. */
    public void setChannelVars(List<String> names) {
        synchronized (pbx) {
            pbx.channelVars = List.copyOf(names);
        }
    }

    /**
     * Whether ChannelHangupRequest and ChannelDestroyed carry {@code tech_cause} (the SIP response code) when a device
     * refused a call, as Asterisk does since 22.7 (default true). Set false to emulate Asterisk 22.0 to 22.6.
     */
    public void setReportTechCause(boolean report) {
        synchronized (pbx) {
            pbx.reportTechCause = report;
        }
    }

    /**
     * Turns on the control API of the standalone simulator under {@code /sim/} (same credentials as ARI): place calls,
     * press digits, hang up, set endpoint behaviours and read statistics with curl. See platform-testing/README.md.
     */
    public void enableControlApi() {
        server.control = (method, path, query) -> {
            try {
                return control(
                        method, List.of(path.substring(5).split("/")), new AriCall(java.util.Map.of(), query, null));
            } catch (AriError e) {
                return AriReply.error(e);
            } catch (IllegalArgumentException | IllegalStateException e) {
                return AriReply.error(AriError.badRequest(e.getMessage()));
            }
        };
    }

    private AriReply control(String method, List<String> segments, AriCall call) {
        String route = method + " " + segments.getFirst() + (segments.size() > 2 ? "/" + segments.get(2) : "");
        switch (route) {
            case "POST calls" -> {
                SimCall simCall = inboundCall(new InboundCall(
                        call.param("endpoint", "trunk"),
                        call.param("from", ""),
                        call.param("name", ""),
                        call.param("to", "s"),
                        call.param("context", "default"),
                        Pbx.splitArgs(call.param("args"))));
                return AriReply.ok(AriJson.object().put("channel_id", simCall.channelId()));
            }
            case "POST texts" -> {
                String from = call.param("from", "");
                String to = call.param("to", "");
                List<String> receivers = inboundText(new InboundText(
                        call.param("endpoint", "trunk"),
                        call.param("name", null),
                        from.contains(":") ? from : "sip:" + from + "@carrier.example",
                        to.contains(":") ? to : "sip:" + to + "@switchboard.example",
                        call.param("body", ""),
                        java.util.Map.of()));
                var reply = AriJson.object();
                var applications = reply.putArray("applications");
                receivers.forEach(applications::add);
                return AriReply.ok(reply);
            }
            case "POST channels/digits" -> controlled(segments).pressDigits(call.param("digits", ""));
            case "POST channels/hangup" -> controlled(segments).hangup(call.intParam("cause", 16));
            case "POST channels/answer" -> controlled(segments).answer();
            case "PUT endpoints" ->
                endpoints()
                        .set(
                                segments.get(1) + "/" + segments.get(2),
                                AriSimulatorMain.behaviour(call.param("behaviour")));
            case "GET stats" -> {
                List<Long> micros = stasisStartLatencies().stream()
                        .map(d -> d.toNanos() / 1000)
                        .sorted()
                        .toList();
                var stats = AriJson.object().put("live_channels", liveChannels().size());
                stats.put("requests", requests().size());
                var latency = stats.putObject("stasis_start_to_first_request_us");
                latency.put("count", micros.size());
                if (!micros.isEmpty()) {
                    latency.put("p50", micros.get(micros.size() / 2));
                    latency.put("p99", micros.get(Math.min(micros.size() - 1, micros.size() * 99 / 100)));
                }
                return AriReply.ok(stats);
            }
            default -> throw AriError.notFound("Resource not found");
        }
        return AriReply.noContent();
    }

    private SimChannel controlled(List<String> segments) {
        return channel(segments.get(1)).orElseThrow(() -> AriError.notFound("Channel not found"));
    }

    /** Stops the server and the timers; channels still up end without events. */
    @Override
    public void close() {
        server.close();
        pbx.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort
        }
    }
}
