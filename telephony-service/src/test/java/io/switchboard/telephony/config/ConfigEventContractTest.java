package io.switchboard.telephony.config;

import static io.switchboard.telephony.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.telephony.Fixtures;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.EventCapture.Captured;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every configuration event telephony-service emits validates against docs/asyncapi.yaml, tenant id included. */
@QuarkusTest
class ConfigEventContractTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void configurationEventsMatchTheCatalogue() {
        String tenant = Fixtures.tenant("contract", 10);
        TestUser admin = users.member(tenant, "tenant_admin");
        try (EventCapture events = EventCapture.open(Topics.TELEPHONY_EVENTS)) {
            String trunk = as(admin.token(), tenant)
                    .body(Map.of("name", "c1", "mode", "ip", "host", "192.0.2.9", "allowedIps", List.of("192.0.2.9")))
                    .post("/api/v1/trunks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            as(admin.token(), tenant)
                    .contentType("application/merge-patch+json")
                    .body(Fixtures.json(Map.of("description", "Carrier one")))
                    .patch("/api/v1/trunks/" + trunk)
                    .then()
                    .statusCode(200);
            as(admin.token(), tenant).delete("/api/v1/trunks/" + trunk).then().statusCode(204);
            String box = as(admin.token(), tenant)
                    .body(Map.of("mailbox", "6001"))
                    .post("/api/v1/voicemail-boxes")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("voicemailBox.id");
            String extension = as(admin.token(), tenant)
                    .body(Map.of("number", "6001", "voicemailBoxId", box))
                    .post("/api/v1/extensions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("extension.id");
            as(admin.token(), tenant)
                    .post("/api/v1/extensions/" + extension + "/credentials")
                    .then()
                    .statusCode(200);
            String queue = as(admin.token(), tenant)
                    .body(Map.of("name", "contract"))
                    .post("/api/v1/queues")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            as(admin.token(), tenant)
                    .contentType("application/merge-patch+json")
                    .body(Fixtures.json(Map.of("strategy", "ringall")))
                    .patch("/api/v1/queues/" + queue)
                    .then()
                    .statusCode(200);
            String member = as(admin.token(), tenant)
                    .body(Map.of("extensionId", extension))
                    .post("/api/v1/queues/" + queue + "/members")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            as(admin.token(), tenant)
                    .body(Map.of("penalty", 2))
                    .patch("/api/v1/queues/" + queue + "/members/" + member)
                    .then()
                    .statusCode(200);
            as(admin.token(), tenant)
                    .post("/api/v1/queues/" + queue + "/members/" + member + "/pause")
                    .then()
                    .statusCode(200);
            as(admin.token(), tenant)
                    .post("/api/v1/queues/" + queue + "/members/" + member + "/unpause")
                    .then()
                    .statusCode(200);
            as(admin.token(), tenant)
                    .delete("/api/v1/queues/" + queue + "/members/" + member)
                    .then()
                    .statusCode(204);
            as(admin.token(), tenant).delete("/api/v1/queues/" + queue).then().statusCode(204);
            as(admin.token(), tenant)
                    .contentType("application/merge-patch+json")
                    .body("{\"voicemailBoxId\": null}")
                    .patch("/api/v1/extensions/" + extension)
                    .then()
                    .statusCode(200);
            as(admin.token(), tenant)
                    .contentType("application/merge-patch+json")
                    .body(Fixtures.json(Map.of("fullName", "Contract box")))
                    .patch("/api/v1/voicemail-boxes/" + box)
                    .then()
                    .statusCode(200);
            as(admin.token(), tenant)
                    .delete("/api/v1/voicemail-boxes/" + box)
                    .then()
                    .statusCode(204);
            as(admin.token(), tenant)
                    .delete("/api/v1/extensions/" + extension)
                    .then()
                    .statusCode(204);

            List<String> expected = List.of(
                    EventTypes.TELEPHONY_TRUNK_CREATED,
                    EventTypes.TELEPHONY_TRUNK_UPDATED,
                    EventTypes.TELEPHONY_TRUNK_DELETED,
                    EventTypes.TELEPHONY_VOICEMAIL_CREATED,
                    EventTypes.TELEPHONY_VOICEMAIL_UPDATED,
                    EventTypes.TELEPHONY_VOICEMAIL_DELETED,
                    EventTypes.TELEPHONY_EXTENSION_CREATED,
                    EventTypes.TELEPHONY_EXTENSION_CREDENTIALS_RESET,
                    EventTypes.TELEPHONY_EXTENSION_UPDATED,
                    EventTypes.TELEPHONY_EXTENSION_DELETED,
                    EventTypes.TELEPHONY_QUEUE_CREATED,
                    EventTypes.TELEPHONY_QUEUE_UPDATED,
                    EventTypes.TELEPHONY_QUEUE_DELETED,
                    EventTypes.TELEPHONY_QUEUE_MEMBER_ADDED,
                    EventTypes.TELEPHONY_QUEUE_MEMBER_UPDATED,
                    EventTypes.TELEPHONY_QUEUE_MEMBER_PAUSED,
                    EventTypes.TELEPHONY_QUEUE_MEMBER_UNPAUSED,
                    EventTypes.TELEPHONY_QUEUE_MEMBER_REMOVED);
            events.await(c -> tenant.equals(c.event().tenantId()), expected.size(), Duration.ofSeconds(30));
            List<Captured> emitted =
                    events.matching(c -> tenant.equals(c.event().tenantId()));
            assertThat(emitted.stream().map(c -> c.event().type()).distinct())
                    .containsExactlyInAnyOrderElementsOf(expected);
            AsyncApiContract contract = AsyncApiContract.load();
            for (Captured captured : emitted) {
                assertThat(contract.violations(captured))
                        .as("%s %s", captured.event().type(), captured.dataAsString())
                        .isEmpty();
                assertThat(captured.headers()).containsEntry("ce_source", "/switchboard/telephony-service");
                assertThat(captured.dataAsString())
                        .doesNotContain("\"password\"")
                        .doesNotContain("\"pin\"");
            }
        }
    }
}
