package io.switchboard.telephony.queue;

import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A queue member: a row of Asterisk's realtime {@code queue_members} table. Asterisk requires {@code uniqueid} and
 * gives it no default, so it is drawn from {@code queue_members_uniqueid_seq} when the member is added.
 */
@Entity
@Table(name = "queue_members")
public class QueueMember extends TenantOwned {

    @Column(name = "queue_name", nullable = false)
    public String queueName;

    /** The member's dial string, {@code PJSIP/<endpoint>}. */
    @Column(name = "interface", nullable = false)
    public String iface;

    @Column(name = "state_interface")
    public String stateInterface;

    @Column(name = "membername")
    public String memberName;

    @Column(name = "uniqueid", nullable = false)
    public Integer uniqueId;

    public Integer penalty;

    /** 1 when paused, as app_queue stores it. */
    public Integer paused;

    @Column(name = "reason_paused")
    public String reasonPaused;

    @Column(name = "wrapuptime")
    public Integer wrapupTime;

    @ColumnTransformer(write = "?::ast_bool_values")
    @Column(name = "ringinuse")
    public String ringInUse;

    @Column(name = "extension_id", nullable = false)
    public UUID extensionId;

    @Column(name = "paused_at")
    public Instant pausedAt;
}
