package io.switchboard.routing.schedule;

import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A named business-hours schedule as stored. */
@Entity
@Table(name = "schedule")
public class Schedule extends TenantOwned {

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String timezone;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public ScheduleRules rules;
}
