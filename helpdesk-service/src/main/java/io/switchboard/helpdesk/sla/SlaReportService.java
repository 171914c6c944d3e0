package io.switchboard.helpdesk.sla;

import io.switchboard.commons.api.Times;
import io.switchboard.helpdesk.ticket.TicketPriority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * SLA compliance per period, team and priority: one aggregate query over the tenant's live tickets with a policy,
 * created in the range, with the outcome of each target judged as {@link SlaClock#state} judges it.
 */
@ApplicationScoped
public class SlaReportService {

    private static final String FIRST_DONE = "coalesce(t.first_response_at, t.resolved_at, t.closed_at)";
    private static final String RESOLUTION_DONE = "coalesce(t.resolved_at, t.closed_at)";
    private static final String CLOCK_NOW = "coalesce(t.sla_paused_at, :now)";

    private final EntityManager em;
    private final TenantCalendars calendars;
    private final Clock clock;

    public SlaReportService(EntityManager em, TenantCalendars calendars, Clock clock) {
        this.em = em;
        this.calendars = calendars;
        this.clock = clock;
    }

    /** @param period {@code day}, {@code week}, {@code month}, or null for the whole range */
    @Transactional
    public SlaReport report(String tenantId, Instant from, Instant to, String period) {
        String zone = calendars.of(tenantId).zone().getId();
        String frMet = FIRST_DONE + " <= t.sla_first_response_due";
        String frBreached = "(" + FIRST_DONE + " > t.sla_first_response_due or (" + FIRST_DONE
                + " is null and t.sla_first_response_due <= " + CLOCK_NOW + "))";
        String resMet = RESOLUTION_DONE + " <= t.sla_resolution_due";
        String resBreached = "(" + RESOLUTION_DONE + " > t.sla_resolution_due or (" + RESOLUTION_DONE
                + " is null and t.sla_resolution_due <= " + CLOCK_NOW + "))";
        String periodStart = period == null
                ? "cast(null as date)"
                : "cast(date_trunc('" + period + "', t.created_at at time zone :zone) as date)";
        String sql = "select " + periodStart + " as period_start, t.team_id, t.priority, count(*),"
                + " count(*) filter (where " + frMet + "), count(*) filter (where " + frBreached + "),"
                + " count(*) filter (where " + resMet + "), count(*) filter (where " + resBreached + "),"
                + " count(*) filter (where " + frMet + " and " + resMet + "),"
                + " count(*) filter (where " + frBreached + " or " + resBreached + ")"
                + " from ticket t where t.tenant_id = :tenant and t.deleted_at is null and t.sla_policy_id is not null"
                + " and t.created_at >= :from and t.created_at < :to"
                + " group by 1, 2, 3 order by 1 nulls first, 2 nulls first, max(t.priority_rank) desc";
        var query = em.createNativeQuery(sql)
                .setParameter("tenant", tenantId)
                .setParameter("from", from)
                .setParameter("to", to)
                .setParameter("now", clock.instant());
        if (period != null) {
            query.setParameter("zone", zone);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> result = query.getResultList();
        List<SlaReport.Row> rows = new ArrayList<>();
        for (Object[] r : result) {
            long met = ((Number) r[8]).longValue();
            long breached = ((Number) r[9]).longValue();
            rows.add(new SlaReport.Row(
                    r[0] == null ? null : date(r[0]),
                    (UUID) r[1],
                    TicketPriority.of((String) r[2]),
                    ((Number) r[3]).longValue(),
                    ((Number) r[4]).longValue(),
                    ((Number) r[5]).longValue(),
                    ((Number) r[6]).longValue(),
                    ((Number) r[7]).longValue(),
                    met,
                    breached,
                    met + breached == 0 ? null : (double) met / (met + breached)));
        }
        return new SlaReport(Times.utc(from), Times.utc(to), period == null ? "none" : period, zone, rows);
    }

    private static LocalDate date(Object value) {
        return value instanceof Date d ? d.toLocalDate() : (LocalDate) value;
    }
}
