package io.switchboard.tenant.platform;

import io.switchboard.commons.tenant.TenantContext;
import io.switchboard.tenant.tenant.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.Instant;

/** Test-only: runs the platform jobs' service methods as the scheduler does, at a chosen time. */
@ApplicationScoped
public class SystemTasks {

    private final TenantService service;
    private final TenantContext tenantContext;

    public SystemTasks(TenantService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @ActivateRequestContext
    public int purgeDeletedAsOf(Instant now) {
        tenantContext.runAsSystem(null);
        return service.purgeDeleted(now);
    }
}
