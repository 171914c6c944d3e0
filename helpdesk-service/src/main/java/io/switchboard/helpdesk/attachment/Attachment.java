package io.switchboard.helpdesk.attachment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A file of a ticket as stored: its metadata here, its bytes in the object store under {@link #storageKey}. It belongs
 * to one of the ticket's messages when it came with a mail or was attached to a message, else to the ticket.
 */
@Entity
@Table(name = "message_attachment")
public class Attachment {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    @Column(name = "message_id")
    public UUID messageId;

    @Column(name = "file_name", nullable = false)
    public String fileName;

    /** Detected from the bytes (for rows from before the store: as the mail declared it). */
    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(name = "declared_type")
    public String declaredType;

    @Column(name = "size_bytes", nullable = false)
    public long size;

    @Column(name = "storage_key")
    public String storageKey;

    public String sha256;

    /** {@code upload} or {@code mail}. */
    @Column(nullable = false)
    public String source;

    @Column(name = "uploaded_by")
    public String uploadedBy;

    @Column(name = "not_stored_reason")
    public String notStoredReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
