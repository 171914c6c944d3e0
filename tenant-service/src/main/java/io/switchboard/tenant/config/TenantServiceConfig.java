package io.switchboard.tenant.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

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

    /**
     * The value of the {@code switchboardManaged} attribute of the logins this deployment makes, so that deployments
     * sharing a Keycloak realm (a test run next to a local one) each sweep only their own orphans.
     */
    @WithDefault("switchboard")
    String loginOwner();

    /**
     * How often logins made by this service whose user was never stored (a crash between Keycloak and the database)
     * are looked for and removed (a Quarkus scheduler interval, e.g. {@code 10m}).
     */
    @WithDefault("10m")
    String orphanSweepEvery();

    /** How old such a login must be before it is removed (a creation in flight is never an orphan). */
    @WithDefault("10m")
    Duration orphanGrace();

    /** The password reset e-mail (Keycloak's "update password" link). */
    PasswordReset passwordReset();

    /** The password reset e-mail. */
    interface PasswordReset {
        /** How long the link works. */
        @WithDefault("12h")
        Duration linkLifespan();

        /** The client the page leads back to after the new password is set (with {@code redirectUri}). */
        Optional<String> clientId();

        /** Where the "back to application" link of that page goes; one of the client's redirect URIs. */
        Optional<String> redirectUri();
    }

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
