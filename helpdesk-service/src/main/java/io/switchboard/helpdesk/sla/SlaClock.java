package io.switchboard.helpdesk.sla;

import io.switchboard.commons.api.Times;
import io.switchboard.helpdesk.config.HelpdeskConfig;
import io.switchboard.helpdesk.ticket.Ticket;
import io.switchboard.helpdesk.ticket.TicketPriority;
import io.switchboard.helpdesk.ticket.TicketStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A ticket's SLA clock. A deadline is the creation time plus the policy's target plus the time the ticket has spent
 * pending so far, all counted in the tenant's business hours when the policy says so (else around the clock). The
 * clock stands still while the ticket is {@code pending}: on leaving it, the paused time is added and the deadlines
 * of the targets still open move by it. The first response target is met by the first public reply of an agent (or
 * ends with resolution), the resolution target by resolving. The timers the scheduler fires follow every change in
 * the same transaction.
 */
@ApplicationScoped
public class SlaClock {

    public static final String FIRST_RESPONSE = "first_response";
    public static final String RESOLUTION = "resolution";

    private final SlaPolicyService policies;
    private final TenantCalendars calendars;
    private final EntityManager em;
    private final HelpdeskConfig config;

    public SlaClock(SlaPolicyService policies, TenantCalendars calendars, EntityManager em, HelpdeskConfig config) {
        this.policies = policies;
        this.calendars = calendars;
        this.em = em;
        this.config = config;
    }

    /** Starts the clock of a new (persisted) ticket under the policy of its priority and category. */
    public void start(Ticket ticket) {
        ticket.slaPolicyId = null;
        policies.match(ticket.tenantId, TicketPriority.of(ticket.priority), ticket.category)
                .ifPresent(policy -> {
                    ticket.slaPolicyId = policy.id;
                    deadlines(ticket, policy, false);
                });
        syncTimers(ticket);
    }

    /**
     * After a change of a ticket: pauses or resumes the clock with the status, takes the policy of a new priority or
     * category (deadlines recomputed from creation), and updates the timers.
     */
    public void changed(
            Ticket ticket, TicketStatus previousStatus, String previousPriority, String previousCategory, Instant now) {
        TicketStatus status = ticket.status();
        boolean resumed = false;
        if (status == TicketStatus.PENDING && previousStatus != TicketStatus.PENDING && ticket.slaPausedAt == null) {
            ticket.slaPausedAt = now;
        } else if (status != TicketStatus.PENDING && ticket.slaPausedAt != null) {
            resume(ticket, now);
            resumed = true;
        }
        boolean retargeted = !Objects.equals(previousPriority, ticket.priority)
                || !Objects.equals(lower(previousCategory), lower(ticket.category));
        if (retargeted) {
            Optional<SlaPolicy> policy =
                    policies.match(ticket.tenantId, TicketPriority.of(ticket.priority), ticket.category);
            ticket.slaPolicyId = policy.map(p -> p.id).orElse(null);
            policy.ifPresentOrElse(p -> deadlines(ticket, p, false), () -> clearDeadlines(ticket));
        } else if (resumed && ticket.slaPolicyId != null) {
            policies.find(ticket.tenantId, ticket.slaPolicyId).ifPresent(p -> deadlines(ticket, p, true));
        }
        syncTimers(ticket);
    }

    /** The SLA of a ticket as it stands at {@code now}, or null without a policy. */
    public static SlaView view(Ticket t, Instant now) {
        if (t.slaPolicyId == null) {
            return null;
        }
        return new SlaView(
                t.slaPolicyId,
                Times.utc(t.slaFirstResponseDue),
                Times.utc(t.slaResolutionDue),
                state(t, now),
                Times.utc(t.slaPausedAt));
    }

    /** The state at {@code now}; the SQL of {@link #STATE_SQL} says the same for lists. */
    public static SlaState state(Ticket t, Instant now) {
        Instant firstDone = firstNonNull(t.firstResponseAt, t.resolvedAt, t.closedAt);
        Instant resolutionDone = firstNonNull(t.resolvedAt, t.closedAt);
        Instant clockNow = t.slaPausedAt != null ? t.slaPausedAt : now;
        if (missed(firstDone, t.slaFirstResponseDue, clockNow)
                || missed(resolutionDone, t.slaResolutionDue, clockNow)) {
            return SlaState.BREACHED;
        }
        if (firstDone != null && resolutionDone != null) {
            return SlaState.MET;
        }
        if (t.slaPausedAt != null) {
            return SlaState.PAUSED;
        }
        if (reached(firstDone, t.slaFirstResponseWarn, now) || reached(resolutionDone, t.slaResolutionWarn, now)) {
            return SlaState.WARNING;
        }
        return SlaState.ACTIVE;
    }

