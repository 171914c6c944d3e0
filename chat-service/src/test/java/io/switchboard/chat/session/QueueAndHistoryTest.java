package io.switchboard.chat.session;

import static io.switchboard.chat.support.Fixtures.as;
import static io.switchboard.chat.support.Fixtures.visitor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.support.ChatSocket;
import io.switchboard.chat.support.Chats;
import io.switchboard.chat.support.Fixtures;
import io.switchboard.chat.support.Fixtures.Team;
import io.switchboard.chat.support.Fixtures.Visit;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.TestUsers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The waiting visitor's view of the queue (position and estimated wait, live on the socket), the queue timeout that
 * turns a forgotten visitor into an offline message, and a contact's history by e-mail.
 */
@QuarkusTest
class QueueAndHistoryTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    private static Visit start(String key, String name, String email, String message, String visitorId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "email", email));
        if (message != null) {
            body.put("message", message);
        }
        if (visitorId != null) {
            body.put("visitorId", visitorId);
        }
        var response = visitor()
                .body(body)
                .post("/api/v1/chat/public/widgets/" + key + "/sessions")
                .then()
                .statusCode(201)
                .extract();
        return new Visit(response.path("session.id"), response.path("token"), response.path("session.visitorId"));
    }

    @Test
    void waitingVisitorsSeeTheirPlaceAndEstimatedWaitAndMoveUpLive() {
        Team t = Team.of(users, "queuepos");
        Fixtures.Widget widget = Fixtures.widget(t.admin(), t.tenant(), Map.of());
        // no agent online and no ended chat yet: each place ahead counts the default handle time, 5 minutes
        Visit uma = Fixtures.start(widget.key(), "Uma");
        Visit vic = Fixtures.start(widget.key(), "Vic");
        visitor()
                .header(VisitorResource.TOKEN_HEADER, uma.token())
                .get("/api/v1/chat/public/sessions/" + uma.sessionId())
                .then()
                .body("queue.position", equalTo(1))
                .body("queue.estimatedWaitSeconds", equalTo(300));
        visitor()
                .header(VisitorResource.TOKEN_HEADER, vic.token())
                .get("/api/v1/chat/public/sessions/" + vic.sessionId())
                .then()
                .body("queue.position", equalTo(2))
                .body("queue.estimatedWaitSeconds", equalTo(600));
        try (ChatSocket socket = Fixtures.visitorSocket(vic, 0)) {
            visitor()
                    .header(VisitorResource.TOKEN_HEADER, uma.token())
                    .post("/api/v1/chat/public/sessions/" + uma.sessionId() + "/end")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("abandoned"));
            socket.await(
                    "queue.position",
                    f -> f.path("position").asInt() == 1
                            && f.path("estimatedWaitSeconds").asLong() == 300);
            // an agent with room for two comes online: Vic is served, the queue is empty
            Fixtures.agent(
                    t.supervisor(),
                    t.tenant(),
                    t.agent(),
                    Map.of("displayName", "Alice", "availability", "online", "maxConcurrentChats", 2));
            socket.await("agent.joined");
        }
        as(t.agent(), t.tenant()).get("/api/v1/chat/queue").then().body("size()", equalTo(0));
    }

    @Test
    void aVisitorWhoWaitsPastTheQueueTimeoutBecomesAnOfflineMessage() {
        Team t = Team.of(users, "queuetimeout");
        Fixtures.Widget widget = Fixtures.widget(t.admin(), t.tenant(), Map.of());
        Visit ivy = start(widget.key(), "Ivy", "ivy@example.com", "Is anyone there?", null);
        try (ChatSocket socket = Fixtures.visitorSocket(ivy, 0);
                EventCapture events = EventCapture.open(Topics.CHAT_EVENTS)) {
            // ten minutes is the queue timeout: the session started eleven minutes ago as far as the sweeper knows
            Chats.sql(
                    t.tenant(),
                    "update chat_session set queued_at = queued_at - interval '11 minutes' where id = ?",
                    UUID.fromString(ivy.sessionId()));
            var ended = socket.await("session.ended");
            assertThat(ended.path("reason").asText()).isEqualTo("queue_timeout");
            var offline = events.awaitOne(
                    c -> ivy.sessionId().equals(c.key())
                            && c.event().type().equals(EventTypes.CHAT_SESSION_OFFLINE_MESSAGE),
                    Duration.ofSeconds(20));
            assertThat(offline.dataAsString())
                    .contains("\"reason\":\"queue_timeout\"")
                    .contains("Is anyone there?")
                    .contains("ivy@example.com");
        }
        as(t.supervisor(), t.tenant())
                .get("/api/v1/chat/sessions/" + ivy.sessionId())
                .then()
                .body("status", equalTo("ended"))
                .body("endReason", equalTo("queue_timeout"))
                .body("assignedTo", nullValue())
                .body("queue", nullValue());
        as(t.supervisor(), t.tenant())
                .get("/api/v1/chat/reports")
                .then()
                .body("total.sessions", equalTo(1))
                .body("total.answered", equalTo(0))
                .body("total.offlineMessages", equalTo(1));
    }

    @Test
    void aContactsHistoryByEmailAcrossBrowsersAndWidgetsOfTheTenantOnly() {
        Team t = Team.of(users, "history");
        Fixtures.Widget shop = Fixtures.widget(t.admin(), t.tenant(), Map.of());
        Fixtures.Widget help = Fixtures.widget(t.admin(), t.tenant(), Map.of());
        Visit first = start(shop.key(), "Carla", "Carla@Example.com", null, null);
        Visit second = start(help.key(), "Carla", "carla@example.com", null, null); // another browser
        Visit again = start(shop.key(), "Carla", "carla@example.com", null, first.visitorId());
        start(shop.key(), "Dan", "dan@example.com", null, null);
        assertThat(second.visitorId()).isNotEqualTo(first.visitorId());

        List<String> ids = as(t.agent(), t.tenant())
                .queryParam("visitorEmail", " CARLA@example.com ")
                .get("/api/v1/chat/sessions")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(3))
                .extract()
                .path("items.id");
        assertThat(ids).containsExactly(again.sessionId(), second.sessionId(), first.sessionId());
        as(t.agent(), t.tenant())
                .queryParam("visitorEmail", "carla@example.com")
                .queryParam("widget", help.id())
                .get("/api/v1/chat/sessions")
                .then()
                .body("items.id", equalTo(List.of(second.sessionId())));
        as(t.agent(), t.tenant())
                .queryParam("visitorEmail", "not-an-address")
                .get("/api/v1/chat/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("visitorEmail"));

        Team b = Team.of(users, "historyb");
        Fixtures.Widget theirs = Fixtures.widget(b.admin(), b.tenant(), Map.of());
        Visit carlaAtB = start(theirs.key(), "Carla", "carla@example.com", null, null);
        as(b.agent(), b.tenant())
                .queryParam("visitorEmail", "carla@example.com")
                .get("/api/v1/chat/sessions")
                .then()
                .body("items.id", equalTo(List.of(carlaAtB.sessionId())));
    }
}
