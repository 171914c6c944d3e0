package io.switchboard.commons.security;

import java.util.Set;

/** What a user may do in one tenant, as carried by the token's {@code tenants} claim. */
public record Membership(Set<String> roles, Set<String> grants, Set<String> revokes) {

    public Membership {
        roles = Set.copyOf(roles);
        grants = Set.copyOf(grants);
        revokes = Set.copyOf(revokes);
    }

    public Set<String> permissions() {
        return Permissions.effective(roles, grants, revokes);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
