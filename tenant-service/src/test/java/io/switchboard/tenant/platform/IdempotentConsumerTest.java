package io.switchboard.tenant.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.commons.events.CloudEventCodec;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.inbox.IdempotentConsumer;
import io.switchboard.testing.Database;
import io.switchboard.testing.LocalStack;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The idempotent-consumer guard: the same event delivered twice has one effect. */
@QuarkusTest
class IdempotentConsumerTest {

    @Inject
    IdempotentConsumer inbox;

    @Inject
    IdempotencyProbe probe;

    @BeforeAll
    static void table() throws Exception {
        try (Connection connection = Database.connectAs("tenant_service");
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "create table if not exists probe_effect (subject text primary key, applied int not null)");
        }
    }

    @Test
    void anEventRedeliveredByKafkaHasOneEffect() throws Exception {
        String subject = "subject-" + UUID.randomUUID();
        DomainEvent first = event(subject);
        DomainEvent second = event(subject);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(CloudEventCodec.toRecord(IdempotencyProbe.TOPIC, first))
                    .get();
            producer.send(CloudEventCodec.toRecord(IdempotencyProbe.TOPIC, first))
                    .get(); // the redelivery
            producer.send(CloudEventCodec.toRecord(IdempotencyProbe.TOPIC, second))
                    .get();
        }
        // same key, same partition: once the second event is processed, the redelivery before it was too
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> processed(second.id()));
        assertThat(applied(subject)).isEqualTo(2);
        assertThat(processed(first.id())).isTrue();
    }

    @Test
    void concurrentDeliveriesOfOneEventHaveOneEffect() throws Exception {
        String subject = "concurrent-" + UUID.randomUUID();
        DomainEvent event = event(subject);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> deliveries = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                deliveries.add(() -> inbox.process("idempotency-probe", event, e -> probe.increment(e.subject())));
            }
            List<Boolean> ran = new ArrayList<>();
            for (Future<Boolean> result : pool.invokeAll(deliveries)) {
                ran.add(result.get());
            }
            assertThat(ran).containsOnlyOnce(true);
        } finally {
            pool.shutdownNow();
        }
        assertThat(applied(subject)).isEqualTo(1);
    }

    private static DomainEvent event(String subject) {
        return new DomainEvent(
                UUID.randomUUID().toString(),
                "tenant.probe.happened",
                "/switchboard/tests",
                OffsetDateTime.now(),
                subject,
                "probe-tenant",
                "system",
                null,
                null,
                ("{\"subject\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static int applied(String subject) throws Exception {
        try (Connection connection = Database.connectAs("tenant_service");
                PreparedStatement statement =
                        connection.prepareStatement("select applied from probe_effect where subject = ?")) {
            statement.setString(1, subject);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static boolean processed(String eventId) throws Exception {
        try (Connection connection = Database.connectAs("tenant_service");
                PreparedStatement statement = connection.prepareStatement(
                        "select 1 from processed_event where consumer = 'idempotency-probe' and event_id = ?")) {
            statement.setString(1, eventId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }
}
