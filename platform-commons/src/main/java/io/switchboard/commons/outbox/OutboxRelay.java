package io.switchboard.commons.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.commons.db.LeaderLock;
import io.switchboard.commons.events.CloudEventCodec;
import io.switchboard.commons.events.DomainEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;

/**
 * Publishes committed outbox rows to Kafka in commit-visible order, at least once. It wakes on the NOTIFY that the
 * outbox trigger sends at commit and polls as a fallback. Of several replicas only the holder of a PostgreSQL advisory
 * lock publishes, which keeps each aggregate's events in order. While Kafka or the database is unreachable it retries
 * with backoff; accepted writes wait in the table meanwhile and nothing is lost.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final String SELECT_PENDING = "select seq, id, topic, type, tenant_id, aggregate_id,"
            + " payload::text, actor, client_ip, traceparent, created_at from outbox"
            + " where published_at is null order by seq limit ?";
    private static final String MARK_PUBLISHED = "update outbox set published_at = now() where seq = any(?)";

    /** One outbox row, read for publication. */
    private record Pending(long seq, String topic, DomainEvent event, Instant createdAt) {}

    /** What the relay last saw, for the readiness check. */
    public record Status(boolean leader, boolean healthy, String lastError, Instant lastPublishedAt) {}

    private final DataSource dataSource;
    private final OutboxConfig config;
    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry metrics;
    private final Timer publishLag;
    private final AtomicReference<Status> status = new AtomicReference<>(new Status(false, true, null, null));
    private volatile boolean running;
    private Thread thread;
    private Producer<String, byte[]> producer;

    public OutboxRelay(
            DataSource dataSource,
            OutboxConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.metrics = metrics;
        this.publishLag = Timer.builder("switchboard.outbox.publish.lag")
                .description("Time from an event's commit to its acknowledgement by Kafka")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            Log.info("Outbox relay disabled on this instance");
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    public Status status() {
        return status.get();
    }

    /** Rows not yet published, and the age of the oldest one. */
    public Backlog backlog() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "select count(*), min(created_at) from outbox where published_at is null")) {
            rs.next();
            OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
            return new Backlog(rs.getLong(1), oldest == null ? null : oldest.toInstant());
        }
    }

    /** The unpublished rows of the outbox. */
    public record Backlog(long pending, Instant oldestCreatedAt) {}

    private void loop() {
        LeaderLock lock = new LeaderLock("outbox-relay");
        Duration backoff = Duration.ofMillis(200);
        boolean listening = false;
        while (running) {
            try {
                if (!lock.isHeld()) {
                    listening = false;
                    boolean leader = lock.tryAcquire();
                    status.set(new Status(leader, true, null, status.get().lastPublishedAt()));
                    if (!leader) {
                        Thread.sleep(config.pollInterval().toMillis());
                        continue;
                    }
                }
                if (!listening) {
                    listen(lock.connection());
                    listening = true;
                }
                while (running && publishBatch() == config.batchSize()) {
                    // drain the backlog before waiting again
                }
                backoff = Duration.ofMillis(200);
                lock.connection().unwrap(PGConnection.class).getNotifications((int)
                        config.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                boolean firstFailure = status.get().healthy();
                status.set(new Status(
                        lock.isHeld(), false, e.toString(), status.get().lastPublishedAt()));
                if (firstFailure) {
                    Log.warnf("Outbox relay cannot publish (will retry): %s", e.toString());
                } else {
                    Log.debugf("Outbox relay still failing: %s", e.toString());
                }
                if (e instanceof SQLException) {
                    lock.close();
                    listening = false;
                }
                sleepQuietly(backoff);
                backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0
                        ? config.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
        lock.close();
    }

    private static void listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("listen \"" + channel(connection) + "\"");
        }
    }

    private static String channel(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select current_schema()")) {
            rs.next();
            return rs.getString(1) + "_outbox";
        }
    }

    private static boolean refusedAtOnce(Future<RecordMetadata> sent) {
        if (!sent.isDone()) {
            return false;
        }
        try {
            sent.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Publishes up to one batch; marks the prefix that Kafka acknowledged; returns how many rows were read. */
    private int publishBatch() throws Exception {
        List<Pending> batch = readPending();
        if (batch.isEmpty()) {
            status.set(new Status(true, true, null, status.get().lastPublishedAt()));
            return 0;
        }
        Producer<String, byte[]> kafka = producer();
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            Future<RecordMetadata> sent = kafka.send(CloudEventCodec.toRecord(pending.topic(), pending.event()));
            sends.add(sent);
            if (refusedAtOnce(sent)) {
                // e.g. no metadata within max.block.ms while Kafka is down: the record was never queued, so the next
                // ones must not be either, or they could reach Kafka before it when it comes back
                break;
            }
        }
        kafka.flush();
        List<Long> acknowledged = new ArrayList<>();
        Exception failure = null;
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get();
                acknowledged.add(batch.get(i).seq());
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof Exception cause ? cause : e;
                break; // later rows are retried in order, even if some of them reached Kafka
            }
        }
        markPublished(acknowledged);
        Instant now = Instant.now();
        for (int i = 0; i < acknowledged.size(); i++) {
            Pending pending = batch.get(i);
            publishLag.record(Duration.between(pending.createdAt(), now));
            Counter.builder("switchboard.outbox.published")
                    .description("Events published from the outbox")
                    .tag(
                            "tenant",
                            pending.event().tenantId() == null
                                    ? ""
                                    : pending.event().tenantId())
                    .register(metrics)
                    .increment();
        }
        if (failure != null) {
            throw failure;
        }
        status.set(new Status(true, true, null, now));
        return batch.size();
    }

    private List<Pending> readPending() throws SQLException {
        List<Pending> batch = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT_PENDING)) {
            select.setInt(1, config.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime created = rs.getObject(11, OffsetDateTime.class);
                    DomainEvent event = new DomainEvent(
                            rs.getString(2),
                            rs.getString(4),
                            config.source(),
                            created,
                            rs.getString(6),
                            rs.getString(5),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getString(10),
                            rs.getString(7).getBytes(StandardCharsets.UTF_8));
                    batch.add(new Pending(rs.getLong(1), rs.getString(3), event, created.toInstant()));
                }
            }
        }
        return batch;
    }

    private void markPublished(List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(MARK_PUBLISHED)) {
            Array array = connection.createArrayOf("bigint", seqs.toArray());
            update.setArray(1, array);
            update.executeUpdate();
        }
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>();
            kafkaConfig.forEach((key, value) -> {
                if (ProducerConfig.configNames().contains(key)) {
                    props.put(key, value);
                }
            });
            props.put(
                    ProducerConfig.CLIENT_ID_CONFIG,
                    "outbox-relay" + config.source().replace('/', '-'));
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
