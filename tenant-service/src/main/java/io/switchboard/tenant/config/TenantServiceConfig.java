package io.switchboard.tenant.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of tenant-service ({@code switchboard.tenant.*}). */
@ConfigMapping(prefix = "switchboard.tenant")
public interface TenantServiceConfig {

    /** Trial length when a trial tenant is created without an expiry date. */
    @WithDefault("P14D")
    Duration defaultTrial();

    /** How long a deleted tenant can be restored before it is purged for good. */
    @WithDefault("P30D")
    Duration deletedRetention();

    /**
     * The event types (prefixes) that make audit entries: administrative changes, not the traffic of calls and chats.
     */
    @WithDefault("tenant.,telephony.trunk.,telephony.extension.,telephony.queue.,telephony.queue_member.,"
            + "telephony.voicemail.,routing.did.,routing.ivr.,routing.schedule.,webhook.subscription.")
    java.util.List<String> auditTypes();

    /** How often logins that missed a change (Keycloak was unreachable) are brought up to date. */
    @WithDefault("15s")
    Duration identitySyncEvery();

    /** How often the trial-expiry and purge job runs (a Quarkus scheduler interval, e.g. {@code 1m}). */
    @WithDefault("1m")
    String jobsEvery();

    /** How long after start-up the job first runs. */
    @WithDefault("10s")
    String jobsDelay();

    /** Limits of a new tenant when the request gives none. */
    DefaultLimits defaultLimits();

    /** Limits of a new tenant. */
    interface DefaultLimits {
        @WithDefault("10")
        int maxAgents();

        @WithDefault("5")
        int maxDids();

        @WithDefault("10")
        int maxConcurrentCalls();
    }
}
