package io.switchboard.chat.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A message of a session as stored, with its sequence number in the session. */
@Entity
@Table(name = "chat_message")
public class ChatMessage {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(nullable = false)
    public long seq;

    @Column(name = "sender_type", nullable = false)
    public String senderType;

    @Column(name = "sender_id")
    public String senderId;

    @Column(name = "sender_name", nullable = false)
    public String senderName;

    @Column(name = "message_type", nullable = false)
    public String messageType;

    public String body;

    @Column(name = "attachment_url")
    public String attachmentUrl;

    @Column(name = "attachment_name")
    public String attachmentName;

    @Column(name = "attachment_size")
    public Long attachmentSize;

    @Column(name = "attachment_type")
    public String attachmentType;

    /** The uploaded file's id: the last segment of its object key. */
    @Column(name = "attachment_id")
    public UUID attachmentId;

    /** The file's object key, {@code <tenantId>/chat/<attachmentId>}. */
    @Column(name = "attachment_key")
    public String attachmentKey;

    @Column(name = "attachment_sha256")
    public String attachmentSha256;

    @Column(name = "attachment_declared_type")
    public String attachmentDeclaredType;

    @Column(name = "client_message_id")
    public String clientMessageId;

    @Column(name = "read_at")
    public Instant readAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
