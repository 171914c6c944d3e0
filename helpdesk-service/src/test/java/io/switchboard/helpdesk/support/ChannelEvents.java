package io.switchboard.helpdesk.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.commons.events.CloudEventCodec;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.events.Topics;
import io.switchboard.testing.LocalStack;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * chat-service's and telephony-service's side for tests that do not run them: publishes their events to
 * {@code chat.events} and {@code telephony.events} as their outboxes do (CloudEvents binary mode, keyed by the
 * session or call id).
 */
public final class ChannelEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KafkaProducer<String, byte[]> PRODUCER = producer();

    private ChannelEvents() {}

    public static void chat(String type, String tenant, String key, Map<String, Object> data, String eventId) {
        send(Topics.CHAT_EVENTS, "/switchboard/chat-service", type, tenant, key, data, eventId);
    }

    public static void telephony(String type, String tenant, String key, Map<String, Object> data, String eventId) {
        send(Topics.TELEPHONY_EVENTS, "/switchboard/telephony-service", type, tenant, key, data, eventId);
    }

    private static void send(
            String topic,
            String source,
            String type,
            String tenant,
            String key,
            Map<String, Object> data,
            String eventId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        try {
            DomainEvent event = new DomainEvent(
                    eventId, type, source, now, key, tenant, "system", null, null, JSON.writeValueAsBytes(data));
            PRODUCER.send(CloudEventCodec.toRecord(topic, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + type, e);
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }
}
