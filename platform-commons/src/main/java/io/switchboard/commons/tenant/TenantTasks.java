package io.switchboard.commons.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.function.Supplier;

/**
 * Runs work of a system task (a consumer, a job, a call in progress) for one tenant: the tenant is set before the
 * work starts, so that every transaction the work opens gets it for row-level security. Pass {@code null} for
 * platform-wide work, which may then use {@link CrossTenant} methods.
 */
@ApplicationScoped
public class TenantTasks {

    private final TenantContext tenantContext;

    public TenantTasks(TenantContext tenantContext) {
        this.tenantContext = tenantContext;
    }

    @ActivateRequestContext
    public <T> T run(String tenantId, Supplier<T> work) {
        tenantContext.runAsSystem(tenantId);
        return work.get();
    }

    @ActivateRequestContext
    public void run(String tenantId, Runnable work) {
        tenantContext.runAsSystem(tenantId);
        work.run();
    }
}
