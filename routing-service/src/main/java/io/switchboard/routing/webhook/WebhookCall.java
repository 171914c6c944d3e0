package io.switchboard.routing.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One webhook routing request as logged: what was asked, how long it took and what came of it. */
@Entity
@Table(name = "webhook_call")
public class WebhookCall {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "did_id", nullable = false)
    public UUID didId;

    @Column(name = "call_id")
    public UUID callId;

    @Column(nullable = false)
    public String url;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "latency_ms", nullable = false)
    public int latencyMs;

    /** {@link WebhookOutcome}, as in JSON. */
    @Column(nullable = false)
    public String outcome;

    @Column(name = "http_status")
    public Integer httpStatus;

    /** The answer's action and target, when there was a valid answer. */
    public String action;

    public String target;
    public String message;

    /** Why the answer was not used, for failures. */
    public String detail;
}
