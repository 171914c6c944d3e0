package io.switchboard.helpdesk.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A tenant's helpdesk settings as stored; one row per tenant, made with the defaults when first needed. */
@Entity
@Table(name = "helpdesk_settings")
public class HelpdeskSettings {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "ticket_prefix", nullable = false)
    public String ticketPrefix;

    /** Null: {@link AttachmentLimits#DEFAULT_MAX_BYTES}. */
    @Column(name = "max_attachment_bytes")
    public Long maxAttachmentBytes;

    /** Null: {@link AttachmentLimits#DEFAULT_TYPES}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "allowed_attachment_types")
    public List<String> allowedAttachmentTypes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
