package io.switchboard.chat.message;

import java.time.Instant;
import java.util.UUID;

/** The data of {@code chat.message.*} events. */
public final class MessageEvents {

    private MessageEvents() {}

    /**
     * {@code chat.message.created}: who wrote what kind of message when, without its text (read it through the API
     * when needed): message bodies stay in chat-service unless a subscriber needs them.
     */
    public record MessageCreated(
            UUID id,
            UUID sessionId,
            long seq,
            String senderType,
            String senderId,
            String type,
            int length,
            boolean hasAttachment,
            Instant createdAt,
            File attachment) {

        /** A sent file's id, detected type and size (never its name or bytes). */
        public record File(UUID id, String contentType, long size) {}
    }
}
