package io.switchboard.webhook.subscription;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A signing secret of a subscription, encrypted; the current one has no expiry. */
@Entity
@Table(name = "subscription_secret")
public class SubscriptionSecret {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "subscription_id", nullable = false, updatable = false)
    public UUID subscriptionId;

    @Column(name = "secret_enc", nullable = false)
    public String secretEncrypted;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;
}
