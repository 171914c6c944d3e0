package io.switchboard.routing.ivr;

import io.switchboard.routing.target.RouteTarget;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/** A new menu: its name, greeting and whatever differs from the defaults (5 s, 2 retries, no direct dial). */
public record MenuCreate(
        @NotNull String name,
        @NotNull List<String> greeting,
        Map<String, @Valid RouteTarget> options,
        Integer timeoutSeconds,
        Integer maxRetries,
        List<String> invalidPrompt,
        @Valid RouteTarget onFailure,
        Boolean directDial) {}
