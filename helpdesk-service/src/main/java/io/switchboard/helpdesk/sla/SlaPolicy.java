package io.switchboard.helpdesk.sla;

import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** An SLA policy as stored: targets for the tickets of one priority and, optionally, one category. */
@Entity
@Table(name = "sla_policy")
public class SlaPolicy extends TenantOwned {

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String priority;

    /** Null: every ticket of the priority without a policy of its own category. */
    public String category;

    @Column(name = "first_response_minutes", nullable = false)
    public int firstResponseMinutes;

    @Column(name = "resolution_minutes", nullable = false)
    public int resolutionMinutes;

    /** Targets count the tenant's business hours only (else around the clock). */
    @Column(name = "business_hours", nullable = false)
    public boolean businessHours;
}
