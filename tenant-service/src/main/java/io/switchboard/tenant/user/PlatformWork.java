package io.switchboard.tenant.user;

import io.switchboard.commons.tenant.TenantTasks;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs a platform task (cross-tenant reads, pushes to Keycloak) from within a tenant's request: on a thread of its
 * own, so that it gets a request context of its own as a system task, and the request's tenant and transaction stay
 * as they were. Only what the task returns goes back to the request.
 */
@ApplicationScoped
public class PlatformWork {

    private final TenantTasks tasks;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    public PlatformWork(TenantTasks tasks) {
        this.tasks = tasks;
    }

    /** @throws TimeoutException when the work takes longer than {@code seconds} */
    public <T> T run(Supplier<T> work, long seconds) throws TimeoutException {
        try {
            return threads.submit(() -> tasks.run(null, work)).get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
