package io.switchboard.helpdesk.mailbox;

import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant's mailbox as stored: its IMAP and SMTP servers (passwords encrypted), its sender and its poll cursor. */
@Entity
@Table(name = "mailbox")
public class TenantMailbox extends TenantOwned {

    @Column(nullable = false)
    public String name;

    public boolean enabled;

    @Column(name = "imap_host", nullable = false)
    public String imapHost;

    @Column(name = "imap_port")
    public int imapPort;

    @Column(name = "imap_security", nullable = false)
    public String imapSecurity;

    @Column(name = "imap_user", nullable = false)
    public String imapUser;

    /** Encrypted (SecretCipher, bound to the mailbox id). */
    @Column(name = "imap_password")
    public String imapPassword;

    @Column(name = "imap_folder", nullable = false)
    public String imapFolder;

    @Column(name = "smtp_host", nullable = false)
    public String smtpHost;

    @Column(name = "smtp_port")
    public int smtpPort;

    @Column(name = "smtp_security", nullable = false)
    public String smtpSecurity;

    @Column(name = "smtp_user")
    public String smtpUser;

    /** Encrypted (SecretCipher, bound to the mailbox id). */
    @Column(name = "smtp_password")
    public String smtpPassword;

    @Column(name = "from_address", nullable = false)
    public String fromAddress;

    @Column(name = "from_name")
    public String fromName;

    @Column(name = "send_acknowledgement")
    public boolean sendAcknowledgement;

    public String category;

    @Column(name = "team_id")
    public java.util.UUID teamId;

    /** The IMAP folder's UIDVALIDITY the cursor belongs to; null before the first poll. */
    @Column(name = "uid_validity")
    public Long uidValidity;

    /** The last IMAP UID imported (or dropped) under {@link #uidValidity}. */
    @Column(name = "last_uid")
    public long lastUid;

    @Column(name = "last_polled_at")
    public Instant lastPolledAt;

    @Column(name = "last_poll_error")
    public String lastPollError;
}
