package io.switchboard.routing.table;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.commons.security.SecretCipher;
import io.switchboard.commons.tenant.TenantTasks;
import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.route.RoutingData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The routing configuration of every tenant, in this instance's memory, so that decisions never wait for the
 * database. Loaded whole at start-up and every {@code switchboard.routing.full-reload-every}; a tenant is reloaded
 * after each committed change of it, whether made by this instance (before the request returns) or another one, or
 * learned from telephony-service (both announced by a NOTIFY, see {@link ChangeListener}). Loads run one at a time on
 * one thread, each reading what is committed when it starts, so the last load of a tenant is always the newest.
 */
@ApplicationScoped
public class RoutingTable {

    private final RoutingStore store;
    private final TenantTasks tasks;
    private final SecretCipher cipher;
    private final RoutingConfig config;
    private final Map<String, TenantRouting> tenants = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService loader = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("routing-table-loader").daemon().factory());
    private volatile Instant loadedAt;

    public RoutingTable(RoutingStore store, TenantTasks tasks, SecretCipher cipher, RoutingConfig config) {
        this.store = store;
        this.tasks = tasks;
        this.cipher = cipher;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            await(loader.submit(this::loadAll));
        } catch (RuntimeException e) {
            Log.errorf(e, "The routing table could not be loaded at start-up; retrying in the background");
            reloadAll();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        loader.shutdownNow();
    }

    /** A tenant's routing; empty for a tenant without any. */
    public TenantRouting tenant(String tenantId) {
        TenantRouting routing = tenants.get(tenantId);
        return routing != null ? routing : TenantRouting.empty(tenantId);
    }

    /** When the whole table was last loaded; null before the first load. */
    public Instant loadedAt() {
        return loadedAt;
    }

    public int tenantCount() {
        return tenants.size();
    }

    /** Reloads these tenants in the background; a tenant already waiting for its reload is not queued twice. */
    public void reload(Collection<String> tenantIds) {
        for (String tenantId : tenantIds) {
            if (pending.add(tenantId)) {
                loader.submit(() -> {
                    pending.remove(tenantId); // a change committed from now on queues another load
                    loadTenant(tenantId);
                });
            }
        }
    }

    /** Reloads these tenants and returns when they are (or after 10 s, logging why not). */
    public void reloadAndWait(Collection<String> tenantIds) {
        try {
            await(loader.submit(() -> tenantIds.forEach(this::loadTenant)));
        } catch (RuntimeException e) {
            Log.errorf(e, "Reloading the routing of %s failed; the next change or full reload retries", tenantIds);
        }
    }

    @Scheduled(
            every = "${switchboard.routing.full-reload-every:5m}",
            delayed = "${switchboard.routing.full-reload-every:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void reloadAll() {
        loader.submit(this::loadAll);
    }

    private void loadTenant(String tenantId) {
        try {
            RoutingData data = tasks.run(tenantId, () -> store.load(tenantId));
            tenants.put(tenantId, compile(data));
            Log.debugf("Routing of %s reloaded", tenantId);
        } catch (RuntimeException e) {
            Log.errorf(e, "Reloading the routing of %s failed", tenantId);
            throw e;
        }
    }

    private void loadAll() {
        try {
            Map<String, RoutingData> all = tasks.run(null, store::loadAll);
            all.forEach((tenant, data) -> tenants.put(tenant, compile(data)));
            tenants.keySet().retainAll(all.keySet());
            loadedAt = Instant.now();
            Log.infof("Routing table loaded: %d tenants", all.size());
        } catch (RuntimeException e) {
            Log.errorf(e, "Loading the routing table failed; retrying at the next full reload");
            throw e;
        }
    }

    private TenantRouting compile(RoutingData data) {
        return TenantRouting.compile(data, cipher, (int) config.ringTimeout().toSeconds(), config.maxDepth());
    }

    private static void await(Future<?> load) {
        try {
            load.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the routing table load takes longer than 10 s", e);
        }
    }
}
