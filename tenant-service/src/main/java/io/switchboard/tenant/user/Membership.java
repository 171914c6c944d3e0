package io.switchboard.tenant.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A user's roles in one tenant, with the permissions granted or revoked beyond the roles' defaults. */
@Entity
@Table(name = "membership")
@IdClass(Membership.Key.class)
public class Membership {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] roles;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] grants;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] revokes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** The primary key: tenant and user. */
    public static class Key implements Serializable {
        public String tenantId;
        public UUID userId;

        public Key() {}

        public Key(String tenantId, UUID userId) {
            this.tenantId = tenantId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.tenantId.equals(tenantId) && key.userId.equals(userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, userId);
        }
    }
}
