package io.switchboard.routing.decision;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.switchboard.commons.api.Times;
import io.switchboard.commons.ids.Ids;
import io.switchboard.routing.did.DidStatus;
import io.switchboard.routing.did.DidView;
import io.switchboard.routing.route.ActionCompiler;
import io.switchboard.routing.schedule.BusinessHours;
import io.switchboard.routing.schedule.TenantHours;
import io.switchboard.routing.table.RoutingTable;
import io.switchboard.routing.table.TenantRouting;
import io.switchboard.routing.table.TenantRouting.CompiledDid;
import io.switchboard.routing.table.TenantRouting.Route;
import io.switchboard.routing.target.PhoneNumbers;
import io.switchboard.routing.webhook.WebhookAnswer;
import io.switchboard.routing.webhook.WebhookCall;
import io.switchboard.routing.webhook.WebhookCallLog;
import io.switchboard.routing.webhook.WebhookOutcome;
import io.switchboard.routing.webhook.WebhookRouter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Decides what happens to a call, from memory ({@link RoutingTable}): an inbound call by its DID, the DID's status,
 * opening hours (its schedule, else the tenant's business hours, at the call's time) and target; an internal call by
 * the number dialled (an extension, a queue, or a DID of the tenant). A webhook target is asked here, and any failure
 * of it goes to the DID's fallback. Each decision is logged with its latency and emitted as {@code routing.call.routed}.
 */
@ApplicationScoped
public class DecisionService {

    /** Q.850 1: unallocated number, for unknown, inactive and unroutable numbers. */
    static final int UNALLOCATED = 1;
    /** Q.850 21: call rejected, when a tenant's webhook answers hangup. */
    static final int REJECTED = 21;

    /** What decided, before it is recorded. */
    private record Outcome(String rule, Action action, DidView did, WebhookRouter.Result webhook) {
        Outcome(String rule, Action action, DidView did) {
            this(rule, action, did, null);
        }
    }

    private final RoutingTable table;
    private final TenantHours tenantHours;
    private final WebhookRouter webhooks;
    private final WebhookCallLog webhookLog;
    private final DecisionRecorder recorder;
    private final Timer latency;

    public DecisionService(
            RoutingTable table,
            TenantHours tenantHours,
            WebhookRouter webhooks,
            WebhookCallLog webhookLog,
            DecisionRecorder recorder,
            MeterRegistry metrics) {
        this.table = table;
        this.tenantHours = tenantHours;
        this.webhooks = webhooks;
        this.webhookLog = webhookLog;
        this.recorder = recorder;
        this.latency = Timer.builder("switchboard.routing.decision")
                .description("Time to decide a call, its event written, webhook routes included")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .register(metrics);
    }

    public Decision decide(DecisionRequest request) {
        long started = System.nanoTime();
        UUID decisionId = Ids.newId();
        TenantRouting routing = table.tenant(request.tenantId());
        Instant at = request.time() == null ? Instant.now() : request.time().toInstant();
        Outcome outcome = DecisionRequest.INTERNAL.equals(request.direction())
                ? internal(routing, request, at, decisionId)
                : inbound(routing, request, at, decisionId);
        double decidedMs = (System.nanoTime() - started) / 1e6;
        DidView did = outcome.did();
        WebhookRouter.Result webhook = outcome.webhook();
        recorder.routed(
                request.tenantId(),
                new CallRouted(
                        decisionId,
                        request.callId(),
                        request.direction(),
                        request.caller(),
                        request.called(),
                        did == null ? null : did.id(),
                        did == null ? null : did.number(),
                        outcome.rule(),
                        Action.typeOf(outcome.action()),
                        Action.targetOf(outcome.action()),
                        webhook == null
                                ? null
                                : new CallRouted.Webhook(
                                        webhook.outcome().toString(),
                                        webhook.httpStatus(),
                                        webhook.latency().toMillis()),
                        Math.round(decidedMs * 1000) / 1000.0,
                        Times.utc(Instant.now())));
        long total = System.nanoTime() - started;
        latency.record(total, TimeUnit.NANOSECONDS);
        // at debug: a line per call costs more than the decision; webhook decisions are logged at info (see log)
        Log.debugf(
                "Call %s of %s: %s -> %s %s (%.2f ms)",
                request.callId(),
                request.tenantId(),
                outcome.rule(),
                Action.typeOf(outcome.action()),
                Action.targetOf(outcome.action()),
                total / 1e6);
        return new Decision(decisionId, outcome.rule(), outcome.action());
    }

