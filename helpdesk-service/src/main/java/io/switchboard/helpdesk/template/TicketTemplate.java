package io.switchboard.helpdesk.template;

import io.switchboard.commons.db.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A ticket template as stored. */
@Entity
@Table(name = "ticket_template")
public class TicketTemplate extends TenantOwned {

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String subject;

    public String description;

    public String category;

    public String priority;

    @Column(name = "team_id")
    public UUID teamId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> tags;
}
