package io.switchboard.telephony.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of telephony-service ({@code switchboard.telephony.*}). */
@ConfigMapping(prefix = "switchboard.telephony")
public interface TelephonyConfig {

    /** SIP digest realm of extensions; phones authenticate against it and md5_cred is computed with it. */
    @WithDefault("switchboard")
    String sipRealm();

    /** The host name phones register to, shown with the credentials of a new extension. */
    @WithDefault("localhost")
    String sipDomain();

    /** Codecs an endpoint may allow, in Asterisk's names. */
    @WithDefault("opus,g722,ulaw,alaw,gsm,g729,ilbc,speex")
    List<String> codecs();

    /** Codecs of a new extension or trunk when the request names none. */
    @WithDefault("opus,g722,ulaw,alaw")
    List<String> defaultCodecs();

    /** How long an extension rings before the call goes to voicemail or the next target. */
    @WithDefault("25s")
    Duration ringTimeout();

    /** Asterisk's sound played to a caller refused because the tenant's concurrent-call limit is reached. */
    @WithDefault("sound:all-circuits-busy-now")
    String busyAnnouncement();

    /** The Asterisk REST Interface. */
    Ari ari();

    /** Where call-setup decisions come from. */
    Routing routing();

    /** routing-service ({@code switchboard.telephony.routing.*}). */
    interface Routing {
        /**
         * Base URL of routing-service, e.g. {@code http://routing-service:8083}. Without it, or while routing-service
         * fails, numbers resolve directly to the tenant's extensions and queues.
         */
        Optional<URI> url();

        /** How long call setup waits for a decision before it routes directly. */
        @WithDefault("2s")
        Duration timeout();
    }

    /** Connection to ARI ({@code switchboard.telephony.ari.*}). */
    interface Ari {
        /** Whether to connect at all (off for a deployment without Asterisk; readiness then says so). */
        @WithDefault("true")
        boolean enabled();

        /** Base URL of Asterisk's HTTP server, e.g. {@code http://asterisk:8088/}. */
        @WithDefault("http://127.0.0.1:8088/")
        String url();

        @WithDefault("switchboard")
        String username();

        @WithDefault("switchboard")
        String password();

        /** The Stasis application the dialplan hands calls to. */
        @WithDefault("switchboard")
        String application();

        /** Longest pause between reconnection attempts. */
        @WithDefault("10s")
        Duration maxReconnectDelay();
    }
}
