package io.switchboard.chat.session;

import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A chat session as stored: the visitor, the routing it asks for, its agent, timings and message counter. */
@Entity
@Table(name = "chat_session")
public class ChatSession extends TenantOwned {

    @Column(name = "widget_id", nullable = false)
    public UUID widgetId;

    @Column(name = "visitor_id", nullable = false)
    public UUID visitorId;

    @Column(nullable = false)
    public String status;

    @Column(name = "visitor_name")
    public String visitorName;

    @Column(name = "visitor_email")
    public String visitorEmail;

    @Column(name = "visitor_phone")
    public String visitorPhone;

    @Column(name = "ip_address")
    public String ipAddress;

    @Column(name = "user_agent")
    public String userAgent;

    @Column(name = "referrer_url")
    public String referrerUrl;

    @Column(name = "current_url")
    public String currentUrl;

    @Column(name = "auto_assign", nullable = false)
    public boolean autoAssign;

    public String team;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] skills;

    @Column(name = "default_assignee")
    public String defaultAssignee;

    @Column(name = "assigned_to")
    public String assignedTo;

    @Column(name = "assigned_name")
    public String assignedName;

    @Column(name = "assigned_team")
    public String assignedTeam;

    @Column(name = "queued_at", nullable = false)
    public Instant queuedAt;

    @Column(name = "offered_at")
    public Instant offeredAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "end_reason")
    public String endReason;

    @Column(name = "duration_seconds")
    public Integer durationSeconds;

    @Column(name = "first_response_seconds")
    public Integer firstResponseSeconds;

    @Column(name = "last_seq", nullable = false)
    public long lastSeq;

    /** The visitor's rating of the ended session, 1 to 5; set once. */
    public Short rating;

    @Column(name = "rating_comment")
    public String ratingComment;

    @Column(name = "rated_at")
    public Instant ratedAt;

    public SessionStatus status() {
        return SessionStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT));
    }

    public boolean isOver() {
        return status().isOver();
    }
}
