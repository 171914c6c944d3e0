package io.switchboard.chat.transfer;

import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A transfer of a session to an agent or a team, as stored. */
@Entity
@Table(name = "chat_transfer")
public class ChatTransfer extends TenantOwned {

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(name = "from_user_id")
    public String fromUserId;

    @Column(name = "from_team")
    public String fromTeam;

    @Column(name = "to_user_id")
    public String toUserId;

    @Column(name = "to_team")
    public String toTeam;

    public String reason;

    @Column(nullable = false)
    public String status;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "rejected_at")
    public Instant rejectedAt;
}
