package io.switchboard.telephony.call;

import io.quarkus.logging.Log;
import io.switchboard.commons.tenant.TenantRequestFilter;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.MDC;

/**
 * Runs the tasks of one call one after the other, in the order they arrived, on a shared executor: a call's events
 * never race each other, and calls never wait for each other. Log lines of the tasks carry the call's tenant.
 */
final class Mailbox {

    private final Executor executor;
    private final String tenantId;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    Mailbox(Executor executor, String tenantId) {
        this.executor = executor;
        this.tenantId = tenantId;
    }

    void submit(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        MDC.put(TenantRequestFilter.MDC_TENANT, tenantId);
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    Log.errorf(e, "A call task failed: %s", e.getMessage());
                }
            }
        } finally {
            MDC.remove(TenantRequestFilter.MDC_TENANT);
            draining.set(false);
            if (!tasks.isEmpty()) {
                schedule();
            }
        }
    }
}
