package io.switchboard.webhook.subscription;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A webhook subscription as stored; the API uses {@link SubscriptionView}. Updates write only changed columns, because
 * the dispatcher maintains {@code failing_since} beside the API without taking the entity's version.
 */
@Entity
@Table(name = "subscription")
@DynamicUpdate
public class Subscription {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public String url;

    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "event_types", nullable = false)
    public List<String> eventTypes;

    public boolean enabled;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "headers_enc")
    public String headersEncrypted;

    @Column(name = "rate_limit")
    public Integer rateLimit;

    /** What kind of resource keeps this endpoint ({@code did}), or null for a user's own endpoint. */
    @Column(name = "managed_kind", updatable = false)
    public String managedKind;

    /** The id of the resource that keeps it, with {@link #managedKind}. */
    @Column(name = "managed_id", updatable = false)
    public String managedId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** Whether another resource keeps this endpoint (see {@link ManagedBy}). */
    public boolean isManaged() {
        return managedKind != null;
    }

    /** The resource that keeps this endpoint, or null. */
    public ManagedBy managedBy() {
        return managedKind == null ? null : new ManagedBy(managedKind, managedId);
    }
}
