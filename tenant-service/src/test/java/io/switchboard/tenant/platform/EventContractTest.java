package io.switchboard.tenant.platform;

import static io.switchboard.tenant.TestTenants.as;
import static io.switchboard.tenant.TestTenants.createActive;
import static io.switchboard.tenant.TestTenants.patch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.EventCapture.Captured;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every event tenant-service emits validates against its schema in docs/asyncapi.yaml. */
@QuarkusTest
class EventContractTest {

    private static final TestUsers users = new TestUsers();
    private static TestUser superadmin;

    @Inject
    SystemTasks systemTasks;

    @BeforeAll
    static void setUp() {
        superadmin = users.superadmin();
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void everyTenantEventMatchesTheCatalogue() {
        AsyncApiContract contract = AsyncApiContract.load();
        List<String> tenantTypes = List.of(
                EventTypes.TENANT_CREATED,
                EventTypes.TENANT_UPDATED,
                EventTypes.TENANT_STATUS_CHANGED,
                EventTypes.TENANT_DELETED,
                EventTypes.TENANT_RESTORED,
                EventTypes.TENANT_PURGED);
        assertThat(contract.eventTypes()).containsAll(tenantTypes);

        try (EventCapture events = EventCapture.open(Topics.TENANT_EVENTS)) {
            String id = createActive(superadmin.token(), "contract");
            patch(
                            superadmin.token(),
                            id,
                            Map.of(
                                    "settings",
                                    Map.of("timezone", "Asia/Tokyo", "branding", Map.of("accentColor", "#ABCDEF")),
                                    "limits",
                                    Map.of("maxDids", 20)))
                    .statusCode(200);
            patch(superadmin.token(), id, Map.of("status", "suspended", "statusReason", "contract test"))
                    .statusCode(200);
            as(superadmin.token()).delete("/api/v1/tenants/" + id).then().statusCode(204);
            as(superadmin.token())
                    .post("/api/v1/tenants/" + id + "/restore")
                    .then()
                    .statusCode(200);
            as(superadmin.token()).delete("/api/v1/tenants/" + id).then().statusCode(204);
            systemTasks.purgeDeletedAsOf(Instant.now().plus(31, ChronoUnit.DAYS));

            events.awaitOne(EventCapture.event(EventTypes.TENANT_PURGED, id), Duration.ofSeconds(30));
            List<Captured> emitted = events.matching(c -> id.equals(c.event().subject()));
            assertThat(emitted.stream().map(c -> c.event().type()).distinct())
                    .containsExactlyInAnyOrderElementsOf(tenantTypes);
            for (Captured captured : emitted) {
                assertThat(contract.violations(captured))
                        .as("%s %s", captured.event().type(), captured.dataAsString())
                        .isEmpty();
            }
            Captured updated = emitted.stream()
                    .filter(c -> c.event().type().equals(EventTypes.TENANT_UPDATED))
                    .findFirst()
                    .orElseThrow();
            assertThat(json(updated.dataAsString()).get("changedFields"))
                    .extracting(JsonNode::asText)
                    .containsExactly("limits.maxDids", "settings.branding.accentColor", "settings.timezone");
        }
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The team events are emitted and each validated against the catalogue by {@code TeamApiTest}. */
    @Test
    void theTeamEventsAreInTheCatalogue() {
        assertThat(AsyncApiContract.load().eventTypes())
                .contains(
                        EventTypes.TENANT_TEAM_CREATED, EventTypes.TENANT_TEAM_UPDATED, EventTypes.TENANT_TEAM_DELETED);
    }

    @Test
    void theContractCheckRejectsAnEventThatDriftsFromTheCatalogue() {
        AsyncApiContract contract = AsyncApiContract.load();
        try (EventCapture events = EventCapture.open(Topics.TENANT_EVENTS)) {
            String id = createActive(superadmin.token(), "drift");
            Captured created =
                    events.awaitOne(EventCapture.event(EventTypes.TENANT_CREATED, id), Duration.ofSeconds(30));
            assertThat(contract.violations(created)).isEmpty();

            String drifted = created.dataAsString()
                    .replace("\"limits\":", "\"undocumented\":1,\"limits\":")
                    .replace("\"status\":\"active\"", "\"status\":\"sleeping\"");
            Map<String, String> headers = new HashMap<>(created.headers());
            headers.remove("ce_tenantid");
            DomainEvent original = created.event();
            Captured tampered = new Captured(
                    new DomainEvent(
                            original.id(),
                            original.type(),
                            original.source(),
                            original.time(),
                            original.subject(),
                            original.tenantId(),
                            original.actor(),
                            original.clientIp(),
                            original.traceparent(),
                            drifted.getBytes(StandardCharsets.UTF_8)),
                    created.key(),
                    created.partition(),
                    created.offset(),
                    headers);
            assertThat(contract.violations(tampered))
                    .anyMatch(v -> v.contains("undocumented"))
                    .anyMatch(v -> v.contains("status"))
                    .anyMatch(v -> v.startsWith("headers") && v.contains("ce_tenantid"));
        }
    }
}
