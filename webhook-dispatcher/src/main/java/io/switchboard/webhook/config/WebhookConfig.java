package io.switchboard.webhook.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of webhook-dispatcher ({@code switchboard.webhook.*}). */
@ConfigMapping(prefix = "switchboard.webhook")
public interface WebhookConfig {

    /**
     * The AES key (base64 of 16, 24 or 32 bytes) that encrypts signing secrets and custom headers at rest. Required:
     * production has no default, so the service refuses to start without one.
     */
    String encryptionKey();

    /** Keys used before {@link #encryptionKey()}: still read, never written, so that the key can be rotated. */
    Optional<List<String>> previousEncryptionKeys();

    Targets targets();

    Http http();

    Delivery delivery();

    Retry retry();

    Subscriptions subscriptions();

    /** How long deliveries, attempts and messages are kept for the log and replay. */
    @WithDefault("P30D")
    Duration retention();

    /** How often the retention job runs (a scheduler interval). */
    @WithDefault("1h")
    String retentionEvery();

    /** Which target URLs are allowed. */
    interface Targets {
        /** Refuse {@code http:} targets (production). */
        @WithDefault("true")
        boolean requireHttps();

        /**
         * Allow private, loopback, link-local and other non-public addresses. False in production: checked when a
         * subscription is saved and again, on the resolved address, at every connection.
         */
        @WithDefault("false")
        boolean allowPrivate();
    }

    /** The HTTP client that delivers. */
    interface Http {
        @WithDefault("5s")
        Duration connectTimeout();

        /** The whole attempt, from connecting to the end of the response. */
        @WithDefault("15s")
        Duration timeout();

        /** How much of a response body the delivery log keeps. */
        @WithDefault("1024")
        int responseSnippetBytes();

        /** Connections kept per target host and port. */
        @WithDefault("64")
        int maxConnectionsPerHost();
    }

    /** The dispatcher that claims due deliveries and sends them. */
    interface Delivery {
        /** Whether this instance sends (the API and the fan-out work either way). */
        @WithDefault("true")
        boolean enabled();

        /** How often due deliveries are looked for when nothing wakes the dispatcher. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Deliveries claimed per round trip. */
        @WithDefault("200")
        int batchSize();

        /** How long a claimed delivery is reserved for this instance; after that another may take it over. */
        @WithDefault("60s")
        Duration lease();

        /** Requests in flight at once, all endpoints together. */
        @WithDefault("256")
        int maxInFlight();

        /** Requests in flight at once to one subscription's endpoint: a slow one cannot take more. */
        @WithDefault("8")
        int maxConcurrencyPerEndpoint();

        /** Events whose request body would be larger are not sent; the delivery fails with a clear error. */
        @WithDefault("262144")
        int maxPayloadBytes();

        /** How often the queue-depth gauge is refreshed. */
        @WithDefault("15s")
        String queueDepthEvery();
    }

    /** The durable retry schedule. */
    interface Retry {
        /** Delays before each retry after the first attempt; its length is the number of retries. */
        @WithDefault("5s,5m,30m,2h,5h,10h,10h")
        List<Duration> schedule();

        /** Each delay is lengthened by a random fraction up to this (0.1: up to 10% later, never earlier). */
        @WithDefault("0.1")
        double jitter();

        /** The longest {@code Retry-After} honoured. */
        @WithDefault("PT24H")
        Duration maxRetryAfter();

        /** An endpoint failing without a single success for this long is disabled. */
        @WithDefault("P5D")
        Duration disableAfter();
    }

    /** Limits of subscriptions. */
    interface Subscriptions {
        @WithDefault("100")
        int maxPerTenant();

        /** How long a rotated-out secret still signs when the rotation names no grace period. */
        @WithDefault("PT24H")
        Duration defaultGracePeriod();

        @WithDefault("P7D")
        Duration maxGracePeriod();
    }
}
