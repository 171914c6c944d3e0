package io.switchboard.commons.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the transactional outbox relay ({@code switchboard.outbox.*}). */
@ConfigMapping(prefix = "switchboard.outbox")
public interface OutboxConfig {

    /** Whether this instance runs a relay; with several replicas only one publishes at a time anyway. */
    @WithDefault("true")
    boolean relayEnabled();

    /** The CloudEvents {@code source} of this service's events, e.g. {@code /switchboard/tenant-service}. */
    String source();

    /** How long the relay waits for a NOTIFY before it polls the table anyway. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Rows published per round trip to Kafka. */
    @WithDefault("200")
    int batchSize();

    /** The longest pause between attempts while Kafka or the database is unreachable. */
    @WithDefault("15s")
    Duration maxBackoff();

    /** How long published rows are kept for inspection before the cleanup job deletes them. */
    @WithDefault("P7D")
    Duration retention();
}
