package io.switchboard.chat.session;

import static io.switchboard.chat.support.Fixtures.as;
import static io.switchboard.chat.support.Fixtures.visitor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.support.ChatSocket;
import io.switchboard.chat.support.Fixtures;
import io.switchboard.chat.support.Fixtures.Team;
import io.switchboard.chat.support.Fixtures.Visit;
import io.switchboard.chat.support.Fixtures.Widget;
import io.switchboard.testing.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The seed's chat flow over real sockets, the Origin and IP rules, resuming, and tenant isolation. */
@QuarkusTest
class ChatFlowTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void visitorIsQueuedAgentGoesOnlineAndTheyChatUntilTheAgentEndsIt() {
        Team t = Team.of(users, "flow");
        Widget widget = Fixtures.widget(t.admin(), t.tenant(), Map.of());
        Fixtures.agent(t.supervisor(), t.tenant(), t.agent(), Map.of("displayName", "Alice", "maxConcurrentChats", 2));

        Visit visit = Fixtures.start(widget.key(), "Carla");
        visitor()
                .header(VisitorResource.TOKEN_HEADER, visit.token())
                .get("/api/v1/chat/public/sessions/" + visit.sessionId())
                .then()
                .statusCode(200)
                .body("status", equalTo("queued"))
                .body("queue.position", equalTo(1))
                .body("visitor.name", equalTo("Carla"))
                .body("visitor.currentUrl", equalTo(Fixtures.ORIGIN + "/cart"));

        try (ChatSocket carla = Fixtures.visitorSocket(visit, 0);
                ChatSocket alice = Fixtures.agentSocket(t.agent(), t.tenant())) {
            Fixtures.availability(t.agent(), t.tenant(), "online");
            alice.await("session.assigned", f -> f.path("sessionId").asText().equals(visit.sessionId()));
            JsonNode joined = carla.await("agent.joined");
            assertThat(joined.path("agent").path("name").asText()).isEqualTo("Alice");

            carla.send(Map.of("type", "typing.start"));
            alice.await("typing.start", f -> f.path("by").asText().equals("visitor"));
            carla.send(Map.of("type", "message.send", "body", "Where is my order?", "clientMessageId", "c-1"));
            JsonNode question = alice.await(
                    "message.new", f -> f.path("message").path("body").asText().equals("Where is my order?"));
            carla.send(Map.of("type", "typing.stop"));
            alice.await("typing.stop");

            alice.send(Map.of("type", "message.read", "sessionId", visit.sessionId(), "upToSeq", question.path("seq")));
            carla.await("message.read", f -> f.path("by").asText().equals("agent"));
            alice.send(Map.of("type", "typing.start", "sessionId", visit.sessionId()));
            carla.await("typing.start", f -> f.path("name").asText().equals("Alice"));
            alice.send(Map.of(
                    "type",
                    "message.send",
                    "sessionId",
                    visit.sessionId(),
                    "body",
                    "On its way",
                    "clientMessageId",
                    "a-1"));
            JsonNode answer = carla.await(
                    "message.new", f -> f.path("message").path("body").asText().equals("On its way"));
            assertThat(answer.path("message").path("senderName").asText()).isEqualTo("Alice");
            carla.send(Map.of("type", "message.read", "upToSeq", answer.path("seq")));
            alice.await("message.read", f -> f.path("by").asText().equals("visitor"));

            // a retried send with the same client id is one message
            carla.send(Map.of("type", "message.send", "body", "Where is my order?", "clientMessageId", "c-1"));
            as(t.agent(), t.tenant())
                    .post("/api/v1/chat/sessions/" + visit.sessionId() + "/end")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("ended"))
                    .body("endReason", equalTo("agent"));
            carla.await("session.ended");
            alice.await("session.ended");