    /** The same as {@link #state}, in SQL over {@code ticket t} with the parameter {@code :slaNow}. */
    public static final String STATE_SQL = "case when t.sla_policy_id is null then null"
            + " when coalesce(t.first_response_at, t.resolved_at, t.closed_at) > t.sla_first_response_due"
            + " or (coalesce(t.first_response_at, t.resolved_at, t.closed_at) is null"
            + " and t.sla_first_response_due <= coalesce(t.sla_paused_at, :slaNow))"
            + " or coalesce(t.resolved_at, t.closed_at) > t.sla_resolution_due"
            + " or (coalesce(t.resolved_at, t.closed_at) is null"
            + " and t.sla_resolution_due <= coalesce(t.sla_paused_at, :slaNow)) then 'breached'"
            + " when coalesce(t.first_response_at, t.resolved_at, t.closed_at) is not null"
            + " and coalesce(t.resolved_at, t.closed_at) is not null then 'met'"
            + " when t.sla_paused_at is not null then 'paused'"
            + " when (coalesce(t.first_response_at, t.resolved_at, t.closed_at) is null"
            + " and t.sla_first_response_warn <= :slaNow)"
            + " or (coalesce(t.resolved_at, t.closed_at) is null and t.sla_resolution_warn <= :slaNow) then 'warning'"
            + " else 'active' end";

    private void resume(Ticket ticket, Instant now) {
        Instant since = ticket.slaPausedAt;
        ticket.slaPausedAt = null;
        ticket.slaPausedWallSeconds += Duration.between(since, now).toSeconds();
        ticket.slaPausedBusinessSeconds +=
                calendars.of(ticket.tenantId).between(since, now).toSeconds();
    }

    /** Sets the deadlines under {@code policy}; with {@code openOnly}, only of the targets not reached yet. */
    private void deadlines(Ticket t, SlaPolicy policy, boolean openOnly) {
        BusinessCalendar calendar = policy.businessHours ? calendars.of(t.tenantId) : BusinessCalendar.ALWAYS;
        Duration paused =
                Duration.ofSeconds(policy.businessHours ? t.slaPausedBusinessSeconds : t.slaPausedWallSeconds);
        double fraction = config.sla().warningFraction();
        if (!openOnly || firstNonNull(t.firstResponseAt, t.resolvedAt, t.closedAt) == null) {
            Duration target = Duration.ofMinutes(policy.firstResponseMinutes);
            t.slaFirstResponseDue = calendar.plus(t.createdAt, target.plus(paused));
            t.slaFirstResponseWarn =
                    calendar.plus(t.createdAt, fraction(target, fraction).plus(paused));
        }
        if (!openOnly || firstNonNull(t.resolvedAt, t.closedAt) == null) {
            Duration target = Duration.ofMinutes(policy.resolutionMinutes);
            t.slaResolutionDue = calendar.plus(t.createdAt, target.plus(paused));
            t.slaResolutionWarn =
                    calendar.plus(t.createdAt, fraction(target, fraction).plus(paused));
        }
    }

    private static void clearDeadlines(Ticket t) {
        t.slaFirstResponseDue = null;
        t.slaFirstResponseWarn = null;
        t.slaResolutionDue = null;
        t.slaResolutionWarn = null;
    }

    /**
     * Keeps the ticket's unfired timers in step with its deadlines: a target reached or without policy has none left;
     * a timer that fired stays fired, so moving a deadline never fires anything twice.
     */
    private void syncTimers(Ticket t) {
        boolean firstOpen = t.slaPolicyId != null && firstNonNull(t.firstResponseAt, t.resolvedAt, t.closedAt) == null;
        boolean resolutionOpen = t.slaPolicyId != null && firstNonNull(t.resolvedAt, t.closedAt) == null;
        timer(t, FIRST_RESPONSE, "warning", firstOpen ? t.slaFirstResponseWarn : null);
        timer(t, FIRST_RESPONSE, "breach", firstOpen ? t.slaFirstResponseDue : null);
        timer(t, RESOLUTION, "warning", resolutionOpen ? t.slaResolutionWarn : null);
        timer(t, RESOLUTION, "breach", resolutionOpen ? t.slaResolutionDue : null);
    }

    private void timer(Ticket t, String metric, String kind, Instant due) {
        if (due == null) {
            em.createNativeQuery("delete from sla_timer where ticket_id = :ticket and metric = :metric and kind = :kind"
                            + " and fired_at is null")
                    .setParameter("ticket", t.id)
                    .setParameter("metric", metric)
                    .setParameter("kind", kind)
                    .executeUpdate();
            return;
        }
        em.createNativeQuery("insert into sla_timer (ticket_id, metric, kind, tenant_id, due_at) values (:ticket,"
                        + " :metric, :kind, :tenant, :due) on conflict (ticket_id, metric, kind) do update set"
                        + " due_at = excluded.due_at where sla_timer.fired_at is null")
                .setParameter("ticket", t.id)
                .setParameter("metric", metric)
                .setParameter("kind", kind)
                .setParameter("tenant", t.tenantId)
                .setParameter("due", due)
                .executeUpdate();
    }

    private static Duration fraction(Duration target, double fraction) {
        return Duration.ofSeconds(Math.round(target.toSeconds() * fraction));
    }

    private static boolean missed(Instant done, Instant due, Instant clockNow) {
        if (due == null) {
            return false;
        }
        return done != null ? done.isAfter(due) : !due.isAfter(clockNow);
    }

    private static boolean reached(Instant done, Instant warn, Instant now) {
        return done == null && warn != null && !warn.isAfter(now);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
