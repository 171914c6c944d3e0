package io.switchboard.telephony.queue;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What can be set on a queue. Times are in seconds. */
public record QueueDraft(
        @NotBlank @Size(max = 80) String displayName,

        @NotNull @Pattern(
                regexp = STRATEGIES,
                message = "must be one of ringall, leastrecent, fewestcalls, random,"
                        + " rrmemory, rrordered, linear, wrandom")
        String strategy,

        @NotNull @Min(5) @Max(300) Integer ringTimeout,
        @NotNull @Min(0) @Max(86_400) Integer maxWaitTime,
        @NotNull @Min(0) @Max(10_000) Integer maxLength,
        @NotNull @Min(0) @Max(3_600) Integer announceFrequency,

        @NotNull @Pattern(regexp = "^[a-zA-Z0-9_-]{1,40}$", message = "must be a music-on-hold class name") String musicOnHold,

        @NotNull @Min(0) @Max(3_600) Integer wrapupTime) {

    /** app_queue's eight strategies. */
    public static final String STRATEGIES = "ringall|leastrecent|fewestcalls|random|rrmemory|rrordered|linear|wrandom";

    public static QueueDraft defaults(String displayName) {
        return new QueueDraft(displayName, "rrmemory", 20, 300, 0, 60, "default", 10);
    }
}
