package io.switchboard.webhook.delivery;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.webhook.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Scheduled upkeep: the retention of the delivery log, and the queue-depth gauge. */
@ApplicationScoped
public class DeliveryJobs {

    private static final int BATCH = 5_000;

    private final DeliveryTasks tasks;
    private final DeliveryMetrics metrics;
    private final WebhookConfig config;

    public DeliveryJobs(DeliveryTasks tasks, DeliveryMetrics metrics, WebhookConfig config) {
        this.tasks = tasks;
        this.metrics = metrics;
        this.config = config;
    }

    @Scheduled(
            every = "${switchboard.webhook.retention-every:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void retention() {
        purgeOlderThan(Instant.now().minus(config.retention()));
    }

    /**
     * Deletes finished deliveries and their attempts, unreferenced messages and expired secrets, in batches of
     * {@value #BATCH} rows, each its own short transaction.
     */
    public int[] purgeOlderThan(Instant cutoff) {
        int[] total = new int[3];
        int[] removed;
        do {
            removed = tasks.purge(cutoff, BATCH);
            for (int i = 0; i < total.length; i++) {
                total[i] += removed[i];
            }
        } while (removed[0] == BATCH || removed[1] == BATCH);
        if (total[0] + total[1] + total[2] > 0) {
            Log.infof(
                    "Retention removed %d deliveries, %d messages and %d expired secrets",
                    total[0], total[1], total[2]);
        }
        return total;
    }

    @Scheduled(
            every = "${switchboard.webhook.delivery.queue-depth-every:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void queueDepth() {
        try {
            metrics.queueDepth(tasks.pendingByScope());
        } catch (RuntimeException e) {
            Log.debugf("Queue depth not refreshed: %s", e.toString());
        }
    }
}
