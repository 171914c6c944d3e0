package io.switchboard.chat.ticket;

import static io.switchboard.chat.support.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.support.Chats;
import io.switchboard.chat.support.Fixtures;
import io.switchboard.chat.support.Fixtures.Team;
import io.switchboard.chat.support.Fixtures.Visit;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
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

/** An agent turns a chat into a ticket request: the event helpdesk-service consumes, with the transcript. */
@QuarkusTest
class TicketRequestTest {

    private static final TestUsers users = new TestUsers();
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void theSessionsAgentAsksForATicketAndTheTranscriptGoesOutInTheEvent() throws Exception {
        Team t = Team.of(users, "ticket");
        Fixtures.Widget widget = Fixtures.widget(t.admin(), t.tenant(), Map.of());
        Visit visit = Chats.ended(t, widget, "Carla");
        String path = "/api/v1/chat/sessions/" + visit.sessionId() + "/ticket";
        try (EventCapture events = EventCapture.open(Topics.CHAT_EVENTS)) {
            String id = as(t.agent(), t.tenant())
                    .body(Map.of("subject", "  Late parcel  "))
                    .post(path)
                    .then()
                    .statusCode(202)
                    .body("sessionId", equalTo(visit.sessionId()))
                    .extract()
                    .path("id");
            // without a body too: no subject, the helpdesk makes one
            String second = as(t.admin(), t.tenant())
                    .post(path)
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("id");
            assertThat(second).isNotEqualTo(id);

            List<Captured> requested = events.await(
                    c -> t.tenant().equals(c.event().tenantId())
                            && c.event().type().equals(EventTypes.CHAT_SESSION_TICKET_REQUESTED),
                    2,
                    Duration.ofSeconds(20));
            JsonNode data = JSON.readTree(requested.get(0).dataAsString());
            assertThat(requested.get(0).key()).isEqualTo(visit.sessionId());
            assertThat(data.path("id").asText()).isEqualTo(id);
            assertThat(data.path("sessionId").asText()).isEqualTo(visit.sessionId());
            assertThat(data.path("widgetId").asText()).isEqualTo(widget.id());
            assertThat(data.path("visitor").path("name").asText()).isEqualTo("Carla");
            assertThat(data.path("visitor").has("email")).isTrue();
            assertThat(data.path("requestedBy").asText()).isEqualTo(t.agent().id());
            assertThat(data.path("subject").asText()).isEqualTo("Late parcel");
            List<String> lines = JSON.convertValue(data.path("transcript"), List.class).stream()
                    .map(l -> ((Map<?, ?>) l).get("senderType") + ":" + ((Map<?, ?>) l).get("body"))
                    .toList();
            assertThat(lines)
                    .containsExactly(
                            "system:Alice joined the chat",
                            "visitor:My parcel is late",
                            "agent:Let me check",
                            "system:The chat has ended");
            assertThat(data.path("transcript").get(1).path("senderName").asText())
                    .isEqualTo("Carla");
            assertThat(data.path("transcript").get(2).path("seq").asLong()).isEqualTo(3);
            assertThat(data.path("transcript").get(2).path("sentAt").asText()).isNotBlank();
            JsonNode withoutSubject = JSON.readTree(requested.get(1).dataAsString());
            assertThat(withoutSubject.path("subject").isNull()).isTrue();
            assertThat(withoutSubject.path("requestedBy").asText())
                    .isEqualTo(t.admin().id());
            for (Captured c : requested) {
                assertThat(AsyncApiContract.load().violations(c))
                        .as(c.dataAsString())
                        .isEmpty();
            }
        }
    }

    @Test
    void onlyTheSessionsAgentOrChatsManageAndNeverAnotherTenant() {
        Team t = Team.of(users, "ticketacl");
        Fixtures.Widget widget = Fixtures.widget(t.admin(), t.tenant(), Map.of());
        Visit visit = Chats.active(t, widget, "Dora");
        String path = "/api/v1/chat/sessions/" + visit.sessionId() + "/ticket";
        TestUser otherAgent = users.member(t.tenant(), "agent");
        as(otherAgent, t.tenant()).post(path).then().statusCode(403);
        as(t.supervisor(), t.tenant()).post(path).then().statusCode(403); // agents:manage, not chats:manage
        as(t.viewer(), t.tenant()).post(path).then().statusCode(403);
        io.restassured.RestAssured.given().post(path).then().statusCode(401);
        as(t.agent(), t.tenant())
                .body(Map.of("subject", "x".repeat(TicketRequestResource.MAX_SUBJECT + 1)))
                .post(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("subject"));
        // during the chat too
        as(t.agent(), t.tenant()).post(path).then().statusCode(202);

        Team b = Team.of(users, "ticketb");
        as(b.admin(), b.tenant()).post(path).then().statusCode(404);
        as(b.admin(), b.tenant())
                .post("/api/v1/chat/sessions/" + java.util.UUID.randomUUID() + "/ticket")
                .then()
                .statusCode(404);
    }
}
