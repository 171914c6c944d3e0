package io.switchboard.helpdesk.reminder;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.commons.db.LeaderLock;
import io.switchboard.commons.tenant.CrossTenant;
import io.switchboard.commons.tenant.TenantTasks;
import io.switchboard.helpdesk.HelpdeskEvents;
import io.switchboard.helpdesk.config.LeaderBatches;
import io.switchboard.helpdesk.ticket.Ticket;
import io.switchboard.helpdesk.ticket.TicketService;
import io.switchboard.helpdesk.ticket.TicketView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Fires {@code helpdesk.ticket.reminder_due} when a reminder's time comes and {@code helpdesk.ticket.overdue} when an
 * active ticket's due date passes, as {@code SlaScheduler} fires SLA timers: one instance leads (a
 * {@link LeaderLock}); a reminder row is claimed with {@code for update skip locked} and marked fired, an overdue
 * notice is claimed by inserting its row (ticket, due date), each in the transaction that writes the event to the
 * outbox. A restart misses nothing that came due meanwhile, and nothing fires twice, even with two schedulers.
 */
@ApplicationScoped
public class DueScheduler {

    static final int BATCH = 100;

    private static final String DUE_REMINDERS = "select r.id, r.ticket_id from ticket_reminder r"
            + " join ticket t on t.id = r.ticket_id"
            + " where r.fired_at is null and r.remind_at <= :now and t.deleted_at is null"
            + " order by r.remind_at, r.id limit :limit for update of r skip locked";

    private static final String CLAIM_OVERDUE = "insert into ticket_overdue_notice (ticket_id, due_at, tenant_id,"
            + " fired_at) select t.id, t.due_at, t.tenant_id, :now from ticket t"
            + " where t.deleted_at is null and t.due_at is not null and t.due_at < :now"
            + " and t.status in ('open', 'in_progress', 'pending')"
            + " and not exists (select 1 from ticket_overdue_notice n where n.ticket_id = t.id and n.due_at = t.due_at)"
            + " order by t.due_at limit :limit on conflict do nothing returning ticket_id";

    private final EntityManager em;
    private final TenantTasks tasks;
    private final TicketService tickets;
    private final HelpdeskEvents events;
    private final Clock clock;
    private final LeaderBatches leader = new LeaderBatches("ticket-due-scheduler", "Reminder scheduler");

    public DueScheduler(
            EntityManager em, TenantTasks tasks, TicketService tickets, HelpdeskEvents events, Clock clock) {
        this.em = em;
        this.tasks = tasks;
        this.tickets = tickets;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(
            every = "${switchboard.helpdesk.reminders.check-every:10s}",
            delayed = "${switchboard.helpdesk.reminders.check-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            Log.warnf("Reminder scheduler failed, will retry at the next run: %s", e.toString());
        }
    }

    /** Fires every reminder and overdue notice due now, if this instance leads; returns how many events it wrote. */
    public int runOnce() {
        // each batch in a transaction of its own (intercepted self-invocation)
        return leader.run(() -> tasks.run(null, () -> fireDue(clock.instant())), BATCH);
    }

    /**
     * Fires one batch of the reminders and overdue notices due at {@code now}, for every tenant, in one transaction;
     * what another transaction holds or claimed is left to it. Public for tests that run two schedulers at once.
     */
    @Transactional
    @CrossTenant
    public int fireDue(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> reminders = em.createNativeQuery(DUE_REMINDERS)
                .setParameter("now", now)
                .setParameter("limit", BATCH)
                .getResultList();
        for (Object[] row : reminders) {
            UUID reminderId = (UUID) row[0];
            UUID ticketId = (UUID) row[1];
            em.createNativeQuery("update ticket_reminder set fired_at = :now where id = :id")
                    .setParameter("now", now)
                    .setParameter("id", reminderId)
                    .executeUpdate();
            Ticket ticket = em.find(Ticket.class, ticketId);
            ReminderView reminder = findReminder(reminderId);
            events.emit(
                    ReminderEvents.REMINDER_DUE,
                    ticket.tenantId,
                    "ticket",
                    ticketId,
                    new ReminderEvents.TicketReminderDue(tickets.view(ticket), reminder));
            Log.debugf(
                    "Reminder %s of ticket %s fired at %s for %s", reminderId, ticket.number, now, ticket.assigneeId);
        }
        @SuppressWarnings("unchecked")
        List<UUID> overdue = em.createNativeQuery(CLAIM_OVERDUE)
                .setParameter("now", now)
                .setParameter("limit", BATCH)
                .getResultList();
        for (UUID ticketId : overdue) {
            Ticket ticket = em.find(Ticket.class, ticketId);
            TicketView view = tickets.view(ticket);
            events.emit(ReminderEvents.OVERDUE, ticket.tenantId, "ticket", ticketId, view);
            Log.debugf("Ticket %s overdue since %s", ticket.number, ticket.dueAt);
        }
        return Math.max(reminders.size(), overdue.size());
    }

    private ReminderView findReminder(UUID id) {
        Object[] row = (Object[]) em.createNativeQuery("select id, ticket_id, remind_at, note, created_by, created_at,"
                        + " fired_at from ticket_reminder where id = :id")
                .setParameter("id", id)
                .getSingleResult();
        return ReminderService.toView(row);
    }
}
