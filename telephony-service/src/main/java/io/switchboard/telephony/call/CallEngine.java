package io.switchboard.telephony.call;

import ch.loway.oss.ari4java.generated.models.Channel;
import ch.loway.oss.ari4java.generated.models.ChannelDestroyed;
import ch.loway.oss.ari4java.generated.models.ChannelDtmfReceived;
import ch.loway.oss.ari4java.generated.models.ChannelHangupRequest;
import ch.loway.oss.ari4java.generated.models.ChannelStateChange;
import ch.loway.oss.ari4java.generated.models.ChannelVarset;
import ch.loway.oss.ari4java.generated.models.Message;
import ch.loway.oss.ari4java.generated.models.PlaybackFinished;
import ch.loway.oss.ari4java.generated.models.StasisEnd;
import ch.loway.oss.ari4java.generated.models.StasisStart;
import ch.loway.oss.ari4java.generated.models.TextMessageReceived;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.commons.tenant.TenantDirectory;
import io.switchboard.commons.tenant.TenantEntry;
import io.switchboard.commons.tenant.TenantTasks;
import io.switchboard.telephony.ara.AraNames;
import io.switchboard.telephony.ari.AriException;
import io.switchboard.telephony.ari.AriGateway;
import io.switchboard.telephony.call.CallLedger.Admission;
import io.switchboard.telephony.call.CallSession.Phase;
import io.switchboard.telephony.config.TelephonyConfig;
import io.switchboard.telephony.extension.ExtensionService;
import io.switchboard.telephony.routing.RoutingClient;
import io.switchboard.telephony.routing.RoutingDecision;
import io.switchboard.telephony.routing.RoutingRequest;
import io.switchboard.telephony.sms.SmsReceiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Call control over ARI. The dialplan hands every call to the Stasis application with
 * {@code Stasis(switchboard,<inbound|internal>,<tenant>,<number>)}; the engine identifies the tenant (and checks the
 * calling endpoint is the tenant's), counts the call against {@code maxConcurrentCalls}, asks routing for a decision
 * and executes it: ring an endpoint and bridge, continue into a queue, play an IVR menu and collect digits, call out
 * through a trunk, send to voicemail, or hang up with a cause. Each call's events are handled in order, on its own
 * mailbox; what must last is written through {@link CallLedger}.
 */
@ApplicationScoped
public class CallEngine implements AriGateway.Listener {

    static final String QUEUE_CONTEXT = "switchboard-queue";
    static final String VOICEMAIL_CONTEXT = "switchboard-voicemail";
    private static final Duration DIRECT_DIAL_PAUSE = Duration.ofMillis(1500);
    /** The cause text of a call whose end nobody saw: ARI was disconnected, or the service was restarting. */
    static final String LOST = "Channel ended while ARI was disconnected or the service was away";

    private final AriGateway ari;
    private final CallLedger ledger;
    private final RoutingClient routing;
    private final TenantDirectory directory;
    private final TenantTasks tasks;
    private final ExtensionService extensions;
    private final TelephonyConfig config;
    private final SmsReceiver sms;
    private final Map<String, CallSession> byChannel = new ConcurrentHashMap<>();
    private final Map<String, CallSession> byLeg = new ConcurrentHashMap<>();
    private final Map<String, CallSession> byPlayback = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("call-timers").daemon().factory());

    public CallEngine(
            AriGateway ari,
            CallLedger ledger,
            RoutingClient routing,
            TenantDirectory directory,
            TenantTasks tasks,
            ExtensionService extensions,
            TelephonyConfig config,
            SmsReceiver sms) {
        this.ari = ari;
        this.ledger = ledger;
        this.routing = routing;
        this.directory = directory;
        this.tasks = tasks;
        this.extensions = extensions;
        this.config = config;
        this.sms = sms;
    }

    void onStart(@Observes StartupEvent event) {
        ari.listen(this);
    }

    void onStop(@Observes ShutdownEvent event) {
        timers.shutdownNow();
        executor.shutdown();
    }

    /** The calls this instance handles now. */
    public int activeCalls() {
        return byChannel.size();
    }

    // --- events ---------------------------------------------------------------------------------------------------

    @Override
    public void onEvent(Message message) {
        switch (message) {
            case StasisStart start -> onStasisStart(start);
            case ChannelDtmfReceived dtmf -> withCall(dtmf.getChannel().getId(), s -> onDigit(s, dtmf.getDigit()));
            case PlaybackFinished finished -> {
                CallSession session = byPlayback.remove(finished.getPlayback().getId());
                if (session != null) {
                    session.mailbox.submit(() ->
                            onPlaybackFinished(session, finished.getPlayback().getId()));
                }
            }
            case ChannelStateChange change -> onStateChange(change.getChannel());
            case ChannelVarset varset -> onVarset(varset);
            case ChannelHangupRequest request -> onHangupRequest(request);
            case StasisEnd end -> onStasisEnd(end.getChannel().getId());
            case ChannelDestroyed destroyed -> onDestroyed(destroyed);
            case TextMessageReceived text -> sms.onText(text);
            default -> {
                // other events (bridges, recordings, StasisEnd) change nothing the engine tracks
            }
        }
    }

    /** After every (re)connection: calls whose channels Asterisk no longer has ended while nobody listened. */
    @Override
    public void onConnected() {
        Set<String> live;
        try {
            live = new HashSet<>(ari.channelIds());
        } catch (AriException e) {
            Log.warnf("Cannot reconcile calls with Asterisk: %s", e.getMessage());
            return;
        }
        for (CallSession session : List.copyOf(byChannel.values())) {
            if (!live.contains(session.channelId)) {
                session.mailbox.submit(() -> end(session, 0, LOST, null));
            } else if (session.peerChannelId != null && !live.contains(session.peerChannelId)) {
                String peer = session.peerChannelId;
                session.mailbox.submit(() -> onPeerGone(session, peer, 16));
            }
        }
        Map<String, String> recorded = tasks.run(null, () -> ledger.activeChannels());
        Set<String> tenants = new HashSet<>();
        recorded.forEach((channel, tenant) -> {
            if (!live.contains(channel) && !byChannel.containsKey(channel)) {
                tasks.run(tenant, () -> ledger.end(channel, 0, LOST, null));
                tenants.add(tenant);
            }
        });
        if (!tenants.isEmpty()) {
            tasks.run(null, () -> ledger.recount(tenants));
        }
    }

    private void onStasisStart(StasisStart start) {
        Channel channel = start.getChannel();
        List<String> args = start.getArgs() == null ? List.of() : start.getArgs();
        String kind = args.isEmpty() ? "" : args.get(0);
        switch (kind) {
            case "inbound", "internal" -> {
                if (args.size() < 3) {
                    Log.warnf("Stasis start without tenant and number on %s: %s", channel.getName(), args);
                    safely(() -> ari.hangup(channel.getId(), 21));
                    return;
                }
                CallSession session = new CallSession(
                        channel.getId(),
                        args.get(1),
                        kind,
                        channel.getCaller() == null ? null : channel.getCaller().getNumber(),
                        channel.getCaller() == null ? null : channel.getCaller().getName(),
                        args.get(2),
                        endpointOf(channel.getName()),
                        new Mailbox(executor, args.get(1)));
                if (byChannel.putIfAbsent(channel.getId(), session) == null) {
                    session.mailbox.submit(() -> newCall(session, channel));
                }
            }
            case "dialed" -> {
                CallSession session = args.size() > 1 ? byChannel.get(args.get(1)) : null;
                if (session == null) {
                    safely(() -> ari.hangup(channel.getId(), 16));
                } else {
                    session.mailbox.submit(() -> onPeerAnswered(session, channel.getId()));
                }
            }
            case "queue-exit" -> withCall(channel.getId(), s -> onQueueExit(s, args.size() > 1 ? args.get(1) : ""));
            default -> {
                Log.warnf("Stasis start with unknown arguments %s on %s", args, channel.getName());
                safely(() -> ari.hangup(channel.getId(), 21));
            }
        }
    }

    private void onStateChange(Channel channel) {
        CallSession session = byLeg.get(channel.getId());
        if (session != null && "Ringing".equals(channel.getState())) {
            session.mailbox.submit(() -> {
                if (!session.ended() && session.phase == Phase.RINGING) {
                    tasks.run(session.tenantId, () -> ledger.ringing(session.callId, session.peerEndpoint));
                }
            });
        }
    }

    /** app_queue sets MEMBERINTERFACE on the caller when a member answers (setinterfacevar=yes). */
    private void onVarset(ChannelVarset varset) {
        if (varset.getChannel() == null || !"MEMBERINTERFACE".equals(varset.getVariable())) {
            return;
        }
        withCall(varset.getChannel().getId(), session -> {
            if (session.phase == Phase.IN_DIALPLAN
                    && varset.getValue() != null
                    && !varset.getValue().isBlank()) {
                String member = varset.getValue().replaceFirst("^PJSIP/", "");
                tasks.run(session.tenantId, () -> ledger.answered(session.callId, member));
            }
        });
    }

    /** A remote hangup carries its cause here; Asterisk may send nothing more once the channel left Stasis. */
    private void onHangupRequest(ChannelHangupRequest request) {
        if (Boolean.TRUE.equals(request.getSoft()) || request.getCause() == null) {
            return; // our own hangup: its cause is the one we asked for
        }
        int cause = request.getCause();
        String channelId = request.getChannel().getId();
        CallSession caller = byChannel.get(channelId);
        if (caller != null) {
            caller.mailbox.submit(() -> caller.remoteCause = cause);
            return;
        }
        CallSession leg = byLeg.get(channelId);
        if (leg != null) {
            leg.mailbox.submit(() -> leg.peerCause = cause);
        }
    }

    /**
     * A channel left the application. For the caller that is the end of the call unless the engine sent it into the
     * dialplan (a queue, voicemail), where a subscription keeps its events coming; for a dialled leg, the other party
     * is gone.
     */
    private void onStasisEnd(String channelId) {
        CallSession caller = byChannel.get(channelId);
        if (caller != null) {
            caller.mailbox.submit(() -> {
                if (caller.phase != Phase.IN_DIALPLAN) {
                    end(caller, caller.remoteCause, null, null);
                }
            });
            return;
        }
        CallSession leg = byLeg.get(channelId);
        if (leg != null) {
            leg.mailbox.submit(() -> onPeerGone(leg, channelId, leg.peerCause == 0 ? 16 : leg.peerCause));
        }
    }

    private void onDestroyed(ChannelDestroyed destroyed) {
        String channelId = destroyed.getChannel().getId();
        int cause = destroyed.getCause() == null ? 0 : destroyed.getCause();
        String causeText = destroyed.getCause_txt();
        CallSession caller = byChannel.get(channelId);
        if (caller != null) {
            caller.mailbox.submit(() -> end(caller, cause, causeText, null));
            return;
        }
        CallSession leg = byLeg.remove(channelId);
        if (leg != null) {
            leg.mailbox.submit(() -> onPeerGone(leg, channelId, cause));
            return;
        }
        // a call from before this instance started (or from another replica): close its record
        String tenant = destroyed.getChannel().getTenantid();
        Optional<String> owner = tenant != null && !tenant.isBlank()
                ? Optional.of(tenant)
                : Optional.ofNullable(
                        tasks.run(null, () -> ledger.activeChannels()).get(channelId));
        owner.ifPresent(t -> tasks.run(t, () -> ledger.end(channelId, cause, causeText, null)));
    }

    private void withCall(String channelId, java.util.function.Consumer<CallSession> action) {
        CallSession session = byChannel.get(channelId);
        if (session != null) {
            session.mailbox.submit(() -> {
                if (!session.ended()) {
                    action.accept(session);
                }
            });
        }
    }

    // --- call setup -----------------------------------------------------------------------------------------------

    private void newCall(CallSession session, Channel channel) {
        CallLedger.NewCall call = new CallLedger.NewCall(
                session.tenantId,
                session.channelId,
                session.direction,
                session.callerNumber,
                session.callerName,
                session.calledNumber,
                session.sourceEndpoint);
        String channelTenant = channel.getTenantid();
        boolean endpointOfTenant = AraNames.belongsTo(session.sourceEndpoint, session.tenantId)
                && (channelTenant == null || channelTenant.isBlank() || channelTenant.equals(session.tenantId));
        if (!endpointOfTenant) {
            Log.warnf("Call on %s claims tenant %s: refused", channel.getName(), session.tenantId);
            refuse(session, call, 21, "The calling endpoint does not belong to tenant " + session.tenantId);
            return;
        }
        Optional<TenantEntry> tenant = directory.find(session.tenantId);
        if (tenant.isEmpty() || !tenant.get().acceptsWrites(Instant.now())) {
            String status = tenant.map(t -> t.effectiveStatus(Instant.now())).orElse("unknown");
            refuse(session, call, 21, "Tenant " + session.tenantId + " is " + status);
            return;
        }
        int limit = tenant.get().limits() == null ? 0 : tenant.get().limits().maxConcurrentCalls();
        Admission admission = tasks.run(session.tenantId, () -> ledger.admit(call, limit));
        if (admission instanceof Admission.Refused refused) {
            session.callId = refused.callId();
            session.phase = Phase.REJECTING;
            session.disposition = "rejected";
            session.hangupCause = 34;
            Log.infof(
                    "Call %s refused: tenant %s has %d of %d concurrent calls",
                    session.channelId, session.tenantId, refused.active(), refused.limit());
            answerCaller(session);
            play(session, List.of(config.busyAnnouncement()), () -> hangupCaller(session, 34));
            return;
        }
        session.callId = ((Admission.Admitted) admission).callId();
        RoutingDecision decision = decide(session);
        execute(session, decision);
    }

    private void refuse(CallSession session, CallLedger.NewCall call, int cause, String reason) {
        session.callId = tasks.run(session.tenantId, () -> ledger.refuse(call, cause, reason));
        session.phase = Phase.ENDED;
        byChannel.remove(session.channelId);
        safely(() -> ari.hangup(session.channelId, cause));
    }

    private RoutingDecision decide(CallSession session) {
        RoutingRequest request = new RoutingRequest(
                session.tenantId,
                session.callId,
                session.direction,
                session.callerNumber,
                session.calledNumber,
                session.sourceEndpoint,
                OffsetDateTime.now(ZoneOffset.UTC));
        try {
            return tasks.run(session.tenantId, () -> routing.decide(request));
        } catch (RuntimeException e) {
            Log.errorf(e, "Routing failed for call %s; hanging up", session.callId);
            return new RoutingDecision.Hangup(41, null);
        }
    }

    private void execute(CallSession session, RoutingDecision decision) {
        if (session.ended()) {
            return;
        }
        tasks.run(session.tenantId, () -> ledger.routed(session.callId, decision.action(), decision.target()));
        switch (decision) {
            case RoutingDecision.DialEndpoint dial ->
                dial(
                        session,
                        AraNames.pjsip(dial.endpointId()),
                        dial.endpointId(),
                        dial.ringTimeout(),
                        dial.onNoAnswer());
            case RoutingDecision.External external ->
                dial(
                        session,
                        AraNames.pjsip(external.number() + "@" + external.trunkEndpointId()),
                        external.number(),
                        external.ringTimeout(),
                        external.onNoAnswer());
            case RoutingDecision.Queue queue -> queue(session, queue);
            case RoutingDecision.Ivr ivr -> startIvr(session, ivr);
            case RoutingDecision.Voicemail voicemail -> voicemail(session, voicemail.mailbox());
            case RoutingDecision.Hangup hangup -> {
                session.hangupCause = hangup.cause();
                if (hangup.announcement() != null) {
                    answerCaller(session);
                    play(session, List.of(hangup.announcement()), () -> hangupCaller(session, hangup.cause()));
                } else {
                    hangupCaller(session, hangup.cause());
                }
            }
        }
    }

    // --- dialling and bridging ------------------------------------------------------------------------------------

    private void dial(
            CallSession session, String dialString, String label, Duration timeout, RoutingDecision onNoAnswer) {
        session.phase = Phase.RINGING;
        session.onNoAnswer = onNoAnswer;
        session.peerEndpoint = label;
        session.peerCount++;
        String legId = session.callId + "-" + session.peerCount;
        session.peerChannelId = legId;
        byLeg.put(legId, session);
        if (!session.callerAnswered) {
            safely(() -> ari.ring(session.channelId));
        }
        try {
            ari.originate(
                    legId,
                    dialString,
                    "dialed," + session.channelId,
                    callerId(session),
                    (int) Math.max(1, timeout.toSeconds()),
                    Map.of("SB_TENANT", session.tenantId, "SB_CALL", session.callId.toString()));
        } catch (AriException e) {
            Log.infof("Dialling %s for call %s failed: %s", dialString, session.callId, e.getMessage());
            byLeg.remove(legId);
            onPeerGone(session, legId, 20);
        }
    }

    private void onPeerAnswered(CallSession session, String legId) {
        if (session.ended() || !legId.equals(session.peerChannelId)) {
            safely(() -> ari.hangup(legId, 16));
            return;
        }
        try {
            answerCaller(session);
            if (session.bridgeId == null) {
                session.bridgeId = "sb-" + session.callId;
                ari.createBridge(session.bridgeId);
                ari.addToBridge(session.bridgeId, session.channelId, legId);
            } else {
                safely(() -> ari.stopMoh(session.channelId));
                ari.addToBridge(session.bridgeId, legId);
            }
        } catch (AriException e) {
            Log.warnf("Bridging call %s failed: %s", session.callId, e.getMessage());
            hangupCaller(session, 38);
            return;
        }
        session.phase = Phase.BRIDGED;
        session.onNoAnswer = null;
        String transferredFrom = session.transferFrom;
        session.transferFrom = null;
        if (transferredFrom != null) {
            tasks.run(
                    session.tenantId, () -> ledger.transferred(session.callId, transferredFrom, session.peerEndpoint));
            return; // the bridge and its recording go on
        }
        tasks.run(session.tenantId, () -> ledger.answered(session.callId, session.peerEndpoint));
        if (directory.find(session.tenantId).map(t -> t.hasFeature("recording")).orElse(false)) {
            String name = session.tenantId + "-" + session.callId;
            try {
                ari.recordBridge(session.bridgeId, name);
                tasks.run(session.tenantId, () -> ledger.recording(session.callId, name));
            } catch (AriException e) {
                Log.warnf("Recording call %s failed: %s", session.callId, e.getMessage());
            }
        }
    }

    /** The dialled leg ended: before answering it is a no-answer (or busy...), after it the other party hung up. */
    private void onPeerGone(CallSession session, String legId, int cause) {
        byLeg.remove(legId);
        if (session.ended() || !legId.equals(session.peerChannelId)) {
            return;
        }
        session.peerChannelId = null;
        if (session.phase == Phase.BRIDGED) {
            hangupCaller(session, 16);
            return;
        }
        RoutingDecision next = session.onNoAnswer;
        session.onNoAnswer = null;
        if (next != null) {
            session.phase = Phase.ROUTING;
            execute(session, next);
        } else {
            session.disposition = cause == 17 ? "busy" : "no_answer";
            hangupCaller(session, cause == 0 ? 19 : cause);
        }
    }

    // --- transfers ----------------------------------------------------------------------------------------------

    /** Why a transfer could not start. */
    public enum TransferOutcome {
        STARTED,
        NO_SUCH_CALL,
        NOT_CONNECTED
    }

    /**
     * Blind transfer of a connected call: the current party is hung up, the caller hears music on hold while
     * {@code endpointId} rings, and is bridged with it when it answers ({@code telephony.call.transferred}).
     */
    public TransferOutcome transfer(String tenantId, java.util.UUID callId, String endpointId) {
        CallSession session = byChannel.values().stream()
                .filter(s -> tenantId.equals(s.tenantId) && callId.equals(s.callId))
                .findFirst()
                .orElse(null);
        if (session == null) {
            return TransferOutcome.NO_SUCH_CALL;
        }
        java.util.concurrent.CompletableFuture<TransferOutcome> outcome =
                new java.util.concurrent.CompletableFuture<>();
        session.mailbox.submit(() -> {
            if (session.ended() || session.phase != Phase.BRIDGED || session.peerChannelId == null) {
                outcome.complete(TransferOutcome.NOT_CONNECTED);
                return;
            }
            String previous = session.peerChannelId;
            session.transferFrom = session.peerEndpoint;
            byLeg.remove(previous);
            session.peerChannelId = null;
            safely(() -> ari.hangup(previous, 16));
            safely(() -> ari.startMoh(session.channelId));
            dial(session, AraNames.pjsip(endpointId), endpointId, config.ringTimeout(), null);
            outcome.complete(TransferOutcome.STARTED);
        });
        try {
            return outcome.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The transfer of call " + callId + " did not start", e);
        }
    }

    // --- queues and voicemail -------------------------------------------------------------------------------------

    private void queue(CallSession session, RoutingDecision.Queue queue) {
        session.onOverflow = queue.onOverflow();
        try {
            ari.setVariable(
                    session.channelId,
                    "SB_QUEUE_MAXWAIT",
                    queue.maxWait().isZero()
                            ? ""
                            : Long.toString(queue.maxWait().toSeconds()));
            ari.continueInDialplan(session.channelId, QUEUE_CONTEXT, queue.queueName());
        } catch (AriException e) {
            Log.warnf("Queueing call %s failed: %s", session.callId, e.getMessage());
            hangupCaller(session, 38);
            return;
        }
        session.phase = Phase.IN_DIALPLAN;
        tasks.run(session.tenantId, () -> ledger.queued(session.callId, queue.queueName()));
    }

    /** The dialplan brought the caller back from the queue: full, empty, or the wait ended. */
    private void onQueueExit(CallSession session, String status) {
        Log.debugf("Call %s left its queue: %s", session.callId, status);
        RoutingDecision next = session.onOverflow;
        session.onOverflow = null;
        session.phase = Phase.ROUTING;
        execute(session, next != null ? next : new RoutingDecision.Hangup(34, null));
    }

    private void voicemail(CallSession session, String mailbox) {
        try {
            ari.setVariable(session.channelId, "SB_MAILBOX", mailbox);
            ari.continueInDialplan(session.channelId, VOICEMAIL_CONTEXT, "s");
        } catch (AriException e) {
            Log.warnf("Voicemail for call %s failed: %s", session.callId, e.getMessage());
            hangupCaller(session, 38);
            return;
        }
        session.phase = Phase.IN_DIALPLAN;
        session.disposition = "voicemail";
    }

    // --- IVR ------------------------------------------------------------------------------------------------------

    private void startIvr(CallSession session, RoutingDecision.Ivr ivr) {
        session.phase = Phase.IVR;
        session.ivr = ivr;
        session.ivrAttempts = 0;
        session.digits.setLength(0);
        answerCaller(session);
        promptIvr(session, List.of());
    }

    private void promptIvr(CallSession session, List<String> before) {
        RoutingDecision.Ivr ivr = session.ivr;
        List<String> media = new java.util.ArrayList<>(before);
        media.addAll(ivr.greeting());
        play(session, media, () -> {
            if (session.phase == Phase.IVR && session.ivr == ivr && session.digits.isEmpty()) {
                schedule(session, ivr.timeout(), () -> ivrRetry(session, false));
            }
        });
    }

    private void onDigit(CallSession session, String digit) {
        if (session.phase != Phase.IVR || digit == null) {
            return;
        }
        RoutingDecision.Ivr ivr = session.ivr;
        session.cancelTimer();
        stopPlayback(session);
        session.digits.append(digit);
        if (!ivr.directDial()) {
            choose(session, session.digits.toString());
            return;
        }
        schedule(session, DIRECT_DIAL_PAUSE, () -> choose(session, session.digits.toString()));
    }

    private void choose(CallSession session, String input) {
        RoutingDecision.Ivr ivr = session.ivr;
        session.digits.setLength(0);
        RoutingDecision option = ivr.options().get(input);
        if (option == null && ivr.directDial() && input.matches("[0-9]{2,10}")) {
            option = tasks.run(session.tenantId, () -> extensions.findByNumber(session.tenantId, input))
                    .<RoutingDecision>map(e ->
                            new RoutingDecision.DialEndpoint(e.endpointId(), config.ringTimeout(), ivr.onFailure()))
                    .orElse(null);
        }
        if (option == null) {
            ivrRetry(session, true);
            return;
        }
        session.phase = Phase.ROUTING;
        session.ivr = null;
        execute(session, option);
    }

    private void ivrRetry(CallSession session, boolean invalid) {
        if (session.phase != Phase.IVR) {
            return;
        }
        session.ivrAttempts++;
        RoutingDecision.Ivr ivr = session.ivr;
        if (session.ivrAttempts > ivr.maxRetries()) {
            session.phase = Phase.ROUTING;
            session.ivr = null;
            execute(session, ivr.onFailure());
            return;
        }
        promptIvr(session, invalid ? ivr.invalidPrompt() : List.of());
    }

    // --- ending ---------------------------------------------------------------------------------------------------

    private void end(CallSession session, int cause, String causeText, String disposition) {
        if (session.ended()) {
            return;
        }
        session.phase = Phase.ENDED;
        session.cancelTimer();
        byChannel.remove(session.channelId);
        if (session.peerChannelId != null) {
            String peer = session.peerChannelId;
            byLeg.remove(peer);
            safely(() -> ari.hangup(peer, 16));
        }
        if (session.bridgeId != null) {
            String bridge = session.bridgeId;
            safely(() -> ari.destroyBridge(bridge));
        }
        if (session.playbackId != null) {
            byPlayback.remove(session.playbackId);
        }
        String finalDisposition = disposition != null ? disposition : session.disposition;
        int recordedCause = cause != 0 ? cause : session.hangupCause;
        tasks.run(session.tenantId, () -> ledger.end(session.channelId, recordedCause, causeText, finalDisposition));
    }

    private void hangupCaller(CallSession session, int cause) {
        session.hangupCause = cause;
        safely(() -> ari.hangup(session.channelId, cause));
    }

    private void answerCaller(CallSession session) {
        if (!session.callerAnswered) {
            session.callerAnswered = true;
            safely(() -> ari.answer(session.channelId));
        }
    }

    private void play(CallSession session, List<String> media, Runnable then) {
        String playbackId = session.callId + "-p" + System.nanoTime();
        session.playbackId = playbackId;
        session.playing = true;
        session.afterPlayback = then;
        byPlayback.put(playbackId, session);
        try {
            ari.play(session.channelId, playbackId, media);
        } catch (AriException e) {
            byPlayback.remove(playbackId);
            session.playing = false;
            session.afterPlayback = null;
            Log.debugf("Playing to call %s failed: %s", session.callId, e.getMessage());
            if (then != null) {
                then.run();
            }
        }
    }

    private void onPlaybackFinished(CallSession session, String playbackId) {
        if (session.ended() || !playbackId.equals(session.playbackId) || !session.playing) {
            return;
        }
        session.playing = false;
        Runnable then = session.afterPlayback;
        session.afterPlayback = null;
        if (then != null) {
            then.run();
        }
    }

    private void stopPlayback(CallSession session) {
        if (session.playing && session.playbackId != null) {
            session.playing = false;
            session.afterPlayback = null;
            byPlayback.remove(session.playbackId);
            String playback = session.playbackId;
            safely(() -> ari.stopPlayback(playback));
        }
    }

    private void schedule(CallSession session, Duration delay, Runnable task) {
        session.cancelTimer();
        session.timer = timers.schedule(
                () -> session.mailbox.submit(() -> {
                    if (!session.ended()) {
                        task.run();
                    }
                }),
                delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static String callerId(CallSession session) {
        String number = session.callerNumber == null ? "" : session.callerNumber;
        return session.callerName == null || session.callerName.isBlank()
                ? "<" + number + ">"
                : "\"" + session.callerName.replace("\"", "") + "\" <" + number + ">";
    }

    /** {@code PJSIP/acme-corp-1001-0000002a} is endpoint {@code acme-corp-1001}. */
    static String endpointOf(String channelName) {
        if (channelName == null) {
            return null;
        }
        int slash = channelName.indexOf('/');
        int dash = channelName.lastIndexOf('-');
        return slash >= 0 && dash > slash ? channelName.substring(slash + 1, dash) : channelName;
    }

    private static void safely(Runnable request) {
        try {
            request.run();
        } catch (AriException e) {
            if (!e.isGone()) {
                Log.debugf("ARI request failed: %s", e.getMessage());
            }
        }
    }
}
