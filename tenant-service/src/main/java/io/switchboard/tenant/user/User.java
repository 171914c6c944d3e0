package io.switchboard.tenant.user;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A person with one login; the same id as their Keycloak user. The API and events use {@link UserView}. */
@Entity
@Table(name = "app_user")
public class User {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String email;

    @Column(name = "first_name", nullable = false)
    public String firstName;

    @Column(name = "last_name", nullable = false)
    public String lastName;

    public String phone;

    @Column(name = "avatar_url")
    public String avatarUrl;

    @Convert(converter = UserStatus.Converter.class)
    @Column(nullable = false)
    public UserStatus status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Version
    public long version;

    @Column(name = "keycloak_synced_at")
    public Instant keycloakSyncedAt;

    @Column(name = "keycloak_synced_version")
    public Long keycloakSyncedVersion;

    public boolean isDeleted() {
        return deletedAt != null;
    }

    /** Whether Keycloak holds what this row says (a change not yet pushed there makes it false). */
    public boolean inKeycloak() {
        return keycloakSyncedVersion != null && keycloakSyncedVersion == version;
    }
}
