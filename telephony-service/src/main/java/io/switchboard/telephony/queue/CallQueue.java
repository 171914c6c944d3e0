package io.switchboard.telephony.queue;

import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A call queue: a row of Asterisk's realtime {@code queues} table, which app_queue reads, with Switchboard's columns
 * added. Enum columns are written with casts to Asterisk's types.
 */
@Entity
@Table(name = "queues")
public class CallQueue extends TenantOwned {

    /** app_queue's name: {@code <tenant>-<name>}. */
    @Column(name = "name", nullable = false)
    public String asteriskName;

    @Column(name = "display_name")
    public String displayName;

    @ColumnTransformer(write = "?::queue_strategy_values")
    public String strategy;

    /** How long a member's phone rings before app_queue tries the next, in seconds. */
    @Column(name = "timeout")
    public Integer ringTimeout;

    @Column(name = "maxlen")
    public Integer maxLength;

    @Column(name = "announce_frequency")
    public Integer announceFrequency;

    @Column(name = "musiconhold")
    public String musicOnHold;

    @Column(name = "wrapuptime")
    public Integer wrapupTime;

    /** Switchboard's: how long a caller waits before the queue's overflow target, in seconds (0: no limit). */
    @Column(name = "max_wait_time")
    public Integer maxWaitTime;

    @ColumnTransformer(write = "?::yesno_values")
    @Column(name = "ringinuse")
    public String ringInUse;

    @ColumnTransformer(write = "?::yesno_values")
    @Column(name = "setinterfacevar")
    public String setInterfaceVar;

    @Column(name = "joinempty")
    public String joinEmpty;

    @Column(name = "leavewhenempty")
    public String leaveWhenEmpty;
}
