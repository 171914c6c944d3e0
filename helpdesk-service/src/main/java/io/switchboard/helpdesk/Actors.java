package io.switchboard.helpdesk;

import io.switchboard.commons.security.Caller;
import io.switchboard.commons.security.Permissions;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@link Actor} of the current request, from the verified token and the active tenant. */
@ApplicationScoped
public class Actors {

    private final TenantContext tenantContext;

    public Actors(TenantContext tenantContext) {
        this.tenantContext = tenantContext;
    }

    public Actor current(String tenantId) {
        Caller caller = tenantContext.requireCaller();
        return new Actor(
                caller.userId(),
                caller.displayName(),
                caller.hasPermissionIn(tenantId, Permissions.TICKETS_ASSIGN),
                caller.hasPermissionIn(tenantId, Permissions.TICKETS_HANDLE),
                caller.hasPermissionIn(tenantId, Permissions.TICKETS_MANAGE));
    }
}
