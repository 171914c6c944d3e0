package io.switchboard.routing.ivr;

import io.switchboard.routing.target.RouteTarget;
import java.util.List;
import java.util.Map;

/** What a menu plays and where its keys lead, as stored. */
public record MenuDefinition(
        List<String> greeting,
        Map<String, RouteTarget> options,
        int timeoutSeconds,
        int maxRetries,
        List<String> invalidPrompt,
        RouteTarget onFailure,
        boolean directDial) {}
