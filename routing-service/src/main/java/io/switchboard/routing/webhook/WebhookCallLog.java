package io.switchboard.routing.webhook;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.db.PagedQuery;
import io.switchboard.commons.tenant.CrossTenant;
import io.switchboard.commons.tenant.TenantTasks;
import io.switchboard.routing.config.RoutingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The log of webhook routing requests. A decision hands its entry over and goes on: the row is written in the
 * background, so the call never waits for it. Entries are kept for {@code switchboard.routing.webhook.log-retention}.
 */
@ApplicationScoped
public class WebhookCallLog {

    public static final Map<String, String> SORTABLE = Map.of("startedAt", "c.startedAt", "latencyMs", "c.latencyMs");

    private final EntityManager em;
    private final TenantTasks tasks;
    private final RoutingConfig config;
    private final ExecutorService writer = Executors.newVirtualThreadPerTaskExecutor();

    public WebhookCallLog(EntityManager em, TenantTasks tasks, RoutingConfig config) {
        this.em = em;
        this.tasks = tasks;
        this.config = config;
    }

    void onStop(@Observes ShutdownEvent event) {
        writer.shutdown();
    }

    /** Writes {@code call} in the background, for its tenant. */
    public void record(WebhookCall call) {
        writer.submit(() -> {
            try {
                tasks.run(call.tenantId, () -> store(call)); // intercepted self-invocation: a transaction
            } catch (RuntimeException e) {
                Log.warnf("The webhook log entry of call %s was not written: %s", call.callId, e.toString());
            }
        });
    }

    @Transactional
    void store(WebhookCall call) {
        em.persist(call);
    }

    @Transactional
    public Page<WebhookCallView> list(String tenantId, UUID didId, PageRequest page) {
        return PagedQuery.page(
                        em,
                        WebhookCall.class,
                        "c",
                        "c.tenantId = :tenant and c.didId = :did",
                        Map.of("tenant", tenantId, "did", didId),
                        page,
                        "c.id")
                .map(WebhookCallView::of);
    }

    @Scheduled(
            every = "1h",
            delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purge() {
        tasks.run(null, this::purgeOld);
    }

    @Transactional
    @CrossTenant
    void purgeOld() {
        int deleted = em.createQuery("delete from WebhookCall c where c.startedAt < :before")
                .setParameter("before", Instant.now().minus(config.webhook().logRetention()))
                .executeUpdate();
        if (deleted > 0) {
            Log.infof(
                    "Removed %d webhook log entries older than %s",
                    deleted, config.webhook().logRetention());
        }
    }
}
