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
import java.util.ArrayList;
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
 * Users, memberships and teams for the tests of services other than tenant-service: publishes
 * {@code tenant.user.*}, {@code tenant.membership.*} and {@code tenant.team.*} events to {@code tenant.events} as
 * tenant-service's outbox does, and waits until the service under test has applied them to its member and team
 * directories.
 */
public final class DirectoryFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong VERSION = new AtomicLong(System.currentTimeMillis());

    private DirectoryFixtures() {}

    /** Publishes the user (with this status) and their membership of the tenant with these roles. */
    public static void publishMember(String tenantId, String userId, String status, String... roles) {
        OffsetDateTime now = now();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", userId);
        user.put("email", "user-" + userId.substring(0, 8) + "@example.com");
        user.put("firstName", "User");
        user.put("lastName", userId.substring(0, 8));
        user.put("phone", null);
        user.put("avatarUrl", null);
        user.put("status", status);
        user.put("changedFields", List.of());
        user.put("createdAt", now.toString());
        user.put("updatedAt", now.toString());
        user.put("deletedAt", null);
        user.put("version", VERSION.incrementAndGet());
        publish(EventTypes.TENANT_USER_CREATED, tenantId, "user", userId, user);
        Map<String, Object> membership = new LinkedHashMap<>();
        membership.put("tenantId", tenantId);
        membership.put("userId", userId);
        membership.put("roles", List.of(roles));
        membership.put("grants", List.of());
        membership.put("revokes", List.of());
        membership.put("permissions", List.of());
        membership.put("createdAt", now.toString());
        membership.put("updatedAt", now.toString());
        membership.put("version", VERSION.incrementAndGet());
        publish(EventTypes.TENANT_MEMBERSHIP_CREATED, tenantId, "membership", tenantId + "/" + userId, membership);
    }

    /** Publishes a change of the user's status only (e.g. {@code suspended}). */
    public static void publishUserStatus(String tenantId, String userId, String status) {
        OffsetDateTime now = now();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", userId);
        user.put("email", "user-" + userId.substring(0, 8) + "@example.com");
        user.put("firstName", "User");
        user.put("lastName", userId.substring(0, 8));
        user.put("status", status);
        user.put("changedFields", List.of("status"));
        user.put("createdAt", now.toString());
        user.put("updatedAt", now.toString());
        user.put("deletedAt", null);
        user.put("version", VERSION.incrementAndGet());
        publish(EventTypes.TENANT_USER_UPDATED, tenantId, "user", userId, user);
    }

    /** Publishes {@code tenant.user.password_changed} for the user: data without a status, as tenant-service sends it. */
    public static void publishPasswordChanged(String tenantId, String userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", userId);
        data.put("email", "user-" + userId.substring(0, 8) + "@example.com");
        data.put("method", "changed");
        data.put("temporary", false);
        data.put("at", now().toString());
        publish(EventTypes.TENANT_USER_PASSWORD_CHANGED, tenantId, "user", userId, data);
    }

    /**
     * Publishes {@code tenant.user.updated} with this status and an old version (1), which a directory must ignore;
     * returns the event id, so that a test can wait until it was consumed ({@link #awaitProcessed}).
     */
    public static String publishStaleUserStatus(String tenantId, String userId, String status) {
        OffsetDateTime now = now();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", userId);
        user.put("email", "user-" + userId.substring(0, 8) + "@example.com");
        user.put("firstName", "User");
        user.put("lastName", userId.substring(0, 8));
        user.put("status", status);
        user.put("changedFields", List.of("status"));
        user.put("createdAt", now.toString());
        user.put("updatedAt", now.toString());
        user.put("deletedAt", null);
        user.put("version", 1);
        return publish(EventTypes.TENANT_USER_UPDATED, tenantId, "user", userId, user);
    }

    /** Waits until {@code consumer} of the service whose database role is {@code role} recorded the event. */
    public static void awaitProcessed(String role, String consumer, String eventId) {
        await(
                role,
                "select consumer from processed_event where consumer = ? and event_id = ?",
                consumer,
                consumer,
                eventId);
    }

    /** Publishes {@code tenant.membership.deleted}: the user left the tenant. */
    public static void publishMembershipDeleted(String tenantId, String userId) {
        OffsetDateTime now = now();
        Map<String, Object> membership = new LinkedHashMap<>();
        membership.put("tenantId", tenantId);
        membership.put("userId", userId);
        membership.put("roles", List.of("agent"));
        membership.put("grants", List.of());
        membership.put("revokes", List.of());
        membership.put("permissions", List.of());
        membership.put("createdAt", now.toString());
        membership.put("updatedAt", now.toString());
        membership.put("version", VERSION.incrementAndGet());
        publish(EventTypes.TENANT_MEMBERSHIP_DELETED, tenantId, "membership", tenantId + "/" + userId, membership);
    }

    /** Waits until the service whose database role is {@code role} knows the user left the tenant. */
    public static void awaitMemberGone(String role, String tenantId, String userId) {
        await(
                role,
                "select deleted::text from member_directory where tenant_id = ? and user_id = ?",
                "true",
                tenantId,
                userId);
    }

    /** Publishes {@code tenant.team.created} (or updated, for an existing id) with these members; returns its version. */
    public static long publishTeam(String tenantId, UUID teamId, String name, List<String> members) {
        return publishTeam(EventTypes.TENANT_TEAM_UPDATED, tenantId, teamId, name, members);
    }

    /** Publishes a team event of this type with these members; returns its version. */
    public static long publishTeam(String type, String tenantId, UUID teamId, String name, List<String> members) {
        OffsetDateTime now = now();
        long version = VERSION.incrementAndGet();
        Map<String, Object> team = new LinkedHashMap<>();
        team.put("id", teamId.toString());
        team.put("tenantId", tenantId);
        team.put("name", name);
        team.put("description", null);
        team.put("leadId", null);
        team.put("members", new ArrayList<>(members));
        team.put("createdAt", now.toString());
        team.put("updatedAt", now.toString());
        team.put("version", version);
        publish(type, tenantId, "team", teamId.toString(), team);
        return version;
    }

    /** Waits until the service whose database role is {@code role} knows the member with this user status. */
    public static void awaitMember(String role, String tenantId, String userId, String status) {
        await(
                role,
                "select u.status from member_directory m join user_directory u on u.user_id = m.user_id"
                        + " where m.tenant_id = ? and m.user_id = ? and not m.deleted",
                status,
                tenantId,
                userId);
    }

    /** Waits until the service whose database role is {@code role} has this version of the team. */
    public static void awaitTeam(String role, UUID teamId, long version) {
        await(
                role,
                "select version::text from team_directory where team_id = ?::uuid",
                Long.toString(version),
                teamId.toString());
    }

    private static void await(String role, String sql, String expected, String... params) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> expected.equals(query(role, sql, params)));
    }

    private static String query(String role, String sql, String... params) throws Exception {
        try (Connection connection = Database.connectAs(role, LocalStack.testDatabaseUrl())) {
            try (PreparedStatement all =
                    connection.prepareStatement("select set_config('app.all_tenants', 'on', false)")) {
                all.execute();
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    statement.setString(i + 1, params[i]);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        }
    }

    private static String publish(
            String type, String tenantId, String aggregate, String key, Map<String, Object> data) {
        try {
            String id = UUID.randomUUID().toString();
            DomainEvent event = new DomainEvent(
                    id,
                    type,
                    "/switchboard/tenant-service",
                    now(),
                    key,
                    tenantId,
                    "system",
                    null,
                    null,
                    JSON.writeValueAsString(data).getBytes(StandardCharsets.UTF_8));
            try (KafkaProducer<String, byte[]> producer = producer()) {
                producer.send(CloudEventCodec.toRecord(Topics.TENANT_EVENTS, event))
                        .get();
            }
            return id;
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish the " + aggregate + " event", e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }
}
