package io.switchboard.chat.message;

import java.time.Instant;
import java.util.UUID;

/** A message as visitors and agents see it. */
public record MessageView(
        UUID id,
        UUID sessionId,
        long seq,
        String senderType,
        String senderId,
        String senderName,
        String type,
        String body,
        Attachment attachment,
        String clientMessageId,
        boolean read,
        Instant readAt,
        Instant createdAt) {

    /** A shared file or image (the uploads slice fills these). */
    public record Attachment(String url, String name, Long size, String contentType) {}

    public static MessageView of(ChatMessage m) {
        return new MessageView(
                m.id,
                m.sessionId,
                m.seq,
                m.senderType,
                m.senderId,
                m.senderName,
                m.messageType,
                m.body,
                m.attachmentUrl == null
                        ? null
                        : new Attachment(m.attachmentUrl, m.attachmentName, m.attachmentSize, m.attachmentType),
                m.clientMessageId,
                m.readAt != null,
                m.readAt,
                m.createdAt);
    }
}
