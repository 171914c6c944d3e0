package io.switchboard.routing.decision;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The decision API's answer: what to do with the call, and which rule decided it. */
public record Decision(
        UUID decisionId,

        @Schema(
                description = "What matched, e.g. did:+4930123456/closed-hours, did:+4930123456/open-hours/webhook,"
                        + " extension:1002, did:+4930999999/unknown",
                examples = "did:+4930123456/closed-hours")
        String rule,

        Action action) {}
