package io.switchboard.tenant.tenant;

import java.util.Locale;
import java.util.Set;

/**
 * Filters of the tenant list: any of {@code statuses}, {@code name} containing the text (case-insensitive), on trial or
 * not, and whether soft-deleted tenants are included.
 */
public record TenantFilter(Set<TenantStatus> statuses, String name, Boolean trial, boolean includeDeleted) {

    /** The same filter in memory, for the short list of a user's own tenants. */
    boolean matches(TenantView tenant) {
        return (statuses.isEmpty() || statuses.contains(tenant.status()))
                && (name == null || tenant.name().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT)))
                && (trial == null || trial == (tenant.status() == TenantStatus.TRIAL))
                && (includeDeleted || tenant.deletedAt() == null);
    }
}
