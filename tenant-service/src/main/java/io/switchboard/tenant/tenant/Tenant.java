package io.switchboard.tenant.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A tenant (organization) as stored; the API and the events use {@link TenantView}. */
@Entity
@Table(name = "tenant")
public class Tenant {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Convert(converter = TenantStatus.Converter.class)
    @Column(nullable = false)
    public TenantStatus status;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "trial_expires_at")
    public Instant trialExpiresAt;

    @Column(name = "max_agents", nullable = false)
    public int maxAgents;

    @Column(name = "max_dids", nullable = false)
    public int maxDids;

    @Column(name = "max_concurrent_calls", nullable = false)
    public int maxConcurrentCalls;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Features features;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public TenantSettings settings;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Version
    public long version;

    public boolean isDeleted() {
        return deletedAt != null;
    }
}
