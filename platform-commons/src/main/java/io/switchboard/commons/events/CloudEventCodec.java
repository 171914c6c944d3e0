package io.switchboard.commons.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Maps {@link DomainEvent} to and from Kafka records in CloudEvents binary mode ({@code ce_*} headers, JSON data), with
 * the CloudEvents SDK doing the protocol binding.
 */
public final class CloudEventCodec {

    public static final String EXT_TENANT_ID = "tenantid";
    public static final String EXT_ACTOR = "actor";
    public static final String EXT_CLIENT_IP = "clientip";
    public static final String EXT_TRACEPARENT = "traceparent";
    /** The plain W3C header, read by OpenTelemetry's Kafka instrumentation to continue the trace. */
    public static final String TRACEPARENT_HEADER = "traceparent";

    private CloudEventCodec() {}

    public static ProducerRecord<String, byte[]> toRecord(String topic, DomainEvent event) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.id())
                .withType(event.type())
                .withSource(URI.create(event.source()))
                .withTime(event.time())
                .withSubject(event.subject())
                .withDataContentType("application/json")
                .withData(event.data());
        if (event.tenantId() != null) {
            builder.withExtension(EXT_TENANT_ID, event.tenantId());
        }
        if (event.actor() != null) {
            builder.withExtension(EXT_ACTOR, event.actor());
        }
        if (event.clientIp() != null) {
            builder.withExtension(EXT_CLIENT_IP, event.clientIp());
        }
        if (event.traceparent() != null) {
            builder.withExtension(EXT_TRACEPARENT, event.traceparent());
        }
        ProducerRecord<String, byte[]> record =
                KafkaMessageFactory.createWriter(topic, event.subject()).writeBinary(builder.build());
        if (event.traceparent() != null) {
            record.headers().add(TRACEPARENT_HEADER, event.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    /** Reads a record written by any Switchboard service; fails on a record that is not a CloudEvent. */
    public static DomainEvent fromRecord(ConsumerRecord<?, byte[]> record) {
        CloudEvent event = KafkaMessageFactory.createReader(record.headers(), record.value())
                .toEvent();
        return new DomainEvent(
                event.getId(),
                event.getType(),
                event.getSource().toString(),
                event.getTime(),
                event.getSubject(),
                extension(event, EXT_TENANT_ID),
                extension(event, EXT_ACTOR),
                extension(event, EXT_CLIENT_IP),
                extension(event, EXT_TRACEPARENT),
                event.getData() == null ? new byte[0] : event.getData().toBytes());
    }

    private static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }
}
