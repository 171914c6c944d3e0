package io.switchboard.tenant.tenant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Resource limits of a tenant, enforced by the services that own each resource. */
public record Limits(
        @NotNull @Min(0) @Max(MAX) Integer maxAgents,
        @NotNull @Min(0) @Max(MAX) Integer maxDids,
        @NotNull @Min(0) @Max(MAX) Integer maxConcurrentCalls) {

    public static final int MAX = 100_000;
}
