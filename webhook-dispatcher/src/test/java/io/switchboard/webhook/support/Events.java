package io.switchboard.webhook.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.commons.events.CloudEventCodec;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.testing.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Domain events as the other services' outbox relays publish them: CloudEvents in Kafka binary mode, written with the
 * platform's own codec, so the dispatcher consumes exactly what production sends it.
 */
public final class Events {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaProducer<String, byte[]> producer;

    private Events() {}

    /** A new event of {@code tenantId} about {@code subject}, happening now. */
    public static DomainEvent event(String type, String tenantId, String subject, Object data) {
        String source = "/switchboard/" + type.substring(0, type.indexOf('.')) + "-service";
        return new DomainEvent(
                UUID.randomUUID().toString(),
                type,
                source,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS),
                subject,
                tenantId,
                "system",
                null,
                null,
                json(data).getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes and waits for the broker's acknowledgement. */
    public static void publish(String topic, DomainEvent event) {
        try {
            producer().send(CloudEventCodec.toRecord(topic, event)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Publishing " + event.type() + " failed", e);
        }
    }

    /** A telephony event of the tenant (a call that ended), the kind of domain event tenants subscribe to. */
    public static DomainEvent callEnded(String tenantId, String marker) {
        return event(
                "telephony.call.ended",
                tenantId,
                "call-" + marker,
                Map.of("callId", "call-" + marker, "marker", marker, "durationSeconds", 42));
    }

    /** Publishes {@code count} call events of the tenant, marked {@code <batch>-0}, {@code <batch>-1}... */
    public static void publishCalls(String tenantId, String batch, int count) {
        for (int i = 0; i < count; i++) {
            publish(Topics.TELEPHONY_EVENTS, callEnded(tenantId, batch + "-" + i));
        }
    }

    /**
     * {@code tenant.tenant.created} exactly as tenant-service's outbox publishes it: the whole tenant snapshot
     * (docs/asyncapi.yaml TenantCreated), keyed by the tenant id.
     */
    public static DomainEvent tenantCreated(String tenantId) {
        return event(EventTypes.TENANT_CREATED, tenantId, tenantId, tenantSnapshot(tenantId, "Tenant " + tenantId, 0));
    }

    public static Map<String, Object> tenantSnapshot(String tenantId, String name, long version) {
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        Map<String, Object> weekday = Map.of("start", "09:00", "end", "17:00");
        Map<String, Object> weekly = new LinkedHashMap<>();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
            weekly.put(day, List.of(weekday));
        }
        weekly.put("saturday", List.of());
        weekly.put("sunday", List.of());
        Map<String, Object> tenant = new LinkedHashMap<>();
        tenant.put("id", tenantId);
        tenant.put("name", name);
        tenant.put("status", "active");
        tenant.put("statusReason", null);
        tenant.put("trialExpiresAt", null);
        tenant.put("limits", Map.of("maxAgents", 10, "maxDids", 5, "maxConcurrentCalls", 10));
        Map<String, Object> features = new LinkedHashMap<>();
        for (String feature :
                List.of("webrtc", "sms", "recording", "queue", "ivr", "chat", "helpdesk", "analytics", "api")) {
            features.put(feature, !feature.equals("sms"));
        }
        tenant.put("features", features);
        Map<String, Object> branding = new LinkedHashMap<>();
        branding.put("displayName", null);
        branding.put("logoUrl", null);
        branding.put("primaryColor", null);
        branding.put("accentColor", null);
        tenant.put(
                "settings",
                Map.of(
                        "timezone",
                        "UTC",
                        "locale",
                        "en-US",
                        "businessHours",
                        Map.of("weekly", weekly, "holidays", List.of()),
                        "branding",
                        branding));
        tenant.put("createdAt", now);
        tenant.put("updatedAt", now);
        tenant.put("deletedAt", null);
        tenant.put("version", version);
        return tenant;
    }

    /**
     * Makes a tenant known to the dispatcher as tenant-service would: publishes its creation and waits until the
     * tenant directory has it (tenant admins can then change its webhooks).
     */
    public static void registerTenant(String tenantId) {
        awaitConsumersReady();
        publish(Topics.TENANT_EVENTS, tenantCreated(tenantId));
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        Db.count(null, "select count(*) from tenant_directory where tenant_id = ?", tenantId) == 1);
    }

    /** The consumer groups of the test profile and how many partitions each reads (3 per topic). */
    private static final Map<String, Integer> GROUPS =
            Map.of("webhook-dispatcher-test", 3, "webhook-dispatcher-test-delivery", 18);

    /**
     * Waits until the dispatcher's consumer groups are stable with every partition assigned to a live member, so that
     * what a test publishes next is consumed (a test JVM that ended uncleanly can hold partitions for a while).
     */
    public static void awaitConsumersReady() {
        awaitConsumerGroups(GROUPS);
    }

    /** Waits until each group is stable with at least the given number of partitions assigned. */
    public static void awaitConsumerGroups(Map<String, Integer> partitionsByGroup) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.kafkaBootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> {
                        Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(
                                        partitionsByGroup.keySet())
                                .all()
                                .get(10, TimeUnit.SECONDS);
                        return groups.values().stream()
                                .allMatch(group -> group.groupState() == GroupState.STABLE
                                        && group.members().stream()
                                                        .mapToInt(m -> m.assignment()
                                                                .topicPartitions()
                                                                .size())
                                                        .sum()
                                                >= partitionsByGroup.get(group.groupId()));
                    });
        }
    }

    public static String json(Object data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.kafkaBootstrapServers());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }
}
