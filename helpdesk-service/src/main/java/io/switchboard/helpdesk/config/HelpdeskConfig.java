package io.switchboard.helpdesk.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of helpdesk-service ({@code switchboard.helpdesk.*}). */
@ConfigMapping(prefix = "switchboard.helpdesk")
public interface HelpdeskConfig {

    /** How long a soft-deleted ticket can be restored before the retention job removes it for good. */
    @WithDefault("P30D")
    Duration deletedRetention();

    /** How often the retention job looks for tickets to remove. */
    @WithDefault("1h")
    Duration retentionEvery();
}
