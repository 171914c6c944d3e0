package io.switchboard.testing;

import io.switchboard.commons.events.CloudEventCodec;
import io.switchboard.commons.events.DomainEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Records what is published to Kafka topics from the moment it is opened, as a test observer outside any consumer
 * group, so that a test can assert on the events a service really emitted.
 */
public final class EventCapture implements AutoCloseable {

    /** One captured record: the decoded event, its Kafka key, partition and raw headers. */
    public record Captured(DomainEvent event, String key, int partition, long offset, Map<String, String> headers) {
        public String dataAsString() {
            return new String(event.data(), StandardCharsets.UTF_8);
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Captured> captured = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    private EventCapture(List<String> topics) {
        ensureTopics(topics);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-capture-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the starting point now, not at the first poll
        poller = Thread.ofPlatform().name("event-capture").daemon().start(this::poll);
    }

    /** Creates missing topics (3 partitions, like the local broker's default) so that capturing can start now. */
    private static void ensureTopics(List<String> topics) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.kafkaBootstrapServers());
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> missing = new ArrayList<>();
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, 3, (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not prepare topics " + topics, e);
        }
    }

    /** Starts capturing everything published to {@code topics} from now on. */
    public static EventCapture open(String... topics) {
        return new EventCapture(List.of(topics));
    }

    private void poll() {
        while (running) {
            synchronized (consumer) {
                if (!running) {
                    return;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                    }
                    captured.add(new Captured(
                            CloudEventCodec.fromRecord(record),
                            record.key(),
                            record.partition(),
                            record.offset(),
                            headers));
                }
            }
        }
    }

    public List<Captured> all() {
        return List.copyOf(captured);
    }

    public List<Captured> matching(Predicate<Captured> predicate) {
        return captured.stream().filter(predicate).toList();
    }

    /** Waits until at least {@code count} captured records match, and returns them in arrival order. */
    public List<Captured> await(Predicate<Captured> predicate, int count, Duration timeout) {
        Awaitility.await()
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> matching(predicate).size() >= count);
        return matching(predicate);
    }

    public Captured awaitOne(Predicate<Captured> predicate, Duration timeout) {
        return await(predicate, 1, timeout).get(0);
    }

    /** Matches records of one CloudEvents type about one subject (aggregate id). */
    public static Predicate<Captured> event(String type, String subject) {
        return c -> c.event().type().equals(type) && subject.equals(c.event().subject());
    }

    @Override
    public void close() {
        running = false;
        try {
            poller.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (consumer) {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
