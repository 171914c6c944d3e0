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

    /**
     * A file sent in the chat (an image or a file message): its id, where agents ({@code url}, chats:handle) and the
     * visitor ({@code publicUrl}, with the session token) download it, its name, size and detected type.
     */
    public record Attachment(UUID id, String url, String publicUrl, String name, Long size, String contentType) {}

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
                        : new Attachment(
                                m.attachmentId,
                                m.attachmentUrl,
                                m.attachmentId == null
                                        ? null
                                        : "/api/v1/chat/public/sessions/" + m.sessionId + "/attachments/"
                                                + m.attachmentId + "/content",
                                m.attachmentName,
                                m.attachmentSize,
                                m.attachmentType),
                m.clientMessageId,
                m.readAt != null,
                m.readAt,
                m.createdAt);
    }
}