            List<Map<String, Object>> history = as(t.agent(), t.tenant())
                    .get("/api/v1/chat/sessions/" + visit.sessionId() + "/messages")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("");
            assertThat(history)
                    .extracting(m -> m.get("body"))
                    .containsExactly("Alice joined the chat", "Where is my order?", "On its way", "The chat has ended");
            assertThat(history)
                    .extracting(m -> ((Number) m.get("seq")).longValue())
                    .containsExactly(1L, 2L, 3L, 4L);
            assertThat(history.get(1).get("read")).isEqualTo(true);
            assertThat(history.get(2).get("read")).isEqualTo(true);
            assertThat(carla.seqs()).containsExactly(1L, 2L, 3L, 4L);
        }
        as(t.supervisor(), t.tenant())
                .get("/api/v1/chat/sessions/" + visit.sessionId())
                .then()
                .statusCode(200)
                .body("startedAt", org.hamcrest.Matchers.notNullValue())
                .body("firstResponseSeconds", org.hamcrest.Matchers.notNullValue())
                .body("durationSeconds", org.hamcrest.Matchers.notNullValue())
                .body("queue", nullValue());
        as(t.agent(), t.tenant()).get("/api/v1/chat/agents/me").then().body("currentChats", equalTo(0));
        as(t.agent(), t.tenant())
                .get("/api/v1/chat/visitors/" + visit.visitorId() + "/sessions")
                .then()
                .body("items.id", equalTo(List.of(visit.sessionId())));
    }

    @Test
    void pagesOnOtherDomainsAndAddressesOutsideTheAllowListAreRefused() {
        Team t = Team.of(users, "lock");
        Widget widget = Fixtures.widget(
                t.admin(),
                t.tenant(),
                Map.of(
                        "allowedDomains",
                        List.of("example.com", "*.example.com"),
                        "ipAllowList",
                        List.of("203.0.113.0/24")));
        String start = "/api/v1/chat/public/widgets/" + widget.key() + "/sessions";
        Map<String, Object> body = Map.of("name", "Eve");
        visitor()
                .header("X-Forwarded-For", "198.51.100.7")
                .body(body)
                .post(start)
                .then()
                .statusCode(403)
                .body("reason", equalTo("ip_not_allowed"))
                .body("detail", equalTo("The widget does not accept visitors from 198.51.100.7"));
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .header("Origin", "https://evil.test")
                .header("X-Forwarded-For", "203.0.113.9")
                .body(body)
                .post(start)
                .then()
                .statusCode(403)
                .body("reason", equalTo("origin_not_allowed"))
                .body("detail", equalTo("The widget is not allowed on https://evil.test"));
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .header("Origin", "https://notexample.com")
                .header("X-Forwarded-For", "203.0.113.9")
                .body(body)
                .post(start)
                .then()
                .statusCode(403);
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .header("X-Forwarded-For", "203.0.113.9")
                .body(body)
                .post(start)
                .then()
                .statusCode(403);
        Map<String, Object> visit = visitor()
                .header("X-Forwarded-For", "203.0.113.9")
                .body(body)
                .post(start)
                .then()
                .statusCode(201)
                .extract()
                .path("");
        String token = (String) visit.get("token");
        String ws = Fixtures.wsBase() + "/api/v1/chat/ws/visitor?token=" + token;
        assertThat(ChatSocket.refusal(ws, Map.of("Origin", "https://evil.test", "X-Forwarded-For", "203.0.113.9")))
                .as("a socket from another origin")
                .isEqualTo(403);
        assertThat(ChatSocket.refusal(ws, Map.of("Origin", "https://example.com", "X-Forwarded-For", "198.51.100.7")))
                .as("a socket from another address")
                .isEqualTo(403);
        assertThat(ChatSocket.refusal(
                        ws + "x", Map.of("Origin", "https://example.com", "X-Forwarded-For", "203.0.113.9")))
                .as("a forged token")
                .isEqualTo(401);
        assertThat(ChatSocket.refusal(ws, Map.of("Origin", "https://example.com", "X-Forwarded-For", "203.0.113.9")))
                .isEqualTo(101);
    }

    @Test
    void aDroppedVisitorResumesWithoutLosingOrRepeatingMessages() {
        Team t = Team.of(users, "resume");
        Widget widget = Fixtures.widget(t.admin(), t.tenant(), Map.of());
        Fixtures.agent(t.supervisor(), t.tenant(), t.agent(), Map.of("availability", "online"));
        Visit visit = Fixtures.start(widget.key(), "Rita");
        String messages = "/api/v1/chat/sessions/" + visit.sessionId() + "/messages";
        ChatSocket first = Fixtures.visitorSocket(visit, 0);
        for (int i = 1; i <= 3; i++) {
            as(t.agent(), t.tenant())
                    .body(Map.of("body", "before " + i))
                    .post(messages)
                    .then()
                    .statusCode(201);
        }
        first.await("message.new", f -> f.path("message").path("body").asText().equals("before 3"));
        long lastSeen = first.seqs().getLast();
        first.drop();
        for (int i = 1; i <= 3; i++) {
            as(t.agent(), t.tenant())
                    .body(Map.of("body", "while away " + i))
                    .post(messages)
                    .then()
                    .statusCode(201);
        }
        try (ChatSocket second = Fixtures.visitorSocket(visit, lastSeen)) {
            for (int i = 1; i <= 2; i++) {
                as(t.agent(), t.tenant())
                        .body(Map.of("body", "after " + i))
                        .post(messages)
                        .then()
                        .statusCode(201);
            }
            second.await(
                    "message.new", f -> f.path("message").path("body").asText().equals("after 2"));
            List<String> bodies = second.frames("message.new").stream()
                    .map(f -> f.path("message").path("body").asText())
                    .toList();
            assertThat(bodies).containsExactly("while away 1", "while away 2", "while away 3", "after 1", "after 2");
            List<Long> seqs = second.seqs();
            assertThat(seqs).doesNotHaveDuplicates().isSorted().first().isEqualTo(lastSeen + 1);
        }
    }

    @Test
    void tenantsSeeNeitherEachOthersWidgetsSessionsMessagesNorSocketEvents() {
        Team a = Team.of(users, "isoa");
        Team b = Team.of(users, "isob");
        Widget widgetB = Fixtures.widget(b.admin(), b.tenant(), Map.of());
        Fixtures.agent(b.supervisor(), b.tenant(), b.agent(), Map.of("availability", "online"));
        Fixtures.agent(a.supervisor(), a.tenant(), a.agent(), Map.of("availability", "online"));
        try (ChatSocket aliceA = Fixtures.agentSocket(a.agent(), a.tenant());
                ChatSocket bobB = Fixtures.agentSocket(b.agent(), b.tenant())) {
            Visit visitB = Fixtures.start(widgetB.key(), "Bea");
            bobB.await("session.assigned");
            visitor()
                    .header(VisitorResource.TOKEN_HEADER, visitB.token())
                    .body(Map.of("body", "secret of B"))
                    .post("/api/v1/chat/public/sessions/" + visitB.sessionId() + "/messages")
                    .then()
                    .statusCode(201);
            bobB.await(
                    "message.new", f -> f.path("message").path("body").asText().equals("secret of B"));

            for (String path : List.of(
                    "widgets/" + widgetB.id(),
                    "widgets/" + widgetB.id() + "/embed-code",
                    "sessions/" + visitB.sessionId(),
                    "sessions/" + visitB.sessionId() + "/messages",
                    "agents/" + b.agent().id())) {
                as(a.admin(), a.tenant()).get("/api/v1/chat/" + path).then().statusCode(404);
            }
            as(a.admin(), a.tenant())
                    .body(Map.of("body", "hi"))
                    .post("/api/v1/chat/sessions/" + visitB.sessionId() + "/messages")
                    .then()
                    .statusCode(404);
            as(a.admin(), a.tenant())
                    .post("/api/v1/chat/sessions/" + visitB.sessionId() + "/end")
                    .then()
                    .statusCode(404);
            as(a.admin(), a.tenant()).get("/api/v1/chat/sessions").then().body("totalItems", equalTo(0));
            as(a.admin(), a.tenant()).get("/api/v1/chat/widgets").then().body("totalItems", equalTo(0));
            // the same user id in another tenant does not make B's frames A's: A's socket got nothing of B
            assertThat(aliceA.frames()).extracting(f -> f.path("type").asText()).containsOnly("ready");
        }
    }
}
