package io.switchboard.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.commons.events.CloudEventCodec;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Tenants for the tests of services other than tenant-service: publishes {@code tenant.tenant.*} events to
 * {@code tenant.events} exactly as tenant-service's outbox does (CloudEvents binary mode, the whole tenant as data),
 * and waits until the service under test has the tenant in its directory.
 */
public final class TenantFixtures {

    /** Every feature, as tests usually want. */
    public static final Map<String, Boolean> ALL_FEATURES = Map.of(
            "webrtc",
            true,
            "sms",
            true,
            "recording",
            true,
            "queue",
            true,
            "ivr",
            true,
            "chat",
            true,
            "helpdesk",
            true,
            "analytics",
            true,
            "api",
            true);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong VERSION = new AtomicLong(System.currentTimeMillis());

    private TenantFixtures() {}

    /** A tenant id unique to this run, e.g. {@code tel-1a2b3c4d}. */
    public static String newTenantId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes {@code tenant.tenant.created} for an active tenant with the given features and limits. */
    public static void publishActive(String tenantId, Map<String, Boolean> features, int maxConcurrentCalls) {
        publish(EventTypes.TENANT_CREATED, tenantId, "active", features, maxConcurrentCalls);
    }

    /** Publishes a tenant event with this status, features and call limit (a newer version each time). */
    public static void publish(
            String type, String tenantId, String status, Map<String, Boolean> features, int maxConcurrentCalls) {
        publish(
                type,
                tenantId,
                status,
                features,
                Map.of("maxAgents", 50, "maxDids", 20, "maxConcurrentCalls", maxConcurrentCalls),
                defaultSettings());
    }

    /**
     * Publishes a tenant event with this status, features, limits ({@code maxAgents}, {@code maxDids},
     * {@code maxConcurrentCalls}) and settings ({@code timezone}, {@code locale}, {@code businessHours},
     * {@code branding}; see {@link #defaultSettings()}), a newer version each time.
     */
    public static void publish(
            String type,
            String tenantId,
            String status,
            Map<String, Boolean> features,
            Map<String, Integer> limits,
            Map<String, Object> settings) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> tenant = new LinkedHashMap<>();
        tenant.put("id", tenantId);
        tenant.put("name", "Tenant " + tenantId);
        tenant.put("status", status);
        tenant.put("statusReason", null);
        tenant.put("trialExpiresAt", null);
        tenant.put("limits", limits);
        tenant.put("features", features);
        tenant.put("settings", settings);
        tenant.put("createdAt", now.toString());
        tenant.put("updatedAt", now.toString());
        tenant.put("deletedAt", null);
        tenant.put("version", VERSION.incrementAndGet());
        try {
            DomainEvent event = new DomainEvent(
                    UUID.randomUUID().toString(),
                    type,
                    "/switchboard/tenant-service",
                    now,
                    tenantId,
                    tenantId,
                    "system",
                    null,
                    null,
                    JSON.writeValueAsString(tenant).getBytes(StandardCharsets.UTF_8));
            try (KafkaProducer<String, byte[]> producer = producer()) {
                producer.send(CloudEventCodec.toRecord(Topics.TENANT_EVENTS, event))
                        .get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish the tenant event", e);
        }
    }

    /** Settings of a tenant in UTC without business hours (always open). */
    public static Map<String, Object> defaultSettings() {
        return Map.of(
                "timezone",
                "UTC",
                "locale",
                "en-US",
                "businessHours",
                Map.of("weekly", Map.of(), "holidays", List.of()),
                "branding",
                Map.of());
    }

    /** Waits until the service whose database role is {@code role} has {@code tenantId} with {@code status}. */
    public static void awaitInDirectory(String role, String tenantId, String status) {
        awaitInDirectory(role, tenantId, status, LocalStack.testDatabaseUrl());
    }

    /** The same, for the service whose database is {@code databaseUrl} (the system tests' services). */
    public static void awaitInDirectory(String role, String tenantId, String status, String databaseUrl) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> status.equals(directoryStatus(role, tenantId, databaseUrl)));
    }

    private static String directoryStatus(String role, String tenantId, String databaseUrl) throws Exception {
        try (Connection connection = Database.connectAs(role, databaseUrl);
                PreparedStatement statement =
                        connection.prepareStatement("select status from tenant_directory where tenant_id = ?")) {
            statement.setString(1, tenantId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
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
