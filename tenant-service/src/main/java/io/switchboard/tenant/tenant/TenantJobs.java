package io.switchboard.tenant.tenant;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.commons.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.Instant;

/** Scheduled upkeep: trials that ran out become inactive; tenants deleted long enough ago are purged. */
@ApplicationScoped
public class TenantJobs {

    private final TenantService service;
    private final TenantContext tenantContext;

    public TenantJobs(TenantService service, TenantContext tenantContext) {
        this.service = service;
        this.tenantContext = tenantContext;
    }

    @Scheduled(
            every = "${switchboard.tenant.jobs-every:1m}",
            delayed = "${switchboard.tenant.jobs-delay:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @ActivateRequestContext
    void run() {
        tenantContext.runAsSystem(null);
        Instant now = Instant.now();
        int expired = service.expireTrials(now);
        int purged = service.purgeDeleted(now);
        if (expired + purged > 0) {
            Log.infof("Tenant jobs: %d trials expired, %d deleted tenants purged", expired, purged);
        }
    }
}
