package io.switchboard.routing.decision;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The data of {@code routing.call.routed}: a call's decision, the rule that matched and how long it took. */
public record CallRouted(
        UUID decisionId,
        UUID callId,
        String direction,
        String caller,
        String called,
        UUID didId,
        String did,
        String rule,
        String actionType,
        String actionTarget,
        Webhook webhook,
        double latencyMs,
        OffsetDateTime decidedAt) {

    /** How the webhook of a webhook route answered, when one was asked. */
    public record Webhook(String outcome, Integer httpStatus, long latencyMs) {}
}
