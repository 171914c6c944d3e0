package io.switchboard.helpdesk.report;

import io.switchboard.commons.api.Times;
import io.switchboard.helpdesk.sla.TenantCalendars;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The volume and response-time reports: aggregate queries over the tenant's live tickets (the tenant filter and
 * row-level security both hold), computed by PostgreSQL.
 */
@ApplicationScoped
public class ReportService {

    public static final List<String> RESPONSE_GROUPINGS = List.of("team", "priority", "agent");
    private static final Map<String, String> GROUP_COLUMNS =
            Map.of("team", "cast(t.team_id as text)", "priority", "t.priority", "agent", "t.assignee_id");
    private static final String ACTIVE = "t.status in ('open', 'in_progress', 'pending')";
    private static final String IN_RANGE = "t.created_at >= :from and t.created_at < :to";
    private static final String FIRST = "extract(epoch from (t.first_response_at - t.created_at))";
    private static final String RESOLVED = "extract(epoch from (coalesce(t.resolved_at, t.closed_at) - t.created_at))";

    private final EntityManager em;
    private final TenantCalendars calendars;

    public ReportService(EntityManager em, TenantCalendars calendars) {
        this.em = em;
        this.calendars = calendars;
    }

    @Transactional
    public VolumeReport volume(String tenantId, ReportRange range) {
        String zone = calendars.of(tenantId).zone().getId();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(
                        em.createNativeQuery("select grouping(t.status), grouping(t.priority), grouping(t.team_id),"
                                + " grouping(t.assignee_id), t.status, t.priority, cast(t.team_id as text),"
                                + " t.assignee_id, count(*) filter (where " + IN_RANGE + "),"
                                + " count(*) filter (where " + ACTIVE + ") from ticket t"
                                + " where t.tenant_id = :tenant and t.deleted_at is null and ((" + IN_RANGE + ") or "
                                + ACTIVE + ") group by grouping sets ((t.status), (t.priority), (t.team_id),"
                                + " (t.assignee_id), ()) order by 9 desc, 5, 6, 7, 8"),
                        tenantId,
                        range)
                .getResultList();
        long created = 0;
        long open = 0;
        List<VolumeReport.Count> byStatus = new ArrayList<>();
        List<VolumeReport.Count> byPriority = new ArrayList<>();
        List<VolumeReport.Count> byTeam = new ArrayList<>();
        List<VolumeReport.Count> byAgent = new ArrayList<>();
        for (Object[] r : rows) {
            long c = ((Number) r[8]).longValue();
            long o = ((Number) r[9]).longValue();
            if (number(r[0]) == 0) {
                byStatus.add(new VolumeReport.Count((String) r[4], c, o));
            } else if (number(r[1]) == 0) {
                byPriority.add(new VolumeReport.Count((String) r[5], c, o));
            } else if (number(r[2]) == 0) {
                byTeam.add(new VolumeReport.Count((String) r[6], c, o));
            } else if (number(r[3]) == 0) {
                byAgent.add(new VolumeReport.Count((String) r[7], c, o));
            } else {
                created = c;
                open = o;
            }
        }
        List<VolumeReport.PeriodCount> byPeriod = new ArrayList<>();
        if (range.period() != null) {
            @SuppressWarnings("unchecked")
            List<Object[]> periods = bind(
                            em.createNativeQuery("select " + range.periodStartSql("t.created_at") + ", count(*)"
                                    + " from ticket t where t.tenant_id = :tenant and t.deleted_at is null and "
                                    + IN_RANGE + " group by 1 order by 1"),
                            tenantId,
                            range)
                    .setParameter("zone", zone)
                    .getResultList();
            periods.forEach(p -> byPeriod.add(new VolumeReport.PeriodCount(date(p[0]), ((Number) p[1]).longValue())));
        }
        return new VolumeReport(
                Times.utc(range.from()),
                Times.utc(range.to()),
                range.period() == null ? "none" : range.period(),
                zone,
                created,
                open,
                byStatus,
                byPriority,
                byTeam,
                byAgent,
                byPeriod);
    }

    @Transactional
    public ResponseTimesReport responseTimes(String tenantId, ReportRange range) {
        String zone = calendars.of(tenantId).zone().getId();
        String key = range.groupBy() == null ? "cast(null as text)" : GROUP_COLUMNS.get(range.groupBy());
        String measures = "count(*), count(t.first_response_at),"
                + " percentile_cont(0.5) within group (order by " + FIRST + "),"
                + " percentile_cont(0.9) within group (order by " + FIRST + "),"
                + " count(coalesce(t.resolved_at, t.closed_at)),"
                + " percentile_cont(0.5) within group (order by " + RESOLVED + "),"
                + " percentile_cont(0.9) within group (order by " + RESOLVED + ")";
        String where = " from ticket t where t.tenant_id = :tenant and t.deleted_at is null and " + IN_RANGE;
        Query grouped = bind(
                em.createNativeQuery("select " + range.periodStartSql("t.created_at") + ", " + key + ", " + measures
                        + where + " group by 1, 2 order by 1 nulls first, 2 nulls first"),
                tenantId,
                range);
        if (range.period() != null) {
            grouped.setParameter("zone", zone);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = grouped.getResultList();
        Object[] total = (Object[]) bind(
                        em.createNativeQuery("select cast(null as date), cast(null as text), " + measures + where),
                        tenantId,
                        range)
                .getSingleResult();
        return new ResponseTimesReport(
                Times.utc(range.from()),
                Times.utc(range.to()),
                range.period() == null ? "none" : range.period(),
                range.groupBy() == null ? "none" : range.groupBy(),
                zone,
                "wall",
                row(total),
                rows.stream().map(ReportService::row).toList());
    }

    private static ResponseTimesReport.Row row(Object[] r) {
        return new ResponseTimesReport.Row(
                r[0] == null ? null : date(r[0]),
                (String) r[1],
                number(r[2]),
                new ResponseTimesReport.Times(number(r[3]), decimal(r[4]), decimal(r[5])),
                new ResponseTimesReport.Times(number(r[6]), decimal(r[7]), decimal(r[8])));
    }

    private static Query bind(Query query, String tenantId, ReportRange range) {
        return query.setParameter("tenant", tenantId)
                .setParameter("from", range.from())
                .setParameter("to", range.to());
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static LocalDate date(Object value) {
        return value instanceof Date d ? d.toLocalDate() : (LocalDate) value;
    }
}
