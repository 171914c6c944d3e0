package io.switchboard.helpdesk.ticket;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.commons.tenant.CrossTenant;
import io.switchboard.commons.tenant.TenantTasks;
import io.switchboard.helpdesk.attachment.AttachmentService;
import io.switchboard.helpdesk.config.HelpdeskConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Removes tickets that were deleted longer ago than {@code switchboard.helpdesk.deleted-retention}, with their
 * messages, tags and attachments (their objects in the store too), for every tenant. Idempotent, so replicas running it at once do no harm.
 */
@ApplicationScoped
public class TicketRetention {

    private final TicketRepository repository;
    private final TenantTasks tasks;
    private final HelpdeskConfig config;
    private final AttachmentService attachments;

    public TicketRetention(
            TicketRepository repository, TenantTasks tasks, HelpdeskConfig config, AttachmentService attachments) {
        this.attachments = attachments;
        this.repository = repository;
        this.tasks = tasks;
        this.config = config;
    }

    @Scheduled(
            every = "${switchboard.helpdesk.retention-every:1h}",
            delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        try {
            int purged = purgeDeletedBefore(Instant.now().minus(config.deletedRetention()));
            if (purged > 0) {
                Log.infof("Retention removed %d tickets deleted more than %s ago", purged, config.deletedRetention());
            }
        } catch (RuntimeException e) {
            Log.warnf("Ticket retention failed, will retry at the next run: %s", e.toString());
        }
    }

    /** Removes the tickets of every tenant deleted before {@code cutoff}, as a platform task; returns how many. */
    public int purgeDeletedBefore(Instant cutoff) {
        return tasks.run(null, () -> purge(cutoff)); // intercepted self-invocation: a cross-tenant transaction
    }

    @Transactional
    @CrossTenant
    int purge(Instant cutoff) {
        // the attachments' objects first: rows without objects are harmless, objects without rows would stay forever
        attachments.deleteObjectsOfTicketsDeletedBefore(cutoff);
        return repository.purgeDeletedBefore(cutoff);
    }
}
