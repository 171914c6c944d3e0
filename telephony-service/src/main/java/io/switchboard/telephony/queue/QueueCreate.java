package io.switchboard.telephony.queue;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new queue: its name and whatever differs from the defaults. Times are in seconds. */
public record QueueCreate(
        @NotNull @Pattern(regexp = NAME, message = "must be 1 to 40 lowercase letters, digits and hyphens") @Schema(examples = "sales")
        String name,

        String displayName,
        @Schema(description = "Default rrmemory") String strategy,
        @Schema(description = "Default 20") Integer ringTimeout,

        @Schema(description = "Default 300; 0 waits without limit")
        Integer maxWaitTime,

        @Schema(description = "Default 0 (no limit)") Integer maxLength,

        @Schema(description = "Default 60; 0 never announces the position")
        Integer announceFrequency,

        @Schema(description = "Default 'default'") String musicOnHold,
        @Schema(description = "Default 10") Integer wrapupTime) {

    public static final String NAME = "^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$";
}
