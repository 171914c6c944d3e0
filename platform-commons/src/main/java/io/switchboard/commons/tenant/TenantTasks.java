package io.switchboard.commons.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * Runs work of a system task (a consumer, a job, a call in progress) for one tenant: the tenant is set before the
 * work starts, so that every transaction the work opens gets it for row-level security, and log lines of the work
 * carry it. Pass {@code null} for platform-wide work, which may then use {@link CrossTenant} methods.
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
        Object logged = MDC.get(TenantRequestFilter.MDC_TENANT);
        log(tenantId);
        try {
            return work.get();
        } finally {
            log(logged);
        }
    }

    @ActivateRequestContext
    public void run(String tenantId, Runnable work) {
        run(tenantId, () -> {
            work.run();
            return null;
        });
    }

    private static void log(Object tenantId) {
        if (tenantId == null) {
            MDC.remove(TenantRequestFilter.MDC_TENANT);
        } else {
            MDC.put(TenantRequestFilter.MDC_TENANT, tenantId);
        }
    }
}
