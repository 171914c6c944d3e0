package io.switchboard.routing.ivr;

import io.switchboard.routing.target.RouteTarget;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An IVR menu as the API returns it and the {@code routing.ivr.*} events carry it. */
public record MenuView(
        UUID id,
        String name,
        List<String> greeting,
        Map<String, RouteTarget> options,
        int timeoutSeconds,
        int maxRetries,
        List<String> invalidPrompt,
        RouteTarget onFailure,
        boolean directDial,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {}
