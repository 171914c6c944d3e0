package io.switchboard.chat.report;

import io.switchboard.chat.report.ChatReport.Figures;
import io.switchboard.chat.report.ChatReport.Ratings;
import io.switchboard.chat.report.ChatReport.Row;
import io.switchboard.chat.report.ChatReport.Spread;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chat report: one aggregate query over the tenant's sessions of the range (grouped, and once more for the total)
 * and one over its offline messages; percentiles with PostgreSQL's percentile_cont.
 */
@ApplicationScoped
public class ChatReportService {

    /** The grouping key (and a display name) of each dimension, over chat_session s. */
    private static final Map<String, String[]> SESSION_KEYS = Map.of(
            "agent", new String[] {"s.assigned_to", "max(s.assigned_name)"},
            "team", new String[] {"coalesce(s.assigned_team, s.team)", "null"},
            "widget", new String[] {"cast(s.widget_id as text)", "max(w.name)"});

    private static final Map<String, String> OFFLINE_KEYS =
            Map.of("agent", "cast(null as text)", "team", "o.team", "widget", "cast(o.widget_id as text)");

    private static final String FIGURES = "count(*), count(*) filter (where s.started_at is not null),"
            + " count(*) filter (where s.status = 'abandoned'),"
            + " percentile_cont(0.5) within group (order by s.first_response_seconds),"
            + " percentile_cont(0.9) within group (order by s.first_response_seconds),"
            + " percentile_cont(0.5) within group (order by s.duration_seconds),"
            + " percentile_cont(0.9) within group (order by s.duration_seconds),"
            + " count(s.rating), avg(s.rating), percentile_cont(0.5) within group (order by s.rating),"
            + " count(*) filter (where s.rating = 1), count(*) filter (where s.rating = 2),"
            + " count(*) filter (where s.rating = 3), count(*) filter (where s.rating = 4),"
            + " count(*) filter (where s.rating = 5)";

    private final EntityManager em;

    public ChatReportService(EntityManager em) {
        this.em = em;
    }

    public static boolean isDimension(String groupBy) {
        return SESSION_KEYS.containsKey(groupBy);
    }

    @Transactional
    public ChatReport report(String tenantId, Instant from, Instant to, String groupBy) {
        String[] key = SESSION_KEYS.get(groupBy);
        String range = " from chat_session s left join widget w on w.id = s.widget_id and w.tenant_id = s.tenant_id"
                + " where s.tenant_id = :tenant and s.queued_at >= :from and s.queued_at < :to";
        Object[] totalRow = (Object[]) em.createNativeQuery("select " + FIGURES + range)
                .setParameter("tenant", tenantId)
                .setParameter("from", from)
                .setParameter("to", to)
                .getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> grouped = em.createNativeQuery("select " + key[0] + ", " + key[1] + ", " + FIGURES + range
                        + " group by 1 order by 1 nulls last")
                .setParameter("tenant", tenantId)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList();

        String offlineRange =
                " from chat_offline_message o where o.tenant_id = :tenant and o.created_at >= :from and o.created_at < :to";
        long offlineTotal = ((Number) em.createNativeQuery("select count(*)" + offlineRange)
                        .setParameter("tenant", tenantId)
                        .setParameter("from", from)
                        .setParameter("to", to)
                        .getSingleResult())
                .longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> offlineRows = em.createNativeQuery(
                        "select " + OFFLINE_KEYS.get(groupBy) + ", count(*)" + offlineRange + " group by 1")
                .setParameter("tenant", tenantId)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList();
        Map<String, Long> offline = new HashMap<>();
        for (Object[] r : offlineRows) {
            offline.put((String) r[0], ((Number) r[1]).longValue());
        }

        Map<String, Row> rows = new LinkedHashMap<>();
        for (Object[] r : grouped) {
            String k = (String) r[0];
            rows.put(k, new Row(k, (String) r[1], figures(r, 2, offline.getOrDefault(k, 0L))));
        }
        // groups with offline messages but no session of the range (a closed widget's offline forms)
        for (Map.Entry<String, Long> o : offline.entrySet()) {
            if (!rows.containsKey(o.getKey())) {
                rows.put(
                        o.getKey(),
                        new Row(o.getKey(), widgetName(tenantId, groupBy, o.getKey()), empty(o.getValue())));
            }
        }
        List<Row> ordered = new ArrayList<>(rows.values());
        ordered.sort(
                (a, b) -> a.key() == null ? 1 : b.key() == null ? -1 : a.key().compareTo(b.key()));
        return new ChatReport(from, to, groupBy, figures(totalRow, 0, offlineTotal), ordered);
    }

    private String widgetName(String tenantId, String groupBy, String key) {
        if (!"widget".equals(groupBy) || key == null) {
            return null;
        }
        return (String)
                em.createNativeQuery("select name from widget where tenant_id = :tenant and cast(id as text) = :id")
                        .setParameter("tenant", tenantId)
                        .setParameter("id", key)
                        .getResultStream()
                        .findFirst()
                        .orElse(null);
    }

    private static Figures figures(Object[] r, int at, long offlineMessages) {
        long sessions = count(r[at]);
        long abandoned = count(r[at + 2]);
        Map<String, Long> distribution = new LinkedHashMap<>();
        for (int star = 1; star <= 5; star++) {
            distribution.put(String.valueOf(star), count(r[at + 9 + star]));
        }
        return new Figures(
                sessions,
                count(r[at + 1]),
                abandoned,
                sessions == 0 ? null : round((double) abandoned / sessions, 4),
                offlineMessages,
                new Spread(number(r[at + 3]), number(r[at + 4])),
                new Spread(number(r[at + 5]), number(r[at + 6])),
                new Ratings(
                        count(r[at + 7]),
                        r[at + 8] == null ? null : round(((Number) r[at + 8]).doubleValue(), 2),
                        number(r[at + 9]),
                        distribution));
    }

    private static Figures empty(long offlineMessages) {
        Map<String, Long> distribution = new LinkedHashMap<>();
        for (int star = 1; star <= 5; star++) {
            distribution.put(String.valueOf(star), 0L);
        }
        return new Figures(
                0,
                0,
                0,
                null,
                offlineMessages,
                new Spread(null, null),
                new Spread(null, null),
                new Ratings(0, null, null, distribution));
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }
}
