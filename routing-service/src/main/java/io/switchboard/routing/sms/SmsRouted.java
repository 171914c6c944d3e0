package io.switchboard.routing.sms;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The data of {@code routing.sms.received}: a text message for an active, SMS-enabled DID of the tenant. */
public record SmsRouted(
        UUID messageId, UUID didId, String did, String from, String to, String body, OffsetDateTime receivedAt) {}
