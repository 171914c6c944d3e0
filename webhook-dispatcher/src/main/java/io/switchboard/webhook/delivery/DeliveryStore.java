package io.switchboard.webhook.delivery;

import io.quarkus.logging.Log;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.webhook.WebhookSecret;
import io.switchboard.webhook.delivery.DeliveryViews.AttemptView;
import io.switchboard.webhook.delivery.DeliveryViews.DeliveryDetail;
import io.switchboard.webhook.delivery.DeliveryViews.DeliveryView;
import io.switchboard.webhook.http.AttemptOutcome;
import io.switchboard.webhook.http.HttpAttempt;
import io.switchboard.webhook.subscription.SubscriptionSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Persistence of messages, deliveries and attempts, in plain SQL because the dispatcher's hot path needs statements
 * JPA does not express well (claiming with a per-endpoint limit, conditional updates guarded by the claim). Every
 * statement runs in the caller's transaction; row-level security limits it to the scope that transaction acts for.
 */
@ApplicationScoped
public class DeliveryStore {

    /** API sort fields of the delivery log and their columns. */
    public static final Map<String, String> DELIVERY_SORT = Map.of(
            "createdAt", "d.created_at",
            "lastAttemptAt", "d.last_attempt_at",
            "nextAttemptAt", "d.next_attempt_at",
            "eventType", "d.event_type",
            "status", "d.status");

    /** API sort fields of the attempt log and their columns. */
    public static final Map<String, String> ATTEMPT_SORT =
            Map.of("startedAt", "a.started_at", "durationMs", "a.duration_ms", "statusCode", "a.status_code");

    /**
     * Claims by subscription rather than by row: the subscriptions that have due deliveries and are not busy here,
     * those waiting longest first (so that, with more ready subscriptions than one claim takes, none is passed over
     * again and again), then at most {@code perEndpoint} due deliveries of each, oldest first. However many due
     * deliveries a busy (slow, dead) endpoint has piled up, it never hides the others' deliveries. Both steps are
     * lateral index lookups by subscription ({@code delivery_due}), so the plan does not depend on the tables'
     * statistics.
     */
    private static final String CLAIM = """
            with ready as (
                select s.id from subscription s cross join lateral (
                    select d.next_attempt_at from delivery d
                    where d.subscription_id = s.id and d.status = 'pending' and d.next_attempt_at <= now()
                      and (d.lease_until is null or d.lease_until < now())
                    order by d.next_attempt_at limit 1
                ) oldest_due
                where s.enabled and s.id <> all(?)
                order by oldest_due.next_attempt_at
                limit ?
            ), picked as (
                select due.id from ready cross join lateral (
                    select d.id from delivery d
                    where d.subscription_id = ready.id and d.status = 'pending' and d.next_attempt_at <= now()
                      and (d.lease_until is null or d.lease_until < now())
                    order by d.next_attempt_at limit ?
                ) due
            )
            update delivery set lease_until = now() + make_interval(secs => ?), lease_token = ?
            where id in (select id from picked)
              and status = 'pending' and (lease_until is null or lease_until < now())
            returning id""";

    private static final String LOAD = """
            select d.id, d.tenant_id, d.subscription_id, d.event_type, d.attempts, d.retry_step, s.url, s.headers_enc,
                   s.rate_limit, m.body, m.occurred_at
            from delivery d
            join subscription s on s.id = d.subscription_id
            join message m on m.id = d.message_id
            where d.id = any(?) and d.lease_token = ?""";

    private static final String LIVE_SECRETS = "select id, subscription_id, secret_enc from subscription_secret"
            + " where subscription_id = any(?) and (expires_at is null or expires_at > now())"
            + " order by created_at desc";

    private final DataSource dataSource;
    private final SubscriptionSecrets secrets;

    public DeliveryStore(DataSource dataSource, SubscriptionSecrets secrets) {
        this.dataSource = dataSource;
        this.secrets = secrets;
    }

    // ----------------------------------------------------------------------------------------------- fan-out

    /** Stores an event's body for one scope once; a redelivered event finds its row. */
    public void insertMessage(UUID id, String scope, DomainEvent event, String body, int bodySize) {
        update(
                "insert into message (id, tenant_id, event_id, event_type, occurred_at, body, body_size)"
                        + " values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                id,
                scope,
                event.id(),
                event.type(),
                event.time() == null ? OffsetDateTime.now() : event.time(),
                body,
                bodySize);
    }

