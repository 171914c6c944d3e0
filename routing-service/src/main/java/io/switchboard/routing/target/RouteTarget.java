package io.switchboard.routing.target;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One step of a route: where the call goes, named as the tenant knows it, and where it goes next when that step
 * cannot take it (no answer, queue full or waited too long). Which members apply depends on the type.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteTarget(
        @NotNull TargetType type,

        @Size(max = 2048) @Schema(
                description = "endpoint: extension number; queue: queue name; ivr: menu id; webhook: URL;"
                        + " external: E.164 number; voicemail: mailbox number; hangup: none",
                examples = "1001")
        String target,

        @Size(max = 30) @Schema(description = "external: the name of the trunk to call out through")
        String trunk,

        @Min(1) @Max(600) @Schema(description = "endpoint, external: seconds to ring (default 25)")
        Integer ringTimeoutSeconds,

        @Min(0) @Max(86_400) @Schema(description = "queue: longest wait in seconds, 0 without limit (default: the queue's)")
        Integer maxWaitSeconds,

        @Min(1) @Max(10) @Schema(description = "webhook: seconds to wait for the answer (default 5)")
        Integer timeoutSeconds,

        @Min(1) @Max(127) @Schema(description = "hangup: Q.850 cause (default 16, normal clearing)")
        Integer cause,

        @Schema(description = "hangup: media played first, e.g. sound:closed")
        String announcement,

        @Valid @Schema(description = "endpoint, queue, external: where the call goes when this target does not take it")
        RouteTarget next) {

    /** A target without options. */
    public static RouteTarget of(TargetType type, String target) {
        return new RouteTarget(type, target, null, null, null, null, null, null, null);
    }

    public RouteTarget withTarget(String value) {
        return new RouteTarget(
                type, value, trunk, ringTimeoutSeconds, maxWaitSeconds, timeoutSeconds, cause, announcement, next);
    }

    public RouteTarget withNext(RouteTarget value) {
        return new RouteTarget(
                type, target, trunk, ringTimeoutSeconds, maxWaitSeconds, timeoutSeconds, cause, announcement, value);
    }

    /** How a path names this target in messages and cycle checks, e.g. {@code queue sales}. */
    public String label() {
        return target == null ? type.toString() : type + " " + target;
    }
}
