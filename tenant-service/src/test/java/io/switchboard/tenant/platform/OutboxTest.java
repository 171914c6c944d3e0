package io.switchboard.tenant.platform;

import static io.restassured.RestAssured.given;
import static io.switchboard.tenant.TestTenants.createActive;
import static io.switchboard.tenant.TestTenants.patch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.testing.Database;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.EventCapture.Captured;
import io.switchboard.testing.LocalStack;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transactional outbox: events exist exactly when their change committed, and survive Kafka being down. */
@QuarkusTest
class OutboxTest {

    private static final TestUsers users = new TestUsers();
    private static TestUser superadmin;

    @Inject
    OutboxProbe probe;

    @BeforeAll
    static void setUp() {
        superadmin = users.superadmin();
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void anEventIsPublishedAfterCommitAndNeverOnRollback() throws Exception {
        try (EventCapture events = EventCapture.open(OutboxProbe.TOPIC)) {
            String rolledBack = "rollback-" + UUID.randomUUID();
            assertThatThrownBy(() -> probe.emitAndRollBack(rolledBack)).hasMessageContaining("on purpose");
            String committed = "commit-" + UUID.randomUUID();
            UUID committedId = probe.emitAndCommit(committed);

            Captured published = events.awaitOne(c -> committed.equals(c.event().subject()), Duration.ofSeconds(30));
            assertThat(published.event().id()).isEqualTo(committedId.toString());
            // the committed event came after the rolled-back one, so the latter would have been published by now
            assertThat(events.matching(c -> rolledBack.equals(c.event().subject())))
                    .isEmpty();
            assertThat(outboxRows(rolledBack)).isZero();
        }
    }

    @Test
    void aTenantEventCarriesTheCloudEventsEnvelope() {
        try (EventCapture events = EventCapture.open(Topics.TENANT_EVENTS)) {
            String id = createActive(superadmin.token(), "envelope");
            Captured created =
                    events.awaitOne(EventCapture.event(EventTypes.TENANT_CREATED, id), Duration.ofSeconds(30));
            assertThat(created.key()).isEqualTo(id);
            assertThat(created.headers())
                    .containsEntry("ce_specversion", "1.0")
                    .containsEntry("ce_type", EventTypes.TENANT_CREATED)
                    .containsEntry("ce_source", "/switchboard/tenant-service")
                    .containsEntry("ce_subject", id)
                    .containsEntry("ce_tenantid", id)
                    .containsEntry("ce_actor", superadmin.id())
                    .containsEntry("content-type", "application/json")
                    .containsKeys("ce_id", "ce_time");
            assertThat(created.headers().get("ce_clientip")).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void writesSucceedWhileKafkaIsDownAndTheirEventsArriveInOrderWhenItIsBack() throws Exception {
        String id = createActive(superadmin.token(), "kafkadown");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> outboxPending(id) == 0);
        try (EventCapture events = EventCapture.open(Topics.TENANT_EVENTS)) {
            LocalStack.run("kafka", "stop");
            try {
                for (int i = 1; i <= 3; i++) {
                    patch(superadmin.token(), id, Map.of("name", "While Kafka is down " + i))
                            .statusCode(200)
                            .body("version", equalTo(i));
                }
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> given().get("/q/health/ready")
                                .then()
                                .statusCode(200)
                                .body("checks.find { it.name == 'outbox' }.data.kafka", equalTo("degraded")));
                assertThat(outboxPending(id)).isEqualTo(3);
            } finally {
                LocalStack.run("kafka", "start");
            }
            List<Captured> updates =
                    events.await(EventCapture.event(EventTypes.TENANT_UPDATED, id), 3, Duration.ofSeconds(120));
            ObjectMapper json = new ObjectMapper();
            List<Integer> versions = updates.stream()
                    .map(c -> {
                        try {
                            return json.readTree(c.event().data())
                                    .get("version")
                                    .asInt();
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
            assertThat(versions).containsExactly(1, 2, 3);
            assertThat(updates.stream().map(Captured::partition).distinct()).hasSize(1);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .body("checks.find { it.name == 'outbox' }.data.kafka", equalTo("reachable")));
    }

    private static int outboxRows(String subject) throws Exception {
        return count("select count(*) from outbox where aggregate_id = ?", subject);
    }

    private static int outboxPending(String subject) throws Exception {
        return count("select count(*) from outbox where aggregate_id = ? and published_at is null", subject);
    }

    private static int count(String sql, String subject) throws Exception {
        try (Connection connection = Database.connectAs("tenant_service");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, subject);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