    /**
     * Creates a delivery unless it exists (the id is derived from event and subscription).
     *
     * @param error for a delivery that cannot be sent at all (payload too large): it is created failed
     * @return whether it was created
     */
    public boolean insertDelivery(
            UUID id, String scope, UUID subscriptionId, UUID messageId, String eventType, String error) {
        return update(
                        "insert into delivery (id, tenant_id, subscription_id, message_id, event_type, status,"
                                + " next_attempt_at, last_error, created_at, completed_at)"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?, now(), ?) on conflict do nothing",
                        id,
                        scope,
                        subscriptionId,
                        messageId,
                        eventType,
                        error == null ? "pending" : "failed",
                        error == null ? OffsetDateTime.now() : null,
                        error,
                        error == null ? null : OffsetDateTime.now())
                > 0;
    }

    // ----------------------------------------------------------------------------------------------- dispatch

    /**
     * Claims due deliveries for this instance for {@code lease}: about {@code limit}, at most {@code perEndpoint} per
     * subscription, none of the {@code excluded} (busy) subscriptions; then loads them. Cross-tenant.
     */
    public List<DueDelivery> claim(int limit, int perEndpoint, Collection<UUID> excluded, Duration lease, UUID token) {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setArray(1, connection.createArrayOf("uuid", excluded.toArray()));
            claim.setInt(2, Math.max(1, limit / perEndpoint));
            claim.setInt(3, Math.min(limit, perEndpoint));
            claim.setDouble(4, lease.toMillis() / 1000.0);
            claim.setObject(5, token);
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids.isEmpty() ? List.of() : load(connection, ids, token);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim due deliveries", e);
        }
    }

    /** Loads deliveries this instance holds under {@code token}, with their subscription's settings. */
    public List<DueDelivery> load(Collection<UUID> ids, UUID token) {
        try (Connection connection = dataSource.getConnection()) {
            return load(connection, ids, token);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load deliveries", e);
        }
    }

    private List<DueDelivery> load(Connection connection, Collection<UUID> ids, UUID token) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement load = connection.prepareStatement(LOAD)) {
            load.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            load.setObject(2, token);
            try (ResultSet rs = load.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getInt(6),
                        rs.getString(7),
                        rs.getString(8),
                        (Integer) rs.getObject(9),
                        rs.getString(10),
                        rs.getObject(11, OffsetDateTime.class).toInstant()
                    });
                }
            }
        }
        Map<UUID, List<WebhookSecret>> secretsBySubscription = liveSecrets(
                connection, rows.stream().map(r -> (UUID) r[2]).distinct().toList());
        Map<UUID, Map<String, String>> headersBySubscription = new HashMap<>();
        List<DueDelivery> due = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            UUID subscriptionId = (UUID) r[2];
            Map<String, String> headers = headersBySubscription.computeIfAbsent(
                    subscriptionId, id -> decryptable(id, () -> secrets.decryptHeaders(id, (String) r[7]), Map.of()));
            due.add(new DueDelivery(
                    (UUID) r[0],
                    (String) r[1],
                    subscriptionId,
                    (String) r[3],
                    (Integer) r[4],
                    (Integer) r[5],
                    token,
                    (String) r[6],
                    headers,
                    secretsBySubscription.getOrDefault(subscriptionId, List.of()),
                    (String) r[9],
                    (Instant) r[10],
                    (Integer) r[8]));
        }
        return due;
    }

    private Map<UUID, List<WebhookSecret>> liveSecrets(Connection connection, List<UUID> subscriptionIds)
            throws SQLException {
        Map<UUID, List<WebhookSecret>> result = new LinkedHashMap<>();
        if (subscriptionIds.isEmpty()) {
            return result;
        }
        try (PreparedStatement select = connection.prepareStatement(LIVE_SECRETS)) {
            select.setArray(1, connection.createArrayOf("uuid", subscriptionIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    UUID subscriptionId = rs.getObject(2, UUID.class);
                    UUID secretId = rs.getObject(1, UUID.class);
                    String stored = rs.getString(3);
                    WebhookSecret secret = decryptable(
                            subscriptionId, () -> secrets.decryptSecret(subscriptionId, secretId, stored), null);
                    List<WebhookSecret> live = result.computeIfAbsent(subscriptionId, id -> new ArrayList<>());
                    if (secret != null) {
                        live.add(secret);
                    }
                }
            }
        }
        return result;
    }

    /**
     * A value of one subscription that cannot be decrypted (a key missing from the configuration) must not stop the
     * deliveries of all the others: it is logged, and that subscription's attempts fail with a clear error instead.
     */
    private static <T> T decryptable(UUID subscriptionId, java.util.function.Supplier<T> decrypt, T fallback) {
        try {
            return decrypt.get();
        } catch (IllegalStateException | IllegalArgumentException e) {
            Log.errorf("Subscription %s: %s", subscriptionId, e.getMessage());
            return fallback;
        }
    }

    /** Reserves a new delivery (of a test event) for the caller, who sends it at once. */
    public void lease(UUID id, Duration lease, UUID token) {
        update(
                "update delivery set lease_until = now() + make_interval(secs => ?), lease_token = ? where id = ?",
                lease.toMillis() / 1000.0,
                token,
                id);
    }

    // ----------------------------------------------------------------------------------------------- outcomes

    public void insertAttempt(UUID id, DueDelivery delivery, int attempt, AttemptCause cause, HttpAttempt result) {
        update(
                "insert into delivery_attempt (id, tenant_id, delivery_id, subscription_id, event_type, attempt, cause,"
                        + " started_at, duration_ms, status_code, outcome, response_snippet, error)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                delivery.scope(),
                delivery.id(),
                delivery.subscriptionId(),
                delivery.eventType(),
                attempt,
                cause.value(),
                Timestamp.from(result.startedAt()),
                (int) Math.min(Integer.MAX_VALUE, result.durationMs()),
                result.statusCode(),
                result.outcome().value(),
                result.responseSnippet(),
                result.error());
    }

    /**
     * Records an attempt's effect on its delivery, as long as this instance still holds the claim, and in the same
     * statement ends the subscription's failing streak if asked.
     *
     * @param status the new status
     * @param nextAttemptAt for a retry, when; null otherwise
     * @param endsStreak whether this outcome ends a failing streak (a success on the schedule)
     * @return false when the claim was lost (the lease ran out and another instance took the delivery over)
     */
    public boolean recordOutcome(
            DueDelivery delivery,
            DeliveryStatus status,
            Instant nextAttemptAt,
            HttpAttempt result,
            boolean endsStreak) {
        boolean pending = status == DeliveryStatus.PENDING;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(RECORD_OUTCOME)) {
            bind(
                    update,
                    status.value(),
                    pending,
                    nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt),
                    Timestamp.from(result.startedAt()),
                    result.statusCode(),
                    result.error(),
                    pending,
                    delivery.id(),
                    delivery.leaseToken(),
                    endsStreak);
            try (ResultSet rs = update.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the outcome of delivery " + delivery.id(), e);
        }
    }

    private static final String RECORD_OUTCOME = """
            with recorded as (
                update delivery set status = ?, attempts = attempts + 1,
                       retry_step = case when ? then retry_step + 1 else retry_step end,
                       next_attempt_at = ?, lease_until = null, lease_token = null, last_attempt_at = ?,
                       last_status_code = ?, last_error = ?, completed_at = case when ? then null else now() end
                where id = ? and lease_token = ?
                returning subscription_id
            ), streak_ended as (
                update subscription set failing_since = null
                where ? and failing_since is not null and id in (select subscription_id from recorded)
            )
            select count(*) from recorded""";

    /** Fails every pending delivery of a subscription that was just disabled; a replay can bring them back. */
    public int failPending(UUID subscriptionId, String reason) {
        return update(
                "update delivery set status = 'failed', last_error = ?, completed_at = now(), next_attempt_at = null,"
                        + " lease_until = null, lease_token = null where subscription_id = ? and status = 'pending'",
                reason,
                subscriptionId);
    }

    /**
     * Locks the subscription of an outcome first, so that concurrent outcomes of one subscription (and a disable, which
     * fails its pending deliveries) always take their locks in the same order: subscription, then deliveries.
     *
     * @return whether the subscription still exists
     */
    public boolean lockSubscription(UUID subscriptionId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock =
                        connection.prepareStatement("select 1 from subscription where id = ? for no key update")) {
            lock.setObject(1, subscriptionId);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not lock subscription " + subscriptionId, e);
        }
    }

    /** Marks a subscription failing since now unless it already is; returns since when it fails. */
    public Instant markFailing(UUID subscriptionId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("update subscription set failing_since ="
                        + " coalesce(failing_since, now()) where id = ? returning failing_since")) {
            update.setObject(1, subscriptionId);
            try (ResultSet rs = update.executeQuery()) {
                return rs.next() ? rs.getObject(1, OffsetDateTime.class).toInstant() : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update subscription " + subscriptionId, e);
        }
    }

    // ----------------------------------------------------------------------------------------------- replay

    /** Puts one finished delivery back on the schedule, due now; false if it is pending or not there. */
    public boolean replay(UUID subscriptionId, UUID deliveryId) {
        return update(
                        "update delivery set status = 'pending', retry_step = 0, next_attempt_at = now(),"
                                + " completed_at = null, lease_until = null, lease_token = null"
                                + " where id = ? and subscription_id = ? and status <> 'pending'",
                        deliveryId,
                        subscriptionId)
                == 1;
    }

    /** Puts every failed delivery of a subscription created in {@code [since, until)} back on the schedule. */
    public int replayFailed(UUID subscriptionId, Instant since, Instant until) {
        return update(
                "update delivery set status = 'pending', retry_step = 0, next_attempt_at = now(),"
                        + " completed_at = null, lease_until = null, lease_token = null"
                        + " where subscription_id = ? and status = 'failed' and created_at >= ? and created_at < ?",
                subscriptionId,
                Timestamp.from(since),
                Timestamp.from(until));
    }

    public Optional<DeliveryStatus> status(UUID subscriptionId, UUID deliveryId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select status from delivery where id = ? and subscription_id = ?")) {
            select.setObject(1, deliveryId);
            select.setObject(2, subscriptionId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(DeliveryStatus.of(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read delivery " + deliveryId, e);
        }
    }

    // ----------------------------------------------------------------------------------------------- the log

    public Page<DeliveryView> deliveries(UUID subscriptionId, DeliveryFilter filter, PageRequest page) {
        Query query = logQuery("d", "status", "created_at", subscriptionId, filter);
        return query.page(
                DELIVERY_COLUMNS,
                "select count(*) from delivery d",
                page.orderBy("d.id"),
                page,
                DeliveryStore::delivery);
    }

    public Page<AttemptView> attempts(UUID subscriptionId, DeliveryFilter filter, PageRequest page) {
        Query query = logQuery("a", "outcome", "started_at", subscriptionId, filter);
        return query.page(
                ATTEMPT_COLUMNS + " from delivery_attempt a",
                "select count(*) from delivery_attempt a",
                page.orderBy("a.id"),
                page,
                DeliveryStore::attempt);
    }

    /** The filters of either log: its table's alias, which column holds the status and which the time. */
    private Query logQuery(
            String alias, String statusColumn, String timeColumn, UUID subscriptionId, DeliveryFilter filter) {
        Query query = new Query(alias + ".subscription_id = ?", subscriptionId);
        query.optional(alias + "." + statusColumn + " = ?", filter.status());
        query.optional(alias + ".event_type ~ ?", filter.eventTypeRegex());
        query.optional(alias + "." + timeColumn + " >= ?", timestamp(filter.since()));
        query.optional(alias + "." + timeColumn + " < ?", timestamp(filter.until()));
        return query;
    }

    public Optional<DeliveryDetail> delivery(UUID subscriptionId, UUID deliveryId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement(DELIVERY_COLUMNS + " where d.id = ? and d.subscription_id = ?")) {
            select.setObject(1, deliveryId);
            select.setObject(2, subscriptionId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new DeliveryDetail(delivery(rs), rs.getString(12), attemptsOf(connection, deliveryId)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read delivery " + deliveryId, e);
        }
    }

    private static final String DELIVERY_COLUMNS = "select d.id, m.event_id, d.event_type, d.status, d.attempts,"
            + " d.next_attempt_at, d.last_attempt_at, d.last_status_code, d.last_error, d.created_at, d.completed_at,"
            + " m.body from delivery d join message m on m.id = d.message_id";

    private static DeliveryView delivery(ResultSet rs) throws SQLException {
        UUID id = rs.getObject(1, UUID.class);
        return new DeliveryView(
                id,
                WebhookIds.webhookId(id),
                rs.getString(2),
                rs.getString(3),
                DeliveryStatus.of(rs.getString(4)),
                rs.getInt(5),
                instant(rs, 6),
                instant(rs, 7),
                (Integer) rs.getObject(8),
                rs.getString(9),
                instant(rs, 10),
                instant(rs, 11));
    }

    private static final String ATTEMPT_COLUMNS = "select a.id, a.delivery_id, a.event_type, a.attempt, a.cause,"
            + " a.started_at, a.duration_ms, a.status_code, a.outcome, a.response_snippet, a.error";

    private static List<AttemptView> attemptsOf(Connection connection, UUID deliveryId) throws SQLException {
        List<AttemptView> attempts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(ATTEMPT_COLUMNS
                + " from delivery_attempt a where a.delivery_id = ? order by a.started_at, a.attempt")) {
            select.setObject(1, deliveryId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    attempts.add(attempt(rs));
                }
            }
        }
        return attempts;
    }

    private static AttemptView attempt(ResultSet rs) throws SQLException {
        UUID deliveryId = rs.getObject(2, UUID.class);
        return new AttemptView(
                rs.getObject(1, UUID.class),
                deliveryId,
                WebhookIds.webhookId(deliveryId),
                rs.getString(3),
                rs.getInt(4),
                AttemptCause.valueOf(rs.getString(5).toUpperCase(java.util.Locale.ROOT)),
                instant(rs, 6),
                rs.getLong(7),
                (Integer) rs.getObject(8),
                AttemptOutcome.of(rs.getString(9)),
                rs.getString(10),
                rs.getString(11));
    }

    // ----------------------------------------------------------------------------------------------- upkeep

    /**
     * Deletes up to {@code limit} finished deliveries (with their attempts) older than {@code cutoff}, then up to
     * {@code limit} messages no delivery refers to any more, and expired secrets. Cross-tenant.
     *
     * @return how many rows of each kind went: deliveries, messages, secrets
     */
    public int[] purge(Instant cutoff, int limit) {
        int deliveries = update(
                "delete from delivery where id in (select id from delivery where status <> 'pending'"
                        + " and created_at < ? limit ?)",
                Timestamp.from(cutoff),
                limit);
        int messages = update(
                "delete from message where id in (select m.id from message m where m.created_at < ? and not exists"
                        + " (select 1 from delivery d where d.message_id = m.id) limit ?)",
                Timestamp.from(cutoff),
                limit);
        int secretsRemoved = update("delete from subscription_secret where expires_at < now()");
        return new int[] {deliveries, messages, secretsRemoved};
    }

    /** Pending deliveries per scope, for the queue-depth gauge. Cross-tenant. */
    public Map<String, Long> pendingByScope() {
        Map<String, Long> result = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select tenant_id, count(*) from delivery where status = 'pending' group by tenant_id");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count pending deliveries", e);
        }
        return result;
    }

    /** Whether the tenant directory knows the tenant as deleted. */
    public boolean tenantDeleted(String tenantId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("select deleted from tenant_directory where tenant_id = ?")) {
            select.setString(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read tenant " + tenantId + " from the directory", e);
        }
    }

    /** Deletes everything a purged tenant left (its subscriptions cascade to secrets and deliveries). */
    public void purgeScope(String scope) {
        update("delete from subscription where tenant_id = ?", scope);
        update("delete from message where tenant_id = ?", scope);
    }

    // ----------------------------------------------------------------------------------------------- plumbing

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed: " + sql.substring(0, Math.min(60, sql.length())), e);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A filtered, paged query over one table of the log. */
    private final class Query {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> parameters = new ArrayList<>();

        Query(String condition, Object parameter) {
            conditions.add(condition);
            parameters.add(parameter);
        }

        void optional(String condition, Object parameter) {
            if (parameter != null) {
                conditions.add(condition);
                parameters.add(parameter);
            }
        }

        <T> Page<T> page(String select, String count, String orderBy, PageRequest page, RowMapper<T> mapper) {
            String where = " where " + String.join(" and ", conditions);
            try (Connection connection = dataSource.getConnection()) {
                long total;
                try (PreparedStatement statement = connection.prepareStatement(count + where)) {
                    bind(statement, parameters.toArray());
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
                List<T> items = new ArrayList<>();
                try (PreparedStatement statement =
                        connection.prepareStatement(select + where + " order by " + orderBy + " limit ? offset ?")) {
                    List<Object> all = new ArrayList<>(parameters);
                    all.add(page.size());
                    all.add(page.offset());
                    bind(statement, all.toArray());
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            items.add(mapper.map(rs));
                        }
                    }
                }
                return Page.of(items, page, total);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read the delivery log", e);
            }
        }
    }
}
