package io.switchboard.routing.table;

import io.quarkus.logging.Log;
import io.switchboard.commons.security.SecretCipher;
import io.switchboard.commons.webhook.WebhookSecret;
import io.switchboard.routing.decision.Action;
import io.switchboard.routing.did.DidRoute;
import io.switchboard.routing.did.DidView;
import io.switchboard.routing.route.ActionCompiler;
import io.switchboard.routing.route.RoutingData;
import io.switchboard.routing.schedule.BusinessHours;
import io.switchboard.routing.schedule.ScheduleView;
import io.switchboard.routing.target.RouteTarget;
import io.switchboard.routing.target.TargetType;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One tenant's routing, compiled for decisions: each DID by its E.164 number with the actions of its targets worked
 * out in advance (menus expanded, names turned into Asterisk ids), its schedule, and what a webhook route needs.
 * Built whenever the tenant's configuration or catalogue changes; immutable, so decisions read it without locks.
 */
public final class TenantRouting {

    /** A DID's target at call time: an action worked out in advance (null: nothing exists), or a webhook to ask. */
    public sealed interface Route {
        /** A target whose action is known. */
        record Fixed(Action action) implements Route {}

        /** A webhook asked at call setup, waiting at most {@code timeout}. */
        record Webhook(String url, Duration timeout) implements Route {}
    }

    /**
     * A DID ready for decisions. {@code hours} is null when its closed-hours target follows the tenant's business
     * hours; {@code closed} is null without a closed-hours target.
     */
    public record CompiledDid(
            DidView did, Route open, Route closed, BusinessHours hours, Action fallback, WebhookSecret secret) {}

    private final RoutingData data;
    private final Map<String, CompiledDid> dids;
    private final ActionCompiler compiler;

    private TenantRouting(RoutingData data, Map<String, CompiledDid> dids, ActionCompiler compiler) {
        this.data = data;
        this.dids = dids;
        this.compiler = compiler;
    }

    public static TenantRouting empty(String tenantId) {
        RoutingData data = RoutingData.empty(tenantId);
        return new TenantRouting(data, Map.of(), new ActionCompiler(data, 0, 0));
    }

    public static TenantRouting compile(RoutingData data, SecretCipher cipher, int ringTimeoutSeconds, int maxDepth) {
        ActionCompiler compiler = new ActionCompiler(data, ringTimeoutSeconds, maxDepth);
        Map<String, CompiledDid> dids = new HashMap<>();
        for (DidView did : data.dids()) {
            DidRoute route = did.route();
            if (route == null) {
                dids.put(did.number(), new CompiledDid(did, null, null, null, null, null));
                continue;
            }
            BusinessHours hours = null;
            if (route.closedTarget() != null && route.scheduleId() != null) {
                ScheduleView schedule = data.schedules().get(route.scheduleId());
                hours = schedule == null
                        ? BusinessHours.ALWAYS
                        : BusinessHours.of(schedule.timezone(), schedule.rules());
            }
            dids.put(
                    did.number(),
                    new CompiledDid(
                            did,
                            route(route.target(), compiler),
                            route.closedTarget() == null ? null : route(route.closedTarget(), compiler),
                            hours,
                            compiler.compile(route.fallback()),
                            secret(did.id(), data.encryptedSecrets().get(did.id()), cipher)));
        }
        return new TenantRouting(data, Map.copyOf(dids), compiler);
    }

    private static Route route(RouteTarget target, ActionCompiler compiler) {
        if (target.type() == TargetType.WEBHOOK) {
            return new Route.Webhook(
                    target.target(),
                    target.timeoutSeconds() == null ? null : Duration.ofSeconds(target.timeoutSeconds()));
        }
        return new Route.Fixed(compiler.compile(target));
    }

    private static WebhookSecret secret(UUID didId, String encrypted, SecretCipher cipher) {
        if (encrypted == null) {
            return null;
        }
        try {
            return WebhookSecret.parse(cipher.decrypt(encrypted, didId.toString()));
        } catch (IllegalStateException | IllegalArgumentException e) {
            Log.errorf(
                    "The webhook secret of DID %s cannot be read (%s): its webhook requests go unsigned"
                            + " and fall back",
                    didId, e.getMessage());
            return null;
        }
    }

    public String tenantId() {
        return data.tenantId();
    }

    public RoutingData data() {
        return data;
    }

    /** The DID with this E.164 number, if it is this tenant's. */
    public CompiledDid did(String number) {
        return dids.get(number);
    }

    /** Turns names (extension numbers, queue names, menu ids, mailboxes) into actions. */
    public ActionCompiler compiler() {
        return compiler;
    }
}
