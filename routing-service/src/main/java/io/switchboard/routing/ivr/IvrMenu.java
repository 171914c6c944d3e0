package io.switchboard.routing.ivr;

import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An IVR menu as stored. */
@Entity
@Table(name = "ivr_menu")
public class IvrMenu extends TenantOwned {

    @Column(nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public MenuDefinition definition;
}
