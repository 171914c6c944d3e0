package io.switchboard.commons.security;

import java.util.Map;
import java.util.Optional;

/**
 * The authenticated user of a request, read from the verified access token: the Keycloak subject, whether they are a
 * platform superadmin, and their memberships by tenant id.
 */
public record Caller(String userId, String username, boolean superadmin, Map<String, Membership> memberships) {

    public Caller {
        memberships = Map.copyOf(memberships);
    }

    /** How the caller is shown in logs and to others: the user name, or the id when the token has none. */
    public String displayName() {
        return username == null ? userId : username;
    }

    public Optional<Membership> membership(String tenantId) {
        return Optional.ofNullable(memberships.get(tenantId));
    }

    public boolean isMemberOf(String tenantId) {
        return memberships.containsKey(tenantId);
    }

    public boolean hasRoleIn(String tenantId, String role) {
        return membership(tenantId).map(m -> m.hasRole(role)).orElse(false);
    }

    public boolean hasPermissionIn(String tenantId, String permission) {
        return superadmin
                || membership(tenantId)
                        .map(m -> m.permissions().contains(permission))
                        .orElse(false);
    }
}
