package io.switchboard.commons.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the idempotent-consumer records ({@code switchboard.inbox.*}). */
@ConfigMapping(prefix = "switchboard.inbox")
public interface InboxConfig {

    /** How long a processed event id is remembered: longer than any redelivery can come late. */
    @WithDefault("P14D")
    Duration retention();
}
