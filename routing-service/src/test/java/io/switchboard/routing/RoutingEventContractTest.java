package io.switchboard.routing;

import static io.switchboard.routing.support.Fixtures.as;
import static io.switchboard.routing.support.Fixtures.patchAs;
import static io.switchboard.routing.support.Scenario.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.routing.support.Numbers;
import io.switchboard.routing.support.Scenario;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.EventCapture.Captured;
import io.switchboard.testing.TestUsers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every event routing-service emits, as docs/asyncapi.yaml describes it, and never a DID's webhook secret. */
@QuarkusTest
class RoutingEventContractTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void everyEventMatchesTheCatalogue() {
        Scenario s = Scenario.standard(users, "events");
        try (EventCapture events = EventCapture.open(Topics.ROUTING_EVENTS)) {
            String schedule = as(s.admin.token(), s.tenant)
                    .body(Map.of(
                            "name", "Hours",
                            "timezone", "Europe/Berlin",
                            "weekly", Map.of("monday", List.of(Map.of("start", "08:00", "end", "24:00"))),
                            "holidays", List.of(Map.of("date", "2026-12-25", "name", "Christmas")),
                            "closures", List.of(Map.of("from", "2026-12-31T12:00:00", "to", "2027-01-01T00:00:00"))))
                    .post("/api/v1/routing/schedules")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            String menu = s.menu("Main", Map.of("1", target("queue", "sales")), null);
            patchAs(s.admin.token(), s.tenant)
                    .body("{\"options\": {\"2\": {\"type\": \"endpoint\", \"target\": \"1001\"}}}")
                    .patch("/api/v1/routing/ivr-menus/" + menu)
                    .then()
                    .statusCode(200);
            Map<String, Object> route = new LinkedHashMap<>();
            route.put("target", target("webhook", "http://127.0.0.1:9/decide"));
            route.put("closedTarget", target("ivr", menu));
            route.put("scheduleId", schedule);
            route.put("fallback", target("voicemail", "2000"));
            String number = Numbers.berlin();
            String did = s.did(number, route);
            patchAs(s.admin.token(), s.tenant)
                    .body("{\"description\": \"Main line\", \"route\": {\"target\": {\"type\": \"queue\","
                            + " \"target\": \"sales\", \"next\": {\"type\": \"hangup\", \"cause\": 17}},"
                            + " \"closedTarget\": null, \"scheduleId\": null}}")
                    .patch("/api/v1/routing/dids/" + did)
                    .then()
                    .statusCode(200);
            as(s.admin.token(), s.tenant)
                    .post("/api/v1/routing/dids/" + did + "/webhook-secret")
                    .then()
                    .statusCode(200);
            Scenario.decide(s.tenant, "inbound", "+4930111222", number, null);
            for (String path : List.of("dids/" + did, "ivr-menus/" + menu, "schedules/" + schedule)) {
                as(s.admin.token(), s.tenant)
                        .delete("/api/v1/routing/" + path)
                        .then()
                        .statusCode(204);
            }

            List<String> expected = List.of(
                    EventTypes.ROUTING_SCHEDULE_CREATED,
                    EventTypes.ROUTING_IVR_CREATED,
                    EventTypes.ROUTING_IVR_UPDATED,
                    EventTypes.ROUTING_DID_CREATED,
                    EventTypes.ROUTING_DID_UPDATED,
                    EventTypes.ROUTING_DID_WEBHOOK_SECRET_ROTATED,
                    EventTypes.ROUTING_CALL_ROUTED,
                    EventTypes.ROUTING_DID_DELETED,
                    EventTypes.ROUTING_IVR_DELETED,
                    EventTypes.ROUTING_SCHEDULE_DELETED);
            List<Captured> emitted =
                    events.await(c -> s.tenant.equals(c.event().tenantId()), expected.size(), Duration.ofSeconds(30));
            assertThat(emitted.stream().map(c -> c.event().type()).distinct())
                    .containsExactlyInAnyOrderElementsOf(expected);
            AsyncApiContract contract = AsyncApiContract.load();
            for (Captured captured : emitted) {
                assertThat(contract.violations(captured))
                        .as("%s %s", captured.event().type(), captured.dataAsString())
                        .isEmpty();
                assertThat(captured.headers()).containsEntry("ce_source", "/switchboard/routing-service");
                assertThat(captured.dataAsString()).doesNotContain("whsec_").doesNotContain("webhookSecret\"");
            }
        }
    }
}
