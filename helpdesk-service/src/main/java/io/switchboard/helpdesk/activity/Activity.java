package io.switchboard.helpdesk.activity;

import java.time.Instant;
import java.util.UUID;

/**
 * A chat session or call of a tenant as the helpdesk learned it from chat.events and telephony.events.
 *
 * @param kind {@code chat} or {@code call}
 * @param externalId the chat session id or call id
 * @param transcriptJson what was written, [{seq, senderType, senderName, body, sentAt}], or null when not known
 */
public record Activity(
        UUID id,
        String kind,
        UUID externalId,
        UUID contactId,
        String status,
        UUID widgetId,
        String agentId,
        String agentName,
        String visitorName,
        String visitorEmail,
        String visitorPhone,
        String direction,
        String fromNumber,
        String toNumber,
        Boolean answered,
        Integer durationSeconds,
        String transcriptJson,
        Instant startedAt,
        Instant endedAt) {

    public static final String CHAT = "chat";
    public static final String CALL = "call";

    /** The customer's number of a call: the caller of an inbound call, the one called of an outbound call. */
    public String customerNumber() {
        return switch (direction == null ? "" : direction) {
            case "inbound" -> fromNumber;
            case "outbound" -> toNumber;
            default -> null;
        };
    }
}
