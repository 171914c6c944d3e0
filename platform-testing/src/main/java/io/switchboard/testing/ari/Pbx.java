package io.switchboard.testing.ari;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The simulated telephony core: channels, bridges, playbacks, recordings, Stasis applications and their
 * subscriptions, and the ARI events they produce, in the order Asterisk 22 produces them. Every state change happens
 * under this object's monitor; events are handed to the WebSocket sessions in that same order.
 */
final class Pbx {

    private static final int MAX_PUBLIC_UNIQUEID = 149;
    private static final Set<String> RECORDING_FORMATS =
            Set.of("wav", "wav16", "WAV", "gsm", "ulaw", "alaw", "sln", "sln16", "g722", "g729", "ogg");

    final String asteriskId;
    final Instant startupTime = Instant.now();
    Instant lastReloadTime = startupTime;
    /** One thread runs every delayed step, so steps due at the same time run in the order they were scheduled. */
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("ari-simulator-timer").daemon().unstarted(r));

    final EndpointRegistry endpoints;

    final Map<String, SimChannel> channels = new LinkedHashMap<>();
    /** The latest channels Asterisk dialed (originate, create), for tests that wait for one. */
    final java.util.ArrayDeque<SimChannel> dialedHistory = new java.util.ArrayDeque<>();

    final Map<String, Bridge> bridges = new LinkedHashMap<>();
    final Map<String, Playback> playbacks = new LinkedHashMap<>();
    final Map<String, Recording> liveRecordings = new LinkedHashMap<>();
    final Map<String, SimRecording> storedRecordings = new LinkedHashMap<>();
    final Map<String, App> apps = new LinkedHashMap<>();
    final List<Session> sessions = new ArrayList<>();
    final Set<String> modules = new LinkedHashSet<>(List.of(
            "res_ari.so",
            "res_stasis.so",
            "res_pjsip.so",
            "chan_pjsip.so",
            "res_pjsip_outbound_registration.so",
            "res_pjsip_endpoint_identifier_ip.so",
            "res_sorcery_realtime.so",
            "res_config_pgsql.so",
            "app_queue.so",
            "app_voicemail.so",
            "res_musiconhold.so",
            "pbx_config.so"));
    final List<String> reloadedModules = new ArrayList<>();

    /** Channel id -> [nanoTime of the last StasisStart, nanoTime of the first request naming it after, or 0]. */
    final Map<String, long[]> stasisLatency = new LinkedHashMap<>();

    /** The most recent events written to WebSockets, oldest first, if recording is on. */
    final java.util.ArrayDeque<SentEvent> sentEvents = new java.util.ArrayDeque<>();

    boolean recordEvents = true;
    static final int SENT_EVENTS_KEPT = 50_000;

    List<String> channelVars = List.of();
    boolean reportTechCause = true;
    Duration defaultPlaybackDuration = Duration.ofMillis(100);
    final Map<String, Duration> playbackDurations = new LinkedHashMap<>();

    private final long idEpoch = Instant.now().getEpochSecond();
    private long uniqueCounter;
    private long nameCounter = 0x2a;
    private boolean closed;

    Pbx(EndpointRegistry endpoints) {
        this.endpoints = endpoints;
        byte[] eid = new byte[6];
        ThreadLocalRandom.current().nextBytes(eid);
        eid[0] = (byte) ((eid[0] & 0xfc) | 0x02); // a locally administered MAC, like Asterisk's default entity id
        this.asteriskId = HexFormat.ofDelimiter(":").formatHex(eid);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Concurrency helpers

    /** Runs {@code action} under the monitor and wakes every waiting test thread afterwards. */
    synchronized <T> T execute(Supplier<T> action) {
        try {
            return action.get();
        } finally {
            notifyAll();
        }
    }

    synchronized void run(Runnable action) {
        try {
            action.run();
        } finally {
            notifyAll();
        }
    }

    /** Runs {@code action} under the monitor after {@code delay} (at least 1 ms, i.e. after the current request). */
    ScheduledFuture<?> schedule(Duration delay, Runnable action) {
        long ms = Math.max(1, delay.toMillis());
        return scheduler.schedule(
                () -> run(() -> {
                    if (!closed) {
                        action.run();
                    }
                }),
                ms,
                TimeUnit.MILLISECONDS);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void scheduleFor(SimChannel ch, Duration delay, Runnable action) {
        ch.timers.add(schedule(delay, () -> {
            if (!ch.destroyed) {
                action.run();
            }
        }));
    }

    private void cancelTimers(SimChannel ch) {
        ch.timers.forEach(Pbx::cancel);
        ch.timers.clear();
    }

    void await(Duration timeout, BooleanSupplier condition, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(failure.get() + " within " + timeout);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted while waiting: " + failure.get(), e);
                }
            }
        }
    }

    synchronized void close() {
        closed = true;
        scheduler.shutdownNow();
        for (SimChannel ch : List.copyOf(channels.values())) {
            cancelTimers(ch);
            ch.destroyed = true;
            ch.hangup = new Hangup(HangupCauses.NORMAL_CLEARING, HangupCauses.text(16), Hangup.By.SIMULATOR);
        }
        channels.clear();
        notifyAll();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Ids

    String newChannelId() {
        return idEpoch + "." + uniqueCounter++;
    }

    String newChannelName(String endpoint) {
        return endpoint + "-" + String.format("%08x", nameCounter++);
    }

    String newCallId() {
        return UUID.randomUUID().toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Applications, WebSocket sessions and subscriptions

    /** A Stasis application: registered while a WebSocket holds it, remembered with its subscriptions otherwise. */
    static final class App {
        final String name;
        Session session;
        boolean subscribeAll;
        final Map<String, Integer> channelInterest = new LinkedHashMap<>();
        final Set<String> bridgeSubscriptions = new LinkedHashSet<>();
        final Set<String> endpointSubscriptions = new LinkedHashSet<>();

        App(String name) {
            this.name = name;
        }
    }

    /** An event WebSocket: {@code writer} sends one text frame, {@code aborter} drops the TCP connection. */
    static final class Session {
        final List<String> apps;
        final boolean subscribeAll;
        final String remoteAddress;
        final Instant connectedAt = Instant.now();
        final Consumer<String> writer;
        final Runnable aborter;

        Session(
                List<String> apps,
                boolean subscribeAll,
                String remoteAddress,
                Consumer<String> writer,
                Runnable aborter) {
            this.apps = apps;
            this.subscribeAll = subscribeAll;
            this.remoteAddress = remoteAddress;
            this.writer = writer;
            this.aborter = aborter;
        }
    }

    synchronized void register(Session session) {
        sessions.add(session);
        for (String name : session.apps) {
            App app = apps.computeIfAbsent(name, App::new);
            if (app.session != null && app.session != session) {
                ObjectNode replaced = AriJson.event("ApplicationReplaced", Instant.now());
                send(app.session, replaced, name);
            }
            app.session = session;
            app.subscribeAll = session.subscribeAll;
        }
        notifyAll();
    }

    synchronized void unregister(Session session) {
        sessions.remove(session);
        for (App app : apps.values()) {
            if (app.session == session) {
                app.session = null;
            }
        }
        notifyAll();
    }

    private void send(Session session, ObjectNode event, String appName) {
        ObjectNode copy = event.deepCopy();
        copy.put("asterisk_id", asteriskId);
        copy.put("application", appName);
        session.writer.accept(AriJson.write(copy));
    }

    /** Sends {@code event} to each application of {@code targets} that has a WebSocket (events of others are lost). */
    private void emit(ObjectNode event, Collection<App> targets) {
        if (targets.isEmpty()) {
            return;
        }
        String json = AriJson.write(event);
        String head = json.substring(0, json.length() - 1) + ",\"asterisk_id\":\"" + asteriskId + "\",\"application\":";
        String channelId = recordEvents ? channelIdOf(event) : null;
        for (App app : targets) {
            if (app.session != null) {
                String frame = head + AriJson.write(app.name) + "}";
                app.session.writer.accept(frame);
                if (recordEvents) {
                    keep(new SentEvent(app.name, event.path("type").asText(), channelId, frame, System.nanoTime()));
                }
            }
        }
    }

    private void keep(SentEvent sent) {
        sentEvents.addLast(sent);
        if (sentEvents.size() > SENT_EVENTS_KEPT) {
            sentEvents.removeFirst();
        }
    }

    private static String channelIdOf(ObjectNode event) {
        if (event.has("channel")) {
            return event.get("channel").path("id").asText();
        }
        if (event.has("peer")) {
            return event.get("peer").path("id").asText();
        }
        return null;
    }

    private void emitToApp(ObjectNode event, String appName) {
        App app = apps.get(appName);
        if (app != null) {
            emit(event, List.of(app));
        }
    }

    Set<App> channelSubscribers(SimChannel ch) {
        Set<App> result = new LinkedHashSet<>();
        for (App app : apps.values()) {
            if (app.subscribeAll || app.channelInterest.containsKey(ch.id)) {
                result.add(app);
            }
        }
        return result;
    }

    /** Apps subscribed to a bridge: explicitly, through all-subscription, or through their Stasis channels in it. */
    Set<App> bridgeSubscribers(Bridge bridge) {
        Set<App> result = new LinkedHashSet<>();
        for (App app : apps.values()) {
            if (app.subscribeAll || app.bridgeSubscriptions.contains(bridge.id)) {
                result.add(app);
            }
        }
        for (SimChannel ch : bridge.channels) {
            if (ch.stasisApp != null) {
                result.add(apps.get(ch.stasisApp));
            }
        }
        return result;
    }

    private Set<App> union(Set<App> a, Set<App> b) {
        Set<App> result = new LinkedHashSet<>(a);
        result.addAll(b);
        return result;
    }

    private void subscribe(String appName, SimChannel ch) {
        App app = apps.computeIfAbsent(appName, App::new);
        app.channelInterest.merge(ch.id, 1, Integer::sum);
    }

    private void unsubscribe(String appName, SimChannel ch) {
        App app = apps.get(appName);
        if (app != null) {
            app.channelInterest.computeIfPresent(ch.id, (id, n) -> n > 1 ? n - 1 : null);
        }
    }

    boolean isRegistered(String appName) {
        App app = apps.get(appName);
        return app != null && app.session != null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Channel events

    private ObjectNode channelJson(SimChannel ch) {
        return AriJson.channel(ch, channelVars);
    }

    private void emitChannelEvent(String type, SimChannel ch) {
        ObjectNode event = AriJson.event(type, Instant.now());
        event.set("channel", channelJson(ch));
        emit(event, channelSubscribers(ch));
    }

    private void setState(SimChannel ch, String state) {
        if (!state.equals(ch.state)) {
            ch.state = state;
            emitChannelEvent("ChannelStateChange", ch);
        }
    }

    private void emitDial(SimChannel peer, String dialstatus) {
        ObjectNode event = AriJson.event("Dial", Instant.now());
        event.put("dialstatus", dialstatus);
        event.put("forward", "");
        event.put("dialstring", peer.dialstring);
        event.set("peer", channelJson(peer));
        emit(event, channelSubscribers(peer));
    }

    void emitVarset(SimChannel ch, String variable, String value) {
        ObjectNode event = AriJson.event("ChannelVarset", Instant.now());
        event.put("variable", variable);
        event.put("value", value);
        event.set("channel", channelJson(ch));
        emit(event, channelSubscribers(ch));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stasis

    /**
     * The channel runs {@code Stasis(app, args)}: the app subscribes to it and receives StasisStart. If the app has
     * no WebSocket, Stasis() fails as on Asterisk and the dialplan ends: the channel is hung up.
     */
    void enterStasis(SimChannel ch, String appName, List<String> args, boolean dialplanEvent) {
        String appData = args.isEmpty() ? appName : appName + "," + String.join(",", args);
        if (dialplanEvent && !"Stasis".equals(ch.appName)) {
            ch.appName = "Stasis";
            ch.appData = appData;
            ObjectNode event = AriJson.event("ChannelDialplan", Instant.now());
            event.put("dialplan_app", "Stasis");
            event.put("dialplan_app_data", appData);
            event.set("channel", channelJson(ch));
            emit(event, channelSubscribers(ch));
        }
        ch.appName = "Stasis";
        ch.appData = appData;
        if (!isRegistered(appName)) {
            ch.stasisFailed = true;
            destroy(ch, 0, null, Hangup.By.SIMULATOR, 0, null);
            return;
        }
        subscribe(appName, ch);
        ch.stasisApp = appName;
        ch.lastApp = appName;
        ch.stasisArgs = List.copyOf(args);
        ch.stasisStarts++;
        ObjectNode event = AriJson.event("StasisStart", Instant.now());
        ArrayNode jsonArgs = event.putArray("args");
        args.forEach(jsonArgs::add);
        event.set("channel", channelJson(ch));
        emitToApp(event, appName);
        stasisLatency.put(ch.id, new long[] {System.nanoTime(), 0});
    }

    private void leaveStasis(SimChannel ch, boolean keepSubscription) {
        String app = ch.stasisApp;
        if (app == null) {
            return;
        }
        ch.stasisApp = null;
        ObjectNode event = AriJson.event("StasisEnd", Instant.now());
        event.set("channel", channelJson(ch));
        emitToApp(event, app);
        if (!keepSubscription) {
            unsubscribe(app, ch);
        }
    }

    /** The ARI control of a channel: it must exist (404) and be in Stasis (409), as {@code find_control}. */
    SimChannel control(String channelId) {
        SimChannel ch = channels.get(channelId);
        if (ch == null) {
            throw AriError.notFound("Channel not found");
        }
        if (ch.stasisApp == null) {
            throw AriError.conflict("Channel not in Stasis application");
        }
        return ch;
    }

    /** {@code channel_state_invalid}: operations on an outbound channel that is not answered yet fail with 412. */
    SimChannel controlInValidState(String channelId) {
        SimChannel ch = control(channelId);
        if ("Down".equals(ch.state) || "Ringing".equals(ch.state)) {
            throw AriError.preconditionFailed();
        }
        return ch;
    }

    SimChannel channel(String channelId) {
        return found(channels.get(channelId), "Channel not found");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Inbound calls

    synchronized SimCall inboundCall(InboundCall call, String appName) {
        try {
            String endpoint = EndpointRegistry.normalize(call.endpoint());
            SimCall ch = new SimCall(this, newChannelId(), newChannelName(endpoint), endpoint, call);
            ch.callerName = call.callerName();
            ch.callerNumber = call.callerNumber();
            ch.context = call.context();
            ch.exten = call.extension();
            ch.variables.putAll(call.variables());
            ch.tenantId = call.tenantId() != null
                    ? call.tenantId()
                    : endpoints
                            .behaviourOf(endpoint)
                            .map(EndpointBehaviour::tenantId)
                            .orElse(null);
            channels.put(ch.id, ch);
            enterStasis(ch, appName, call.args(), false);
            return ch;
        } finally {
            notifyAll();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Inbound text messages

    /**
     * A SIP MESSAGE arrives on an endpoint: as res/stasis/messaging.c, it goes to the applications subscribed to the
     * endpoint itself, to its technology ({@code endpoint:PJSIP}, matched as a case-insensitive prefix) or to all
     * endpoints ({@code subscribeAll}), each receiving TextMessageReceived; applications without a WebSocket miss it.
     *
     * @return the names of the applications it was sent to (none: Asterisk would log that no handler took it)
     */
    synchronized List<String> inboundText(InboundText text) {
        try {
            String endpoint = EndpointRegistry.normalize(text.endpoint());
            List<App> targets = new ArrayList<>();
            for (App app : apps.values()) {
                if (app.session != null && (app.subscribeAll || subscribedToMessagesOf(app, endpoint))) {
                    targets.add(app);
                }
            }
            if (targets.isEmpty()) {
                return List.of();
            }
            int slash = endpoint.indexOf('/');
            String state = endpoints
                    .behaviourOf(endpoint)
                    .map(b -> b.kind() == EndpointBehaviour.Kind.UNAVAILABLE ? "offline" : "online")
                    .orElse("unknown");
            List<String> channelIds = channels.values().stream()
                    .filter(ch -> ch.endpoint.equals(endpoint))
                    .map(ch -> ch.id)
                    .toList();
            ObjectNode event = AriJson.event("TextMessageReceived", Instant.now());
            event.set(
                    "endpoint",
                    AriJson.endpoint(endpoint.substring(0, slash), endpoint.substring(slash + 1), state, channelIds));
            ObjectNode message = event.putObject("message");
            message.put("from", text.asteriskFrom());
            message.put("to", text.asteriskTo());
            message.put("body", text.body());
            message.set("variables", AriJson.variables(text.variables(newCallId())));
            emit(event, targets);
            return targets.stream().map(app -> app.name).toList();
        } finally {
            notifyAll();
        }
    }

    /** An endpoint subscription ({@code PJSIP/acme_trunk-x}) or a technology one ({@code PJSIP}) covering it. */
    private static boolean subscribedToMessagesOf(App app, String endpoint) {
        for (String source : app.endpointSubscriptions) {
            boolean matches = source.contains("/")
                    ? source.equals(endpoint)
                    : endpoint.regionMatches(true, 0, source, 0, source.length());
            if (matches) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Outbound channels: originate, create, dial

    /** The parameters of an originate or create, after Asterisk's parsing of query and body. */
    record Origination(
            String endpoint,
            String extension,
            String context,
            long priority,
            String label,
            String app,
            String appArgs,
            String callerId,
            int timeout,
            String channelId,
            String originator,
            Map<String, String> variables,
            Set<String> reportableVariables) {}

    SimChannel originate(Origination o, boolean dialNow) {
        if (o.channelId() != null && o.channelId().length() > MAX_PUBLIC_UNIQUEID) {
            throw AriError.badRequest("Uniqueid length exceeds maximum of " + MAX_PUBLIC_UNIQUEID);
        }
        if (o.endpoint() == null || o.endpoint().isEmpty()) {
            throw AriError.badRequest("Endpoint must be specified");
        }
        int slash = o.endpoint().indexOf('/');
        if (slash <= 0 || slash == o.endpoint().length() - 1) {
            throw AriError.badRequest("Invalid endpoint specified");
        }
        DialplanLocation dialplanTarget = null;
        if (dialNow) {
            if (empty(o.app())) {
                if (empty(o.extension())) {
                    throw AriError.badRequest("Application or extension must be specified");
                }
                long priority = o.priority() > 0 ? o.priority() : 1;
                if (!empty(o.label())) {
                    priority = parseLabel(o.label());
                }
                dialplanTarget =
                        new DialplanLocation(empty(o.context()) ? "default" : o.context(), o.extension(), priority);
            }
        }
        if (!dialNow && empty(o.app())) {
            throw AriError.badRequest("Missing parameter app");
        }
        if (!empty(o.originator()) && !channels.containsKey(o.originator())) {
            throw AriError.badRequest("Provided originator channel was not found");
        }
        String technology = o.endpoint().substring(0, slash);
        String resource = o.endpoint().substring(slash + 1);
        if (!"PJSIP".equalsIgnoreCase(technology)) {
            throw allocationFailed();
        }
        String endpoint = "PJSIP/" + resource;
        EndpointBehaviour behaviour = endpoints.behaviourOf(endpoint).orElse(null);
        if (behaviour == null || behaviour.kind() == EndpointBehaviour.Kind.UNAVAILABLE) {
            throw allocationFailed();
        }
        String id = empty(o.channelId()) ? newChannelId() : o.channelId();
        if (channels.containsKey(id)) {
            throw AriError.conflict("Channel with given unique ID already exists");
        }
        SimChannel ch = new SimChannel(this, id, newChannelName(endpoint), endpoint, behaviour, "Down");
        ch.context = behaviour.context();
        ch.exten = "s";
        ch.tenantId = behaviour.tenantId();
        ch.dialstring = resource;
        if (!empty(o.callerId())) {
            String[] cid = parseCallerId(o.callerId());
            ch.callerName = cid[0];
            ch.callerNumber = cid[1];
            ch.connectedName = cid[0];
            ch.connectedNumber = cid[1];
        }
        ch.variables.putAll(o.variables());
        ch.reportableVars.addAll(o.reportableVariables());
        channels.put(id, ch);
        dialedHistory.addLast(ch);
        if (dialedHistory.size() > 10_000) {
            dialedHistory.removeFirst();
        }
        if (!empty(o.app())) {
            subscribe(o.app(), ch);
        }
        if (dialNow) {
            ch.pendingApp = o.app();
            ch.pendingAppArgs = splitArgs(o.appArgs());
            ch.pendingDialplan = dialplanTarget;
            // ast_dial's global timeout: the given seconds, none for -1, else 30 s
            int timeout = o.timeout() > 0 ? o.timeout() : o.timeout() == -1 ? 0 : 30;
            scheduleFor(ch, Duration.ofMillis(1), () -> startDial(ch, timeout, false));
        } else {
            // POST /channels/create: the channel runs Stasis(app, appArgs) at once, still Down, waiting for /dial
            scheduleFor(ch, Duration.ofMillis(1), () -> enterStasis(ch, o.app(), splitArgs(o.appArgs()), false));
        }
        return ch;
    }

    /** {@code POST /channels/{id}/dial}: dials a channel made by {@code /channels/create}. */
    void dial(String channelId, String callerId, int timeoutSeconds) {
        SimChannel ch = control(channelId);
        if (!"Down".equals(ch.state)) {
            throw AriError.conflict("Channel is not in the 'Down' state");
        }
        if (ch.behaviour == null || ch.dialing) {
            throw AriError.conflict("Dialing a channel not created by ARI");
        }
        if (!empty(callerId)) {
            SimChannel caller = channels.get(callerId);
            if (caller != null) {
                ch.connectedName = caller.callerName;
                ch.connectedNumber = caller.callerNumber;
                ch.language = caller.language;
            }
        }
        scheduleFor(ch, Duration.ofMillis(1), () -> startDial(ch, timeoutSeconds, true));
    }

    private void startDial(SimChannel ch, int timeoutSeconds, boolean byAri) {
        ch.dialing = true;
        ch.dialedByAri = byAri;
        emitDial(ch, "");
        EndpointBehaviour b = ch.behaviour;
        switch (b.kind()) {
            case ANSWER -> {
                if (b.ringDelay().compareTo(b.answerDelay()) < 0) {
                    scheduleFor(ch, b.ringDelay(), () -> ringing(ch));
                }
                scheduleFor(ch, b.answerDelay(), () -> deviceAnswered(ch));
            }
            case NO_ANSWER -> scheduleFor(ch, b.ringDelay(), () -> ringing(ch));
            case REJECT -> scheduleFor(ch, b.ringDelay(), () -> deviceRejected(ch, b.rejectCause()));
            case UNAVAILABLE -> throw new IllegalStateException("an unavailable endpoint has no channel");
        }
        if (timeoutSeconds > 0) {
            scheduleFor(ch, Duration.ofSeconds(timeoutSeconds), () -> dialTimedOut(ch));
        }
    }

    private void ringing(SimChannel ch) {
        if (!ch.dialing || ch.answered) {
            return;
        }
        setState(ch, "Ringing");
        emitDial(ch, "RINGING");
    }

    private void dialTimedOut(SimChannel ch) {
        if (!ch.dialing) {
            return;
        }
        ch.dialing = false;
        if (ch.dialedByAri) {
            // res_stasis's dial timeout: hangup cause 19, then ast_softhangup(AST_SOFTHANGUP_EXPLICIT)
            destroy(ch, HangupCauses.NO_ANSWER, softHangupRequest(), Hangup.By.TIMEOUT, 0, null);
        } else {
            // ast_dial's global timeout hangs the channel up directly: no ChannelHangupRequest
            destroy(ch, HangupCauses.NO_ANSWER, null, Hangup.By.TIMEOUT, 0, null);
        }
    }

    void deviceAnswers(SimChannel ch) {
        run(() -> {
            if (ch.destroyed || !ch.dialing) {
                throw new IllegalStateException(ch + " is not being dialed");
            }
            deviceAnswered(ch);
        });
    }

    private void deviceAnswered(SimChannel ch) {
        if (!ch.dialing) {
            return;
        }
        ch.dialing = false;
        ch.answered = true;
        setState(ch, "Up");
        emitDial(ch, "ANSWER");
        if (!ch.dialedByAri) {
            if (!empty(ch.pendingApp)) {
                enterStasis(ch, ch.pendingApp, ch.pendingAppArgs, true);
            } else if (ch.pendingDialplan != null) {
                ch.context = ch.pendingDialplan.context();
                ch.exten = ch.pendingDialplan.extension();
                ch.priority = ch.pendingDialplan.priority();
            }
        }
        Duration hangupAfter = ch.behaviour.hangupAfterAnswer();
        if (hangupAfter != null && !ch.destroyed) {
            scheduleFor(ch, hangupAfter, () -> remoteHangupNow(ch, HangupCauses.NORMAL_CLEARING));
        }
    }

    void deviceRejects(SimChannel ch, int cause) {
        run(() -> {
            if (ch.destroyed || !ch.dialing) {
                throw new IllegalStateException(ch + " is not being dialed");
            }
            deviceRejected(ch, cause);
        });
    }

    /** The device answered the INVITE with a failure: chan_pjsip queues a hangup with the cause and SIP code. */
    private void deviceRejected(SimChannel ch, int cause) {
        if (!ch.dialing) {
            return;
        }
        ch.dialing = false;
        int techCause = reportTechCause ? HangupCauses.sipResponse(cause) : 0;
        ObjectNode request = AriJson.object().put("cause", cause);
        if (techCause > 0) {
            request.put("tech_cause", techCause);
        }
        Runnable dialOutcome = ch.dialedByAri ? null : () -> emitDial(ch, HangupCauses.dialStatus(cause));
        destroy(ch, cause, request, Hangup.By.REMOTE, techCause, dialOutcome);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Hangup

    private static ObjectNode softHangupRequest() {
        return AriJson.object().put("cause", HangupCauses.SOFTHANGUP_EXPLICIT).put("soft", true);
    }

    /** {@code DELETE /channels/{id}}: hangup cause set, then {@code ast_softhangup(AST_SOFTHANGUP_EXPLICIT)}. */
    void hangupByApplication(String channelId, int cause) {
        SimChannel ch = channel(channelId);
        destroy(ch, cause, softHangupRequest(), Hangup.By.APPLICATION, 0, null);
    }

    private void scheduleNow(SimChannel ch, Runnable action) {
        scheduleFor(ch, Duration.ofMillis(1), action);
    }

    void remoteHangup(SimChannel ch, int cause) {
        run(() -> remoteHangupNow(ch, cause));
    }

    /** The far end hangs up (BYE): chan_pjsip queues a hangup with the cause. */
    private void remoteHangupNow(SimChannel ch, int cause) {
        if (ch.destroyed) {
            return;
        }
        ch.dialing = false;
        destroy(ch, cause, AriJson.object().put("cause", cause), Hangup.By.REMOTE, 0, null);
    }

    /**
     * Ends a channel with Asterisk's event order: ChannelHangupRequest (if requested), what a hangup stops
     * (PlaybackFinished, RecordingFinished), ChannelLeftBridge, StasisEnd, ChannelDestroyed.
     */
    private void destroy(
            SimChannel ch, int cause, ObjectNode hangupRequest, Hangup.By by, int techCause, Runnable afterRequest) {
        if (ch.destroyed) {
            return;
        }
        if (hangupRequest != null) {
            ObjectNode event = AriJson.event("ChannelHangupRequest", Instant.now());
            event.setAll(hangupRequest);
            event.set("channel", channelJson(ch));
            emit(event, channelSubscribers(ch));
        }
        if (afterRequest != null) {
            afterRequest.run();
        }
        cancelTimers(ch);
        ch.dialing = false;
        List<Playback> queued = List.copyOf(ch.playQueue);
        ch.playQueue.clear();
        for (Playback playback : queued) {
            if ("queued".equals(playback.state)) {
                playbacks.remove(playback.id); // flushed with the channel's command queue, without an event
            } else {
                endPlayback(playback);
            }
        }
        for (Recording recording : List.copyOf(liveRecordings.values())) {
            if (recording.channel == ch) {
                finishRecording(recording, false);
            }
        }
        if (ch.bridge != null) {
            leaveBridge(ch);
        }
        leaveStasis(ch, true);
        ObjectNode event = AriJson.event("ChannelDestroyed", Instant.now());
        event.put("cause", cause);
        event.put("cause_txt", HangupCauses.text(cause));
        if (techCause > 0) {
            event.put("tech_cause", techCause);
        }
        event.set("channel", channelJson(ch));
        emit(event, channelSubscribers(ch));
        ch.destroyed = true;
        ch.hangup = new Hangup(cause, HangupCauses.text(cause), by);
        channels.remove(ch.id);
        for (App app : apps.values()) {
            app.channelInterest.remove(ch.id);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Channel operations

    void answer(String channelId) {
        SimChannel ch = controlInValidState(channelId);
        if (!"Up".equals(ch.state)) {
            ch.answered = true;
            setState(ch, "Up");
        }
    }

    /** {@code POST /continue}: leaves Stasis (StasisEnd) for the given dialplan place, computed as Asterisk does. */
    void continueInDialplan(String channelId, String context, String extension, long priority, String label) {
        SimChannel ch = controlInValidState(channelId);
        String targetContext;
        String targetExten;
        if (empty(context)) {
            targetContext = ch.context;
            targetExten = empty(extension) ? ch.exten : extension;
        } else {
            targetContext = context;
            targetExten = empty(extension) ? "s" : extension;
        }
        long targetPriority;
        if (!empty(label)) {
            targetPriority = parseLabel(label);
        } else if (priority > 0) {
            targetPriority = priority;
        } else if (empty(context) && empty(extension)) {
            targetPriority = ch.priority + 1;
        } else {
            targetPriority = 1;
        }
        DialplanLocation target = new DialplanLocation(targetContext, targetExten, targetPriority);
        scheduleNow(ch, () -> {
            if (ch.bridge != null) {
                leaveBridge(ch);
            }
            leaveStasis(ch, false);
            ch.context = target.context();
            ch.exten = target.extension();
            ch.priority = target.priority();
            ch.appName = "";
            ch.appData = "";
            ch.continuedTo.add(target);
        });
    }

    void reenterStasis(SimChannel ch, List<String> args) {
        run(() -> {
            if (ch.destroyed || ch.stasisApp != null) {
                throw new IllegalStateException(ch + " is not in the dialplan");
            }
            ch.priority++;
            enterStasis(ch, ch.lastApp != null ? ch.lastApp : defaultApp, args, true);
        });
    }

    String defaultApp;

    /** {@code POST /redirect}: PJSIP redirects the call to {@code endpoint}, and the channel ends. */
    void redirect(String channelId, String endpoint) {
        SimChannel ch = controlInValidState(channelId);
        if (empty(endpoint)) {
            throw AriError.badRequest("Required parameter 'endpoint' not provided.");
        }
        int slash = endpoint.indexOf('/');
        if (slash <= 0) {
            throw AriError.unprocessable("Endpoint parameter '" + endpoint + "' does not contain tech/resource");
        }
        if (slash == endpoint.length() - 1) {
            throw AriError.unprocessable("No resource provided in endpoint parameter '" + endpoint + "'");
        }
        String tech = endpoint.substring(0, slash);
        if (!ch.endpoint.regionMatches(true, 0, tech, 0, tech.length())) {
            throw AriError.unprocessable(
                    "Endpoint technology '" + tech + "' does not match channel technology 'PJSIP'");
        }
        ch.redirectedTo = endpoint;
        scheduleNow(ch, () -> remoteHangupNow(ch, HangupCauses.NORMAL_CLEARING));
    }

    void setVariable(String channelId, String variable, String value) {
        if (empty(variable)) {
            throw AriError.badRequest("Variable name is required");
        }
        SimChannel ch = control(channelId);
        String v = value == null ? "" : value;
        if (variable.endsWith(")")) {
            writeFunction(ch, variable, v);
            return;
        }
        ch.variables.put(variable, v);
        emitVarset(ch, variable, v);
    }

    private void writeFunction(SimChannel ch, String function, String value) {
        switch (function.toUpperCase()) {
            case "CALLERID(NAME)" -> ch.callerName = value;
            case "CALLERID(NUM)", "CALLERID(NUMBER)" -> ch.callerNumber = value;
            case "CONNECTEDLINE(NAME)" -> ch.connectedName = value;
            case "CONNECTEDLINE(NUM)", "CONNECTEDLINE(NUMBER)" -> ch.connectedNumber = value;
            default -> throw AriError.badRequest("Failed to execute function");
        }
    }

    String getVariable(String channelId, String variable) {
        if (empty(variable)) {
            throw AriError.badRequest("Variable name is required");
        }
        SimChannel ch = channels.get(channelId);
        if (ch == null) {
            throw AriError.notFound("Provided channel was not found");
        }
        if (variable.endsWith(")")) {
            return switch (variable.toUpperCase()) {
                case "CALLERID(NAME)" -> ch.callerName;
                case "CALLERID(NUM)", "CALLERID(NUMBER)" -> ch.callerNumber;
                case "CONNECTEDLINE(NAME)" -> ch.connectedName;
                case "CONNECTEDLINE(NUM)", "CONNECTEDLINE(NUMBER)" -> ch.connectedNumber;
                case "CHANNEL(NAME)" -> ch.name;
                case "CHANNEL(UNIQUEID)" -> ch.id;
                case "CHANNEL(STATE)" -> ch.state;
                case "CHANNEL(LANGUAGE)" -> ch.language;
                default -> throw new AriError(500, "Unable to read provided function");
            };
        }
        String value = ch.variables.get(variable);
        if (value == null) {
            throw AriError.notFound("Provided variable was not found");
        }
        return value;
    }

    void pressDigits(SimChannel ch, String digits) {
        run(() -> {
            if (ch.destroyed) {
                throw new IllegalStateException(ch + " is hung up");
            }
            for (char digit : digits.toCharArray()) {
                ObjectNode event = AriJson.event("ChannelDtmfReceived", Instant.now());
                event.put("digit", String.valueOf(digit));
                event.put("duration_ms", 100);
                event.set("channel", channelJson(ch));
                emit(event, channelSubscribers(ch));
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Playbacks

    /** A playback of one or more media URIs on a channel; only the head of a channel's queue plays. */
    static final class Playback {
        final String id;
        final List<String> media;
        final String language;
        final String target;
        final SimChannel channel;
        int index;
        String state = "queued";
        ScheduledFuture<?> timer;
        long startedAtMillis;
        long remainingMillis;

        Playback(String id, List<String> media, String language, SimChannel channel) {
            this.id = id;
            this.media = media;
            this.language = language;
            this.target = "channel:" + channel.id;
            this.channel = channel;
        }
    }

    Playback play(String channelId, List<String> media, String lang, String playbackId) {
        SimChannel ch = controlInValidState(channelId);
        if (media.isEmpty() || media.stream().anyMatch(String::isEmpty)) {
            throw new AriError(500, "Failed to queue media for playback");
        }
        Playback playback = new Playback(
                empty(playbackId) ? UUID.randomUUID().toString() : playbackId,
                List.copyOf(media),
                empty(lang) ? ch.language : lang,
                ch);
        playbacks.put(playback.id, playback);
        ch.playQueue.addLast(playback);
        if (ch.playQueue.size() == 1) {
            scheduleNow(ch, () -> startMedia(playback));
        }
        return playback;
    }

    private Duration durationOf(String media) {
        return playbackDurations.getOrDefault(media, defaultPlaybackDuration);
    }

    private void startMedia(Playback playback) {
        if (!playbacks.containsKey(playback.id)) {
            return;
        }
        playback.state = "playing";
        playback.channel.playedMedia.add(playback.media.get(playback.index));
        emitPlayback("PlaybackStarted", playback);
        runMedia(playback, durationOf(playback.media.get(playback.index)).toMillis());
    }

    private void runMedia(Playback playback, long millis) {
        playback.startedAtMillis = System.currentTimeMillis();
        playback.remainingMillis = millis;
        playback.timer = schedule(Duration.ofMillis(millis), () -> mediaDone(playback));
    }

    private void mediaDone(Playback playback) {
        if (!playbacks.containsKey(playback.id) || !"playing".equals(playback.state)) {
            return;
        }
        if (playback.index < playback.media.size() - 1) {
            playback.state = "continuing";
            emitPlayback("PlaybackContinuing", playback);
            playback.index++;
            startMedia(playback);
        } else {
            finishPlayback(playback);
        }
    }

    /** Ends a playback (done, stopped or hung up): PlaybackFinished, and the channel's next playback starts. */
    private void finishPlayback(Playback playback) {
        endPlayback(playback);
        SimChannel ch = playback.channel;
        ch.playQueue.remove(playback);
        Playback next = ch.playQueue.peekFirst();
        if (next != null && !ch.destroyed) {
            startMedia(next);
        }
    }

    private void endPlayback(Playback playback) {
        cancel(playback.timer);
        playbacks.remove(playback.id);
        playback.state = "done";
        emitPlayback("PlaybackFinished", playback);
    }

    private void emitPlayback(String type, Playback playback) {
        ObjectNode event = AriJson.event(type, Instant.now());
        event.set("playback", AriJson.playback(playback));
        emit(event, channelSubscribers(playback.channel));
    }

    Playback playback(String playbackId) {
        return found(playbacks.get(playbackId), "Playback not found");
    }

    void stopPlayback(String playbackId) {
        Playback playback = playback(playbackId);
        if ("queued".equals(playback.state)) {
            playbacks.remove(playback.id);
            playback.channel.playQueue.remove(playback);
            playback.state = "done";
            emitPlayback("PlaybackFinished", playback);
        } else {
            finishPlayback(playback);
        }
    }

    void controlPlayback(String playbackId, String operation) {
        if (empty(operation)) {
            throw AriError.badRequest("Missing operation");
        }
        if (!Set.of("restart", "pause", "unpause", "reverse", "forward").contains(operation)) {
            throw AriError.badRequest("Invalid operation " + operation);
        }
        Playback playback = playback(playbackId);
        boolean playing = "playing".equals(playback.state) || "continuing".equals(playback.state);
        boolean allowed = switch (playback.state) {
            case "playing", "continuing" -> true;
            case "paused" -> operation.equals("pause") || operation.equals("unpause");
            case "queued" -> operation.equals("restart");
            default -> false;
        };
        if (!allowed) {
            throw AriError.conflict("Can only " + operation + " while media is playing");
        }
        switch (operation) {
            case "pause" -> {
                if (playing) {
                    cancel(playback.timer);
                    long played = System.currentTimeMillis() - playback.startedAtMillis;
                    playback.remainingMillis = Math.max(1, playback.remainingMillis - played);
                    playback.state = "paused";
                }
            }
            case "unpause" -> {
                if ("paused".equals(playback.state)) {
                    playback.state = "playing";
                    emitPlayback("PlaybackStarted", playback);
                    runMedia(playback, playback.remainingMillis);
                }
            }
            case "restart" -> {
                if (playing) {
                    cancel(playback.timer);
                    runMedia(
                            playback,
                            durationOf(playback.media.get(playback.index)).toMillis());
                }
            }
            default -> {
                // reverse and forward skip within the media; the simulated media has no position to move
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Bridges

    /** A Stasis bridge. */
    static final class Bridge {
        final String id;
        final String name;
        final String type;
        final String videoMode;
        final Instant created = Instant.now();
        final Set<SimChannel> channels = new LinkedHashSet<>();
        final List<Recording> recordings = new ArrayList<>();
        String mohClass;

        Bridge(String id, String name, String type, String videoMode) {
            this.id = id;
            this.name = name;
            this.type = type;
            this.videoMode = videoMode;
        }

        /** A smart mixing bridge uses simple_bridge for two parties and softmix beyond (a recorder counts). */
        String technology() {
            if ("holding".equals(type)) {
                return "holding_bridge";
            }
            return channels.size() + recordings.size() + (mohClass != null ? 1 : 0) > 2 ? "softmix" : "simple_bridge";
        }

        SimBridge snapshot() {
            return new SimBridge(
                    id,
                    name,
                    type,
                    technology(),
                    channels.stream().map(ch -> ch.id).toList(),
                    recordings.stream().map(r -> r.name).toList(),
                    mohClass);
        }
    }

    Bridge createBridge(String type, String bridgeId, String name) {
        if (!empty(bridgeId) && bridges.containsKey(bridgeId)) {
            throw AriError.conflict("Bridge with id '" + bridgeId + "' already exists");
        }
        boolean mixing = false;
        boolean holding = false;
        String videoMode = "talker";
        for (String requested : (empty(type) ? "mixing" : type).split(",")) {
            switch (requested.strip()) {
                case "mixing" -> mixing = true;
                case "holding" -> holding = true;
                case "video_sfu" -> videoMode = "sfu";
                case "video_single" -> videoMode = "single";
                default -> {
                    // dtmf_events, proxy_media, sdp_label change nothing the simulator models; unknown words are
                    // ignored
                }
            }
        }
        if ((!mixing && !holding && !"sfu".equals(videoMode)) || (mixing && holding)) {
            throw new AriError(500, "Unable to create bridge. Possible duplicate bridge id '" + bridgeId + "'");
        }
        String id = empty(bridgeId) ? UUID.randomUUID().toString() : bridgeId;
        Bridge bridge = new Bridge(id, name == null ? "" : name, holding ? "holding" : "mixing", videoMode);
        bridges.put(id, bridge);
        ObjectNode event = AriJson.event("BridgeCreated", Instant.now());
        event.set("bridge", AriJson.bridge(bridge));
        emit(event, bridgeSubscribers(bridge));
        return bridge;
    }

    Bridge bridge(String bridgeId) {
        return found(bridges.get(bridgeId), "Bridge not found");
    }

    /** The Stasis channels named by {@code addChannel}/{@code removeChannel}: 400 if unknown, 422 if not in Stasis. */
    List<SimChannel> bridgeChannels(List<String> ids) {
        if (ids.isEmpty()) {
            throw AriError.badRequest("Missing parameter channel");
        }
        List<SimChannel> result = new ArrayList<>();
        for (String id : ids) {
            SimChannel ch = channels.get(id);
            if (ch == null) {
                throw AriError.badRequest("Channel not found");
            }
            if (ch.stasisApp == null) {
                throw AriError.unprocessable("Channel not in Stasis application");
            }
            result.add(ch);
        }
        return result;
    }

    void addChannels(String bridgeId, List<String> channelIds) {
        Bridge bridge = bridge(bridgeId);
        List<SimChannel> toAdd = bridgeChannels(channelIds);
        for (SimChannel ch : toAdd) {
            if (liveRecordings.values().stream().anyMatch(r -> r.channel == ch)) {
                throw AriError.conflict("Channel " + ch.id + " currently recording");
            }
        }
        for (SimChannel ch : toAdd) {
            enterBridge(ch, bridge);
        }
    }

    private void enterBridge(SimChannel ch, Bridge bridge) {
        if (ch.bridge == bridge || !bridges.containsKey(bridge.id) || ch.stasisApp == null) {
            return;
        }
        if (ch.bridge != null) {
            leaveBridge(ch);
        }
        bridge.channels.add(ch);
        ch.bridge = bridge;
        ObjectNode event = AriJson.event("ChannelEnteredBridge", Instant.now());
        event.set("bridge", AriJson.bridge(bridge));
        event.set("channel", channelJson(ch));
        emit(event, union(bridgeSubscribers(bridge), channelSubscribers(ch)));
    }

    void removeChannels(String bridgeId, List<String> channelIds) {
        Bridge bridge = bridge(bridgeId);
        List<SimChannel> toRemove = bridgeChannels(channelIds);
        for (SimChannel ch : toRemove) {
            if (ch.bridge != bridge) {
                throw AriError.unprocessable("Channel not in this bridge");
            }
        }
        for (SimChannel ch : toRemove) {
            leaveBridge(ch);
        }
    }

    private void leaveBridge(SimChannel ch) {
        Bridge bridge = ch.bridge;
        Set<App> targets = union(bridgeSubscribers(bridge), channelSubscribers(ch));
        bridge.channels.remove(ch);
        ch.bridge = null;
        ObjectNode event = AriJson.event("ChannelLeftBridge", Instant.now());
        event.set("bridge", AriJson.bridge(bridge));
        event.set("channel", channelJson(ch));
        emit(event, targets);
    }

    void destroyBridge(String bridgeId) {
        Bridge bridge = bridge(bridgeId);
        {
            Set<App> targets = bridgeSubscribers(bridge);
            for (Recording recording : List.copyOf(bridge.recordings)) {
                finishRecording(recording, false);
            }
            for (SimChannel ch : List.copyOf(bridge.channels)) {
                leaveBridge(ch);
            }
            bridges.remove(bridge.id);
            ObjectNode event = AriJson.event("BridgeDestroyed", Instant.now());
            event.set("bridge", AriJson.bridge(bridge));
            emit(event, targets);
            for (App app : apps.values()) {
                app.bridgeSubscriptions.remove(bridge.id);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Recordings

    /** A live recording of a channel or a bridge. */
    static final class Recording {
        final String name;
        final String format;
        final String target;
        final SimChannel channel;
        final Bridge bridge;
        final Instant started = Instant.now();
        String state = "queued";
        int durationSeconds = -1;
        ScheduledFuture<?> maxDurationTimer;

        Recording(String name, String format, SimChannel channel, Bridge bridge) {
            this.name = name;
            this.format = format;
            this.channel = channel;
            this.bridge = bridge;
            this.target = channel != null ? "channel:" + channel.id : "bridge:" + bridge.id;
        }
    }

    Recording record(
            SimChannel channel,
            Bridge bridge,
            String name,
            String format,
            int maxDurationSeconds,
            String ifExists,
            String terminateOn) {
        if (maxDurationSeconds < 0) {
            throw AriError.badRequest("max_duration_seconds cannot be negative");
        }
        if (!Set.of("none", "any", "*", "#").contains(terminateOn)) {
            throw AriError.badRequest("terminateOn invalid");
        }
        if (!Set.of("fail", "overwrite", "append").contains(ifExists)) {
            throw AriError.badRequest("ifExists invalid");
        }
        if (empty(format) || !RECORDING_FORMATS.contains(format)) {
            throw AriError.unprocessable("specified format is unknown on this system");
        }
        if (empty(name) || name.contains("..")) {
            throw AriError.badRequest("Recording name invalid");
        }
        if (liveRecordings.containsKey(name) || ("fail".equals(ifExists) && storedRecordings.containsKey(name))) {
            throw AriError.conflict("Recording '" + name + "' already exists and can not be overwritten");
        }
        Recording recording = new Recording(name, format, channel, bridge);
        liveRecordings.put(name, recording);
        if (bridge != null) {
            bridge.recordings.add(recording);
        }
        schedule(Duration.ofMillis(1), () -> {
            if (liveRecordings.get(name) != recording) {
                return;
            }
            recording.state = "recording";
            emitRecording("RecordingStarted", recording);
            if (maxDurationSeconds > 0) {
                recording.maxDurationTimer =
                        schedule(Duration.ofSeconds(maxDurationSeconds), () -> finishRecording(recording, false));
            }
        });
        return recording;
    }

    Recording liveRecording(String name) {
        return found(liveRecordings.get(name), "Recording not found");
    }

    /** Ends a live recording: done (a stored recording with a WAV file) or canceled (nothing stored). */
    void finishRecording(Recording recording, boolean cancel) {
        if (liveRecordings.get(recording.name) != recording) {
            return;
        }
        cancel(recording.maxDurationTimer);
        liveRecordings.remove(recording.name);
        if (recording.bridge != null) {
            recording.bridge.recordings.remove(recording);
        }
        int seconds = (int) Duration.between(recording.started, Instant.now()).toSeconds();
        recording.durationSeconds = seconds;
        recording.state = cancel ? "canceled" : "done";
        if (!cancel) {
            byte[] file = recording.format.toLowerCase().startsWith("wav")
                    ? Wav.silence(Math.max(1, seconds), "wav16".equals(recording.format) ? 16000 : 8000)
                    : new byte[Math.max(1, seconds) * 8000];
            storedRecordings.put(
                    recording.name,
                    new SimRecording(recording.name, recording.format, recording.target, seconds, file));
        }
        emitRecording("RecordingFinished", recording);
    }

    private void emitRecording(String type, Recording recording) {
        ObjectNode event = AriJson.event(type, Instant.now());
        event.set("recording", AriJson.liveRecording(recording));
        Set<App> targets =
                recording.channel != null ? channelSubscribers(recording.channel) : bridgeSubscribers(recording.bridge);
        emit(event, targets);
    }

    SimRecording storedRecording(String name) {
        return found(storedRecordings.get(name), "Recording not found");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Requests naming channels: the StasisStart -> first command latency

    void noteRequestNaming(Collection<String> candidates, long receivedAtNanos) {
        for (String candidate : candidates) {
            long[] latency = stasisLatency.get(candidate);
            if (latency != null && latency[1] == 0 && receivedAtNanos >= latency[0]) {
                latency[1] = receivedAtNanos;
            }
        }
    }

    Optional<Duration> stasisStartToFirstRequest(String channelId) {
        long[] latency = stasisLatency.get(channelId);
        return latency == null || latency[1] == 0
                ? Optional.empty()
                : Optional.of(Duration.ofNanos(latency[1] - latency[0]));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    private static AriError allocationFailed() {
        return AriError.allocationFailed();
    }

    private static long parseLabel(String label) {
        try {
            long priority = Long.parseLong(label.strip());
            if (priority == 0) {
                throw AriError.badRequest("Requested priority is illegal");
            }
            return priority;
        } catch (NumberFormatException namedLabel) {
            // the simulator has no dialplan to look labels up in: a named label is taken as priority 1
            return 1;
        }
    }

    /** {@code ast_callerid_parse}: {@code "Name" <number>}, {@code Name <number>} or a bare number. */
    static String[] parseCallerId(String callerId) {
        String s = callerId.strip();
        int lt = s.lastIndexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            String name = s.substring(0, lt).strip();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            return new String[] {name, s.substring(lt + 1, gt).strip()};
        }
        if (s.chars().allMatch(c -> Character.isDigit(c) || "+*#-() ".indexOf(c) >= 0)) {
            return new String[] {"", s.replaceAll("[-() ]", "")};
        }
        return new String[] {s, ""};
    }

    /** Stasis application arguments: {@code appArgs} split on commas as the dialplan would. */
    static List<String> splitArgs(String appArgs) {
        if (empty(appArgs)) {
            return List.of();
        }
        return List.of(appArgs.split(",", -1));
    }

    /** {@code value}, or a 404 with Asterisk's {@code message} if there is none. */
    static <T> T found(T value, String message) {
        if (value == null) {
            throw AriError.notFound(message);
        }
        return value;
    }

    static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
