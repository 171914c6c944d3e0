package io.switchboard.chat.session;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.chat.transfer.TransferService;
import io.switchboard.commons.tenant.TenantTasks;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The timeouts, on every replica (each item is taken under its row lock and re-checked, so replicas do not repeat one
 * another's work): pending transfers past their time go back to the sender, sessions queued past the queue timeout
 * become offline messages, and tenants with waiting sessions are dispatched again (a session skipped while locked).
 */
@ApplicationScoped
public class ChatSweeper {

    private final SessionService sessions;
    private final TransferService transfers;
    private final TenantTasks tasks;
    private final ChatConfig config;

    public ChatSweeper(SessionService sessions, TransferService transfers, TenantTasks tasks, ChatConfig config) {
        this.sessions = sessions;
        this.transfers = transfers;
        this.tasks = tasks;
        this.config = config;
    }

    @Scheduled(
            every = "${switchboard.chat.sweep-every}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            List<Object[]> overdueTransfers = tasks.run(null, transfers::overdue);
            for (Object[] row : overdueTransfers) {
                String tenant = (String) row[0];
                tasks.run(tenant, () -> transfers.expire(tenant, (UUID) row[1]));
            }
            Instant cutoff = Instant.now().minus(config.queueTimeout());
            for (SessionRepository.TenantSession overdue : tasks.run(null, () -> sessions.overdueQueued(cutoff))) {
                tasks.run(overdue.tenantId(), () -> sessions.timeOut(overdue.tenantId(), overdue.sessionId(), cutoff));
            }
            for (String tenant : tasks.run(null, sessions::tenantsWaiting)) {
                tasks.run(tenant, () -> sessions.dispatch(tenant));
            }
        } catch (RuntimeException e) {
            Log.warnf(e, "Chat timeouts not swept this time");
        }
    }
}
