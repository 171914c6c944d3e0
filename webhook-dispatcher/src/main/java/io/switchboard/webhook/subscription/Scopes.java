package io.switchboard.webhook.subscription;

import io.switchboard.commons.tenant.TenantIds;

/**
 * Where a subscription lives: a tenant (its slug) or the platform. Platform-scope subscriptions belong to the
 * superadmins and receive the events of every tenant. They are stored under the reserved tenant id {@code platform},
 * which no tenant can take, so that row-level security keeps both kinds apart without any special case; superadmins
 * address that scope with {@code X-Tenant-ID: platform}.
 */
public final class Scopes {

    public static final String PLATFORM = "platform";

    static {
        if (!TenantIds.RESERVED.contains(PLATFORM)) {
            throw new IllegalStateException("the platform scope must be a reserved tenant id");
        }
    }

    private Scopes() {}

    public static boolean isPlatform(String scope) {
        return PLATFORM.equals(scope);
    }

    /** The tenant id an event about this scope carries: none for the platform. */
    public static String eventTenant(String scope) {
        return isPlatform(scope) ? null : scope;
    }
}
