package io.switchboard.routing.sms;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The data of {@code telephony.sms.received} as routing reads it: a text message from one of the tenant's trunks. */
public record InboundSms(
        UUID messageId, UUID trunkId, String from, String to, String body, OffsetDateTime receivedAt) {}
