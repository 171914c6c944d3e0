package io.switchboard.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of routing-service ({@code switchboard.routing.*}). */
@ConfigMapping(prefix = "switchboard.routing")
public interface RoutingConfig {

    /** How long an extension or external number rings when its route target names no ring timeout. */
    @WithDefault("25s")
    Duration ringTimeout();

    /**
     * The most targets one path of a route may pass through: a target, its next (overflow, no answer) targets, menus
     * and their options. Deeper or cyclic routes are refused when they are saved.
     */
    @WithDefault("8")
    int maxDepth();

    /** How often every instance reloads the whole routing table, besides the reloads on each change. */
    @WithDefault("5m")
    Duration fullReloadEvery();

    /**
     * AES-256 key (base64 of 32 bytes) that encrypts the webhook signing secrets at rest. No default outside the dev
     * and test profiles: the service does not start without one.
     */
    String encryptionKey();

    /** Keys used before {@link #encryptionKey()}: still read, never written, so that the key can be rotated. */
    Optional<List<String>> previousEncryptionKeys();

    /** Webhook routes: an external system decides where a call goes. */
    Webhook webhook();

    /** Webhook routes ({@code switchboard.routing.webhook.*}). */
    interface Webhook {
        /** How long a decision waits for the tenant's answer when the route names no timeout (1 to 10 s). */
        @WithDefault("5s")
        Duration defaultTimeout();

        /** Whether webhook URLs may point at private, loopback or link-local addresses (local runs and tests). */
        @WithDefault("false")
        boolean allowPrivate();

        /** Whether webhook URLs must use https. */
        @WithDefault("true")
        boolean requireHttps();

        /** The largest answer read, in bytes; a longer one is an invalid answer. */
        @WithDefault("65536")
        int maxAnswerBytes();

        /** How long the log of webhook routing requests is kept. */
        @WithDefault("P30D")
        Duration logRetention();
    }
}
