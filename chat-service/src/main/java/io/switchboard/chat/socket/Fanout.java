package io.switchboard.chat.socket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.chat.config.ChatConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Carries socket events to every replica over the internal topic {@code chat.fanout}: a replica publishes an event
 * once its transaction committed, and every replica (the publisher included) reads every partition from the end
 * without a consumer group (assigned, not subscribed: no rebalancing, no group per replica to clean up) and hands
 * the events to its own sockets. Keyed by session, so one conversation's frames keep their order.
 *
 * <p>Not the outbox, on purpose: these frames are for the sockets open now. A frame lost with a crashed replica is
 * recovered by the client, which resumes from the last sequence number it saw (messages live in PostgreSQL).
 */
@ApplicationScoped
public class Fanout {

    private static final int PARTITIONS = 6;

    private final ChatConfig config;
    private final ObjectMapper mapper;
    private final SocketRegistry registry;
    private final TransactionSynchronizationRegistry transactions;
    private final String bootstrapServers;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean positioned;
    private KafkaProducer<String, String> producer;
    private Thread consumerThread;

    public Fanout(
            ChatConfig config,
            ObjectMapper mapper,
            SocketRegistry registry,
            TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.mapper = mapper;
        this.registry = registry;
        this.transactions = transactions;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent startup) {
        Properties producerProperties = new Properties();
        producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerProperties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProperties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "1");
        producerProperties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producerProperties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        producer = new KafkaProducer<>(producerProperties);
        running.set(true);
        consumerThread = Thread.ofPlatform().name("chat-fanout").daemon().start(this::consume);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running.set(false);
        if (consumerThread != null) {
            try {
                consumerThread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }

    /** Whether this replica reads the topic, so that what is published from now on reaches its sockets. */
    public boolean isPositioned() {
        return positioned;
    }

    /** Publishes the event when the current transaction commits (at once without one); never when it rolls back. */
    public void publish(SocketEvent event) {
        if (transactions.getTransactionKey() != null) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        send(event);
                    }
                }
            });
        } else {
            send(event);
        }
    }

    private void send(SocketEvent event) {
        try {
            String json = mapper.writeValueAsString(event);
            String key = event.sessionId() == null
                    ? event.tenantId()
                    : event.sessionId().toString();
            producer.send(new ProducerRecord<>(config.fanoutTopic(), key, json), (metadata, failure) -> {
                if (failure != null) {
                    Log.warnf(
                            "Socket event %s not fanned out: %s", event.frame().path("type"), failure.toString());
                }
            });
        } catch (JsonProcessingException | RuntimeException e) {
            Log.warnf(e, "Socket event %s not fanned out", event.frame().path("type"));
        }
    }

    private void consume() {
        while (running.get()) {
            try {
                ensureTopic();
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
                    List<TopicPartition> partitions = consumer.partitionsFor(config.fanoutTopic()).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
                    consumer.assign(partitions);
                    consumer.seekToEnd(partitions);
                    partitions.forEach(consumer::position); // resolve the end offsets now, not at the first poll
                    positioned = true;
                    Log.infof(
                            "Reading %s (%d partitions) for this replica's sockets",
                            config.fanoutTopic(), partitions.size());
                    while (running.get()) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                            deliver(record.value());
                        }
                    }
                }
            } catch (RuntimeException e) {
                positioned = false;
                Log.warnf("Reading %s failed, retrying: %s", config.fanoutTopic(), e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void deliver(String json) {
        try {
            registry.deliver(mapper.readValue(json, SocketEvent.class));
        } catch (JsonProcessingException | RuntimeException e) {
            Log.warnf(e, "Socket event not delivered");
        }
    }

    private void ensureTopic() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            if (!admin.listTopics().names().get().contains(config.fanoutTopic())) {
                admin.createTopics(List.of(new NewTopic(config.fanoutTopic(), PARTITIONS, (short) 1)))
                        .all()
                        .get();
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create " + config.fanoutTopic(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        return properties;
    }
}
