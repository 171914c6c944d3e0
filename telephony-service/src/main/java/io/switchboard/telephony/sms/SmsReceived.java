package io.switchboard.telephony.sms;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@code telephony.sms.received}: a text message that arrived from a tenant's trunk, its numbers in E.164.
 *
 * @param messageId the message's id, unique per received message
 * @param trunkId the trunk it came from
 * @param from the sender
 * @param to the number it was sent to (a DID, if the tenant has it)
 * @param body the text
 * @param receivedAt when Asterisk received it
 */
public record SmsReceived(
        UUID messageId, UUID trunkId, String from, String to, String body, OffsetDateTime receivedAt) {}
