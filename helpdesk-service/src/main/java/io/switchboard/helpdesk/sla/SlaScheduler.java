package io.switchboard.helpdesk.sla;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.commons.api.Times;
import io.switchboard.commons.db.LeaderLock;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.tenant.CrossTenant;
import io.switchboard.commons.tenant.TenantTasks;
import io.switchboard.helpdesk.HelpdeskEvents;
import io.switchboard.helpdesk.config.HelpdeskConfig;
import io.switchboard.helpdesk.config.LeaderBatches;
import io.switchboard.helpdesk.ticket.Ticket;
import io.switchboard.helpdesk.ticket.TicketService;
import io.switchboard.helpdesk.ticket.TicketView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Fires {@code helpdesk.ticket.sla_warning} and {@code helpdesk.ticket.sla_breached} when their time comes. The timers
 * are rows ({@code sla_timer}) that {@link SlaClock} keeps in step with each ticket's deadlines; one instance of the
 * deployment (a {@link LeaderLock}) picks the due ones of running clocks with {@code for update skip locked}, marks
 * them fired and writes the event to the outbox in one transaction: a restart misses nothing that came due meanwhile,
 * and nothing fires twice, even when two schedulers run at once.
 */
@ApplicationScoped
public class SlaScheduler {

    private static final String DUE = "select s.ticket_id, s.metric, s.kind, s.due_at from sla_timer s"
            + " join ticket t on t.id = s.ticket_id"
            + " where s.fired_at is null and s.due_at <= :now and t.sla_paused_at is null and t.deleted_at is null"
            + " order by s.due_at, s.ticket_id, s.kind desc limit :limit for update of s skip locked";

    private final EntityManager em;
    private final TenantTasks tasks;
    private final TicketService tickets;
    private final HelpdeskEvents events;
    private final HelpdeskConfig config;
    private final Clock clock;
    private final LeaderBatches leader = new LeaderBatches("sla-scheduler", "SLA scheduler");

    public SlaScheduler(
            EntityManager em,
            TenantTasks tasks,
            TicketService tickets,
            HelpdeskEvents events,
            HelpdeskConfig config,
            Clock clock) {
        this.em = em;
        this.tasks = tasks;
        this.tickets = tickets;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(
            every = "${switchboard.helpdesk.sla.check-every:10s}",
            delayed = "${switchboard.helpdesk.sla.check-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            Log.warnf("SLA scheduler failed, will retry at the next run: %s", e.toString());
        }
    }

    /** Fires everything due now, if this instance leads; returns how many events it wrote. */
    public int runOnce() {
        // each batch in a transaction of its own (intercepted self-invocation)
        return leader.run(
                () -> tasks.run(null, () -> fireDue(clock.instant())),
                config.sla().batchSize());
    }

    /**
     * Fires one batch of the timers due at {@code now}, for every tenant, in one transaction; rows another transaction
     * holds are skipped (it fires them). Public for tests that run two schedulers at once.
     */
    @Transactional
    @CrossTenant
    public int fireDue(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery(DUE)
                .setParameter("now", now)
                .setParameter("limit", config.sla().batchSize())
                .getResultList();
        for (Object[] row : due) {
            UUID ticketId = (UUID) row[0];
            String metric = (String) row[1];
            String kind = (String) row[2];
            OffsetDateTime dueAt = Times.utc(toInstant(row[3]));
            em.createNativeQuery("update sla_timer set fired_at = :now where ticket_id = :ticket and metric = :metric"
                            + " and kind = :kind")
                    .setParameter("now", now)
                    .setParameter("ticket", ticketId)
                    .setParameter("metric", metric)
                    .setParameter("kind", kind)
                    .executeUpdate();
            Ticket ticket = em.find(Ticket.class, ticketId);
            TicketView view = tickets.view(ticket);
            if (kind.equals("warning")) {
                events.emit(
                        EventTypes.HELPDESK_TICKET_SLA_WARNING,
                        ticket.tenantId,
                        "ticket",
                        ticketId,
                        new SlaEvents.TicketSlaWarning(view, metric, dueOf(ticket, metric)));
            } else {
                events.emit(
                        EventTypes.HELPDESK_TICKET_SLA_BREACHED,
                        ticket.tenantId,
                        "ticket",
                        ticketId,
                        new SlaEvents.TicketSlaBreached(view, metric, dueAt));
            }
            Log.debugf("SLA %s of ticket %s (%s) fired at %s, due %s", kind, ticket.number, metric, now, dueAt);
        }
        return due.size();
    }

    private static OffsetDateTime dueOf(Ticket t, String metric) {
        return Times.utc(metric.equals(SlaClock.FIRST_RESPONSE) ? t.slaFirstResponseDue : t.slaResolutionDue);
    }

    private static Instant toInstant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp ts -> ts.toInstant();
            default -> throw new IllegalStateException("Unexpected timestamp " + value.getClass());
        };
    }
}
