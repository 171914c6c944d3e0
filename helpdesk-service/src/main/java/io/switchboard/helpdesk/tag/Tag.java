package io.switchboard.helpdesk.tag;

import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A tag of the tenant's tag set, as stored. */
@Entity
@Table(name = "tag")
public class Tag extends TenantOwned {

    @Column(nullable = false)
    public String name;

    public String color;
}
