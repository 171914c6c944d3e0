package io.switchboard.telephony.call;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One call from start to end: the call detail record (CDR) of the tenant. */
@Entity
@Table(name = "call_record")
public class CallRecord {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "channel_id", nullable = false)
    public String channelId;

    @Column(nullable = false)
    public String direction;

    @Column(name = "caller_number")
    public String callerNumber;

    @Column(name = "caller_name")
    public String callerName;

    @Column(name = "called_number", nullable = false)
    public String calledNumber;

    @Column(name = "source_endpoint")
    public String sourceEndpoint;

    @Column(name = "route_action")
    public String routeAction;

    @Column(name = "route_target")
    public String routeTarget;

    @Column(name = "queue_name")
    public String queueName;

    @Column(name = "answered_by")
    public String answeredBy;

    /** Where the call is: started, ringing, queued, answered, ended. */
    @Column(nullable = false)
    public String status;

    /** How it ended: answered, no_answer, busy, failed, rejected, abandoned, voicemail. */
    public String disposition;

    @Column(name = "hangup_cause")
    public Integer hangupCause;

    @Column(name = "hangup_cause_text")
    public String hangupCauseText;

    @Column(name = "recording_name")
    public String recordingName;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "ring_seconds")
    public Integer ringSeconds;

    @Column(name = "talk_seconds")
    public Integer talkSeconds;

    @Column(name = "duration_seconds")
    public Integer durationSeconds;
}
