package io.switchboard.commons.tenant;

import java.util.List;

/**
 * A user's membership of a tenant as every service knows it from the {@code tenant.membership.*} and
 * {@code tenant.user.*} events: the roles there, the user's status and display name.
 */
public record MemberEntry(String tenantId, String userId, List<String> roles, String status, String displayName) {

    public static final String ACTIVE = "active";

    /** An active user with a membership of the tenant (suspended, inactive or deleted users are not). */
    public boolean active() {
        return ACTIVE.equals(status);
    }
}
