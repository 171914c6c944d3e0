package io.switchboard.chat;

import static io.switchboard.chat.support.Fixtures.as;
import static io.switchboard.chat.support.Fixtures.visitor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.support.Chats;
import io.switchboard.chat.support.Fixtures;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@code chat.*} event, each triggered for real (REST, the sweeper's timeouts), validated with its headers against
 * docs/asyncapi.yaml; and every chat event the catalogue names is one this test saw, so the two cannot drift apart.
 */
@QuarkusTest
class ChatEventContractTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void everyChatEventIsEmittedAsTheCatalogueDescribesIt() {
        String tenant = Fixtures.tenant("chatevt");
        TestUser admin = users.member(tenant, "tenant_admin");
        TestUser alice = users.member(tenant, "agent");
        TestUser bob = users.member(tenant, "agent");
        Fixtures.Widget widget = Fixtures.widget(admin, tenant, Map.of());
        Fixtures.Widget closed = Fixtures.widget(
                admin,
                tenant,
                Map.of(
                        "businessHours",
                        Map.of("enabled", true, "source", "widget", "weekly", Map.of("monday", List.of()))));
        Fixtures.agent(admin, tenant, alice, Map.of("displayName", "Alice", "availability", "online"));
        Fixtures.agent(admin, tenant, bob, Map.of("displayName", "Bob", "availability", "offline"));

        try (EventCapture events = EventCapture.open(Topics.CHAT_EVENTS)) {
            // a chat with Alice: started, assigned, messages; three transfers to Bob (rejected, expired, accepted)
            Visit chat = Fixtures.start(widget.key(), "Carla");
            String session = chat.sessionId();
            visitor()
                    .header("X-Chat-Token", chat.token())
                    .body(Map.of("body", "Hello"))
                    .post("/api/v1/chat/public/sessions/" + session + "/messages")
                    .then()
                    .statusCode(201);
            Fixtures.availability(alice, tenant, "away"); // the next chats wait in the queue
            String rejected = transfer(alice, tenant, session, bob);
            as(bob, tenant)
                    .post("/api/v1/chat/transfers/" + rejected + "/reject")
                    .then()
                    .statusCode(200);
            String expired = transfer(alice, tenant, session, bob);
            Awaitility.await("the transfer's timeout")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> "expired"
                            .equals(as(admin, tenant)
                                    .get("/api/v1/chat/transfers/" + expired)
                                    .then()
                                    .extract()
                                    .path("status")));
            String accepted = transfer(alice, tenant, session, bob);
            as(bob, tenant)
                    .post("/api/v1/chat/transfers/" + accepted + "/accept")
                    .then()
                    .statusCode(200);
            as(bob, tenant)
                    .body(Map.of("body", "Bob here"))
                    .post("/api/v1/chat/sessions/" + session + "/messages")
                    .then()
                    .statusCode(201);
            as(bob, tenant)
                    .post("/api/v1/chat/sessions/" + session + "/end")
                    .then()
                    .statusCode(200);
            visitor()
                    .header("X-Chat-Token", chat.token())
                    .body(Map.of("rating", 5, "comment", "Great"))
                    .post("/api/v1/chat/public/sessions/" + session + "/rating")
                    .then()
                    .statusCode(201);
            as(bob, tenant)
                    .body(Map.of("subject", "Follow up"))
                    .post("/api/v1/chat/sessions/" + session + "/ticket")
                    .then()
                    .statusCode(202);

            // a visitor who leaves while queued
            Visit left = Fixtures.start(widget.key(), "Dora");
            visitor()
                    .header("X-Chat-Token", left.token())
                    .post("/api/v1/chat/public/sessions/" + left.sessionId() + "/end")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("abandoned"));

            // a visitor who waits past the queue timeout (10 minutes): moved back in time, the sweeper times it out
            Visit waiting = Fixtures.start(widget.key(), "Emil");
            Chats.sql(
                    tenant,
                    "update chat_session set queued_at = queued_at - interval '11 minutes' where id = ?",
                    UUID.fromString(waiting.sessionId()));

            // the offline form of a closed widget
            visitor()
                    .body(Map.of("email", "olga@example.com", "message", "Call me"))
                    .post("/api/v1/chat/public/widgets/" + closed.key() + "/offline-messages")
                    .then()
                    .statusCode(202);

            Set<String> expected = new TreeSet<>(List.of(
                    EventTypes.CHAT_SESSION_STARTED,
                    EventTypes.CHAT_SESSION_ASSIGNED,
                    EventTypes.CHAT_SESSION_ENDED,
                    EventTypes.CHAT_SESSION_ABANDONED,
                    EventTypes.CHAT_SESSION_OFFLINE_MESSAGE,
                    EventTypes.CHAT_SESSION_RATED,
                    EventTypes.CHAT_SESSION_TICKET_REQUESTED,
                    EventTypes.CHAT_MESSAGE_CREATED,
                    EventTypes.CHAT_TRANSFER_REQUESTED,
                    EventTypes.CHAT_TRANSFER_ACCEPTED,
                    EventTypes.CHAT_TRANSFER_REJECTED,
                    EventTypes.CHAT_TRANSFER_EXPIRED));
            Awaitility.await("every chat event")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> offlineMessages(events, tenant) == 2
                            && types(events, tenant).containsAll(expected));

            List<Captured> emitted =
                    events.matching(c -> tenant.equals(c.event().tenantId()));
            assertThat(types(events, tenant)).isEqualTo(expected);
            AsyncApiContract contract = AsyncApiContract.load();
            for (Captured c : emitted) {
                assertThat(contract.violations(c))
                        .as("%s %s", c.event().type(), c.dataAsString())
                        .isEmpty();
                assertThat(c.headers()).containsEntry("ce_source", "/switchboard/chat-service");
            }
            assertThat(contract.eventTypes().stream().filter(t -> t.startsWith("chat.")))
                    .as("the catalogue's chat events are exactly the ones emitted here")
                    .containsExactlyInAnyOrderElementsOf(expected);

            // one conversation's events are keyed by its session, in order
            List<String> ofChat = emitted.stream()
                    .filter(c -> session.equals(c.key()))
                    .map(c -> c.event().type())
                    .toList();
            assertThat(ofChat.getFirst()).isEqualTo(EventTypes.CHAT_SESSION_STARTED);
            assertThat(ofChat.subList(ofChat.indexOf(EventTypes.CHAT_SESSION_ENDED), ofChat.size()))
                    .containsExactly(
                            EventTypes.CHAT_SESSION_ENDED,
                            EventTypes.CHAT_SESSION_RATED,
                            EventTypes.CHAT_SESSION_TICKET_REQUESTED);
            assertThat(ofChat)
                    .containsSubsequence(
                            EventTypes.CHAT_TRANSFER_REQUESTED,
                            EventTypes.CHAT_TRANSFER_REJECTED,
                            EventTypes.CHAT_TRANSFER_REQUESTED,
                            EventTypes.CHAT_TRANSFER_EXPIRED,
                            EventTypes.CHAT_TRANSFER_REQUESTED,
                            EventTypes.CHAT_TRANSFER_ACCEPTED);
            // bodies only where documented: the offline messages and the ticket request
            for (Captured c : emitted) {
                boolean carriesText = c.event().type().equals(EventTypes.CHAT_SESSION_OFFLINE_MESSAGE)
                        || c.event().type().equals(EventTypes.CHAT_SESSION_TICKET_REQUESTED);
                assertThat(c.dataAsString().contains("Bob here"))
                        .as("%s carries a message body", c.event().type())
                        .isEqualTo(c.event().type().equals(EventTypes.CHAT_SESSION_TICKET_REQUESTED));
                if (!carriesText) {
                    assertThat(c.dataAsString()).doesNotContain("Hello").doesNotContain("Call me");
                }
            }
            // the check is not vacuous: a drifted rating or transcript is refused
            Captured rated = emitted.stream()
                    .filter(c -> c.event().type().equals(EventTypes.CHAT_SESSION_RATED))
                    .findFirst()
                    .orElseThrow();
            assertThat(contract.violations(drifted(rated, "\"rating\":5", "\"rating\":6")))
                    .isNotEmpty();
            Captured ticket = emitted.stream()
                    .filter(c -> c.event().type().equals(EventTypes.CHAT_SESSION_TICKET_REQUESTED))
                    .findFirst()
                    .orElseThrow();
            assertThat(contract.violations(drifted(ticket, "\"sentAt\"", "\"at\"")))
                    .isNotEmpty();
            Captured timedOut = events.matching(c -> waiting.sessionId().equals(c.key())
                            && c.event().type().equals(EventTypes.CHAT_SESSION_OFFLINE_MESSAGE))
                    .getFirst();
            assertThat(timedOut.dataAsString()).contains("\"reason\":\"queue_timeout\"");
        }
    }

    /** The captured event with a part of its data replaced. */
    private static Captured drifted(Captured c, String from, String to) {
        String data = c.dataAsString();
        assertThat(data).contains(from);
        var e = c.event();
        return new Captured(
                new io.switchboard.commons.events.DomainEvent(
                        e.id(),
                        e.type(),
                        e.source(),
                        e.time(),
                        e.subject(),
                        e.tenantId(),
                        e.actor(),
                        e.clientIp(),
                        e.traceparent(),
                        data.replace(from, to).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                c.key(),
                c.partition(),
                c.offset(),
                c.headers());
    }

    private static String transfer(TestUser from, String tenant, String session, TestUser to) {
        return as(from, tenant)
                .body(Map.of("toAgentId", to.id(), "reason", "billing"))
                .post("/api/v1/chat/sessions/" + session + "/transfers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static Set<String> types(EventCapture events, String tenant) {
        return events.matching(c -> tenant.equals(c.event().tenantId())).stream()
                .map(c -> c.event().type())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static long offlineMessages(EventCapture events, String tenant) {
        return events.matching(c -> tenant.equals(c.event().tenantId())
                        && c.event().type().equals(EventTypes.CHAT_SESSION_OFFLINE_MESSAGE))
                .size();
    }
}
