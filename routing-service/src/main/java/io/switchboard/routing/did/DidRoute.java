package io.switchboard.routing.did;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.routing.target.RouteTarget;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where a DID's calls go: {@code target} during opening hours (always, without a {@code closedTarget}),
 * {@code closedTarget} outside them, by the schedule {@code scheduleId} or else the tenant's business hours; and
 * {@code fallback} when a webhook fails or a target no longer exists.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DidRoute(
        @NotNull @Valid @Schema(description = "Where calls go (during opening hours when there is a closedTarget)")
        RouteTarget target,

        @Valid @Schema(description = "Where calls go outside opening hours")
        RouteTarget closedTarget,

        @Schema(description = "The schedule deciding opening hours; the tenant's business hours when not set")
        UUID scheduleId,

        @Valid @Schema(description = "Where calls go when a webhook fails or the target is gone; required with webhooks")
        RouteTarget fallback) {}
