package io.switchboard.routing.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.commons.events.CloudEventCodec;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.testing.LocalStack;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * telephony-service's side for tests that do not run it: publishes {@code telephony.*} configuration events to
 * {@code telephony.events} exactly as its outbox does (CloudEvents binary mode, the object's view as data, keyed by
 * its id), so that routing-service's catalogue learns extensions, queues, voicemail boxes and trunks.
 */
public final class Telephony {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KafkaProducer<String, byte[]> PRODUCER = producer();

    private Telephony() {}

    /** An object as announced: its id and view (the event data). */
    public record Announced(UUID id, Map<String, Object> view) {}

    public static Announced extension(String tenant, String number, UUID voicemailBoxId) {
        Map<String, Object> view = base();
        view.put("number", number);
        view.put("endpointId", tenant + "_" + number);
        view.put("displayName", "Extension " + number);
        view.put("userId", null);
        view.put("codecs", List.of("opus", "ulaw"));
        view.put("webrtc", false);
        view.put("maxContacts", 1);
        view.put("voicemailBoxId", voicemailBoxId == null ? null : voicemailBoxId.toString());
        view.put("sipUsername", tenant + "_" + number);
        return publish(EventTypes.TELEPHONY_EXTENSION_CREATED, tenant, view);
    }

    public static Announced queue(String tenant, String name, int maxWaitTime) {
        Map<String, Object> view = base();
        view.put("name", name);
        view.put("asteriskName", tenant + "_" + name);
        view.put("displayName", name);
        view.put("strategy", "rrmemory");
        view.put("ringTimeout", 20);
        view.put("maxWaitTime", maxWaitTime);
        view.put("maxLength", 0);
        view.put("announceFrequency", 60);
        view.put("musicOnHold", "default");
        view.put("wrapupTime", 10);
        return publish(EventTypes.TELEPHONY_QUEUE_CREATED, tenant, view);
    }

    public static Announced voicemail(String tenant, String mailbox) {
        Map<String, Object> view = base();
        view.put("mailbox", mailbox);
        view.put("context", tenant);
        view.put("fullName", "Box " + mailbox);
        view.put("email", null);
        view.put("attachAudio", true);
        view.put("maxMessages", 100);
        return publish(EventTypes.TELEPHONY_VOICEMAIL_CREATED, tenant, view);
    }

    public static Announced trunk(String tenant, String name) {
        Map<String, Object> view = base();
        view.put("name", name);
        view.put("endpointId", tenant + "_trunk-" + name);
        view.put("description", null);
        view.put("mode", "ip");
        view.put("host", "192.0.2.10");
        view.put("port", 5060);
        view.put("transport", "udp");
        view.put("username", null);
        view.put("hasPassword", false);
        view.put("realm", null);
        view.put("fromUser", null);
        view.put("fromDomain", null);
        view.put("callerId", null);
        view.put("codecs", List.of("ulaw"));
        view.put("allowedIps", List.of("192.0.2.10"));
        view.put("nat", Map.of("rtpSymmetric", true, "forceRport", true, "rewriteContact", true, "directMedia", false));
        return publish(EventTypes.TELEPHONY_TRUNK_CREATED, tenant, view);
    }

    /** Announces that an object is gone (the deleted event carries its last view). */
    public static void deleted(String type, String tenant, Announced announced) {
        send(type, tenant, announced.view(), UUID.randomUUID().toString());
    }

    /** Publishes {@code view} as an event of {@code type} with a given event id (to test redelivery). */
    public static void send(String type, String tenant, Map<String, Object> view, String eventId) {
        send(type, tenant, view.get("id").toString(), view, eventId);
    }

    /**
     * A text message from {@code from} to {@code to} on one of the tenant's trunks, as telephony-service publishes it
     * ({@code telephony.sms.received}, keyed by the number written to), under the event id {@code eventId}.
     *
     * @return the event data
     */
    public static Map<String, Object> sms(String tenant, String from, String to, String body, String eventId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageId", UUID.randomUUID().toString());
        data.put("trunkId", UUID.randomUUID().toString());
        data.put("from", from);
        data.put("to", to);
        data.put("body", body);
        data.put(
                "receivedAt",
                OffsetDateTime.now(ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.MILLIS)
                        .toString());
        send(EventTypes.TELEPHONY_SMS_RECEIVED, tenant, to, data, eventId);
        return data;
    }

    private static void send(String type, String tenant, String subject, Map<String, Object> view, String eventId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        try {
            DomainEvent event = new DomainEvent(
                    eventId,
                    type,
                    "/switchboard/telephony-service",
                    now,
                    subject,
                    tenant,
                    "system",
                    null,
                    null,
                    JSON.writeValueAsBytes(view));
            PRODUCER.send(CloudEventCodec.toRecord(Topics.TELEPHONY_EVENTS, event))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + type, e);
        }
    }

    private static Announced publish(String type, String tenant, Map<String, Object> view) {
        send(type, tenant, view, UUID.randomUUID().toString());
        return new Announced(UUID.fromString(view.get("id").toString()), view);
    }

    private static Map<String, Object> base() {
        String now = OffsetDateTime.now(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MILLIS)
                .toString();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", UUID.randomUUID().toString());
        view.put("createdAt", now);
        view.put("updatedAt", now);
        view.put("version", 0);
        return view;
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }
}
