package io.switchboard.helpdesk.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A message of a ticket's thread as stored; messages are never changed once written. */
@Entity
@Table(name = "ticket_message")
public class TicketMessage {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    @Column(name = "in_reply_to_id")
    public UUID inReplyToId;

    @Column(nullable = false)
    public String sender;

    @Column(name = "user_id")
    public String userId;

    @Column(name = "sender_name")
    public String senderName;

    @Column(name = "sender_email")
    public String senderEmail;

    @Column(nullable = false)
    public String body;

    @Column(name = "body_text", nullable = false)
    public String bodyText;

    @Column(name = "is_html", nullable = false)
    public boolean html;

    @Column(name = "is_internal", nullable = false)
    public boolean internal;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The RFC 5322 Message-ID of a message that came or went by mail. */
    @Column(name = "mail_message_id")
    public String mailMessageId;

    @Column(name = "search_config", nullable = false, updatable = false)
    @ColumnTransformer(write = "cast(? as regconfig)")
    public String searchConfig;
}