    private Outcome inbound(TenantRouting routing, DecisionRequest request, Instant at, UUID decisionId) {
        String number = PhoneNumbers.lookupKey(request.called());
        String rule = "did:" + number;
        CompiledDid did = routing.did(number);
        if (did == null) {
            return new Outcome(rule + "/unknown", new Action.Hangup(UNALLOCATED, null), null);
        }
        if (did.did().status() != DidStatus.ACTIVE) {
            return new Outcome(rule + "/" + did.did().status(), new Action.Hangup(UNALLOCATED, null), did.did());
        }
        if (did.open() == null) {
            return new Outcome(rule + "/no-route", new Action.Hangup(UNALLOCATED, null), did.did());
        }
        if (did.closed() == null) {
            return route(did.open(), rule + "/always", did, routing, request, decisionId);
        }
        BusinessHours hours = did.hours() != null ? did.hours() : tenantHours.of(routing.tenantId());
        return hours.isOpen(at)
                ? route(did.open(), rule + "/open-hours", did, routing, request, decisionId)
                : route(did.closed(), rule + "/closed-hours", did, routing, request, decisionId);
    }

    private Outcome internal(TenantRouting routing, DecisionRequest request, Instant at, UUID decisionId) {
        String called = request.called().strip();
        ActionCompiler compiler = routing.compiler();
        if (routing.data().catalogue().extensions().containsKey(called)) {
            return new Outcome("extension:" + called, compiler.named(called).orElseThrow(), null);
        }
        if (routing.data().catalogue().queues().containsKey(called)) {
            return new Outcome("queue:" + called, compiler.named(called).orElseThrow(), null);
        }
        if (routing.did(PhoneNumbers.lookupKey(called)) != null) {
            return inbound(routing, request, at, decisionId);
        }
        return new Outcome("unallocated:" + called, new Action.Hangup(UNALLOCATED, "sound:ss-noservice"), null);
    }

    private Outcome route(
            Route route,
            String rule,
            CompiledDid did,
            TenantRouting routing,
            DecisionRequest request,
            UUID decisionId) {
        return switch (route) {
            case Route.Fixed fixed ->
                fixed.action() != null
                        ? new Outcome(rule, fixed.action(), did.did())
                        : fallback(rule + "/unavailable", did, null);
            case Route.Webhook webhook -> webhook(webhook, rule, did, routing, request, decisionId);
        };
    }

    private Outcome webhook(
            Route.Webhook webhook,
            String rule,
            CompiledDid did,
            TenantRouting routing,
            DecisionRequest request,
            UUID decisionId) {
        Instant startedAt = Instant.now();
        WebhookRouter.Result result = webhooks.ask(new WebhookRouter.Ask(
                webhook.url(),
                webhook.timeout(),
                did.secret(),
                routing.tenantId(),
                request.callId(),
                decisionId,
                request.caller(),
                request.called(),
                did.did().number()));
        Optional<Action> action = Optional.empty();
        if (result.outcome() == WebhookOutcome.ANSWERED) {
            action = actionOf(result.answer(), routing.compiler());
            if (action.isEmpty()) {
                result = result.failed(
                        WebhookOutcome.INVALID_ANSWER,
                        "target '" + result.answer().target() + "' is not "
                                + (WebhookAnswer.VOICEMAIL.equals(
                                                result.answer().action())
                                        ? "a voicemail box"
                                        : "an extension, queue or menu")
                                + " of the tenant");
            }
        }
        WebhookRouter.Result asked = result;
        log(webhook, did, request, startedAt, asked);
        return action.map(a -> new Outcome(rule + "/webhook", a, did.did(), asked))
                .orElseGet(() -> fallback(rule + "/webhook-fallback", did, asked));
    }

    private static Optional<Action> actionOf(WebhookAnswer answer, ActionCompiler compiler) {
        return switch (answer.action()) {
            case WebhookAnswer.ROUTE -> compiler.named(answer.target());
            case WebhookAnswer.VOICEMAIL -> compiler.mailbox(answer.target());
            default -> Optional.of(new Action.Hangup(REJECTED, null));
        };
    }

    private Outcome fallback(String rule, CompiledDid did, WebhookRouter.Result webhook) {
        if (did.fallback() != null) {
            return new Outcome(rule, did.fallback(), did.did(), webhook);
        }
        return new Outcome(rule, new Action.Hangup(UNALLOCATED, null), did.did(), webhook);
    }

    private void log(
            Route.Webhook webhook,
            CompiledDid did,
            DecisionRequest request,
            Instant startedAt,
            WebhookRouter.Result result) {
        WebhookCall call = new WebhookCall();
        call.id = Ids.newId();
        call.tenantId = request.tenantId();
        call.didId = did.did().id();
        call.callId = request.callId();
        call.url = webhook.url();
        call.startedAt = startedAt;
        call.latencyMs = (int) Math.min(Integer.MAX_VALUE, result.latency().toMillis());
        call.outcome = result.outcome().toString();
        call.httpStatus = result.httpStatus();
        if (result.answer() != null) {
            call.action = result.answer().action();
            call.target = result.answer().target();
            call.message = result.answer().message();
        }
        call.detail = result.detail();
        webhookLog.record(call);
        Log.infof(
                "Webhook route of call %s (DID %s): %s in %d ms%s",
                request.callId(),
                did.did().number(),
                result.outcome(),
                result.latency().toMillis(),
                result.detail() == null ? "" : " (" + result.detail() + ")");
    }
}
