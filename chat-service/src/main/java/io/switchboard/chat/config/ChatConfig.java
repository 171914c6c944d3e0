package io.switchboard.chat.config;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.time.Duration;

/** chat-service's settings ({@code switchboard.chat.*}); the README has the table. */
@ConfigMapping(prefix = "switchboard.chat")
public interface ChatConfig {

    /** Base64 HMAC key (at least 32 bytes) that signs visitor tokens and agent socket tickets, the same on every replica. */
    String tokenKey();

    Duration visitorTokenTtl();

    Duration agentTicketTtl();

    /** How long a transfer may stay pending before it goes back to the sender. */
    Duration transferTimeout();

    /** How long a session may stay queued before it becomes an offline message. */
    Duration queueTimeout();

    /** How long after its end the visitor may still rate a session. */
    Duration ratingWindow();

    /** The handle time assumed for wait estimates while the tenant has no recent ended sessions. */
    Duration defaultHandleTime();

    /** How often transfers and queued sessions are checked for timeouts. */
    String sweepEvery();

    /** Where visitors' browsers reach the platform (the gateway), for the embed code. */
    URI publicUrl();

    /** The internal topic that carries socket events to every replica. */
    String fanoutTopic();
}
