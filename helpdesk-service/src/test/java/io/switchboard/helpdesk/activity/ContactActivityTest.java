package io.switchboard.helpdesk.activity;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.helpdesk.support.ChannelEvents;
import io.switchboard.helpdesk.support.Fixtures.Team;
import io.switchboard.testing.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The contacts' chats and calls from real CloudEvents on chat.events and telephony.events: the timeline, tickets from
 * a call or a chat in one request, tickets from offline messages and chat ticket requests, once each.
 */
@QuarkusTest
class ContactActivityTest {

    private static final TestUsers users = new TestUsers();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @AfterAll
    static void cleanup() {
        users.close();
    }

    static Map<String, Object> session(String id, Map<String, Object> visitor, String status, Instant queuedAt) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("widgetId", UUID.randomUUID().toString());
        s.put("visitorId", UUID.randomUUID().toString());
        s.put("status", status);
        s.put("visitor", visitor);
        s.put("skills", List.of());
        s.put("queuedAt", queuedAt.toString());
        s.put("lastSeq", 0);
        s.put("createdAt", queuedAt.toString());
        s.put("updatedAt", queuedAt.toString());
        s.put("version", 0);
        return s;
    }

    static Map<String, Object> call(String id, String from, String to, String status, Instant startedAt) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("channelId", "chan-" + id);
        c.put("direction", "inbound");
        c.put("callerNumber", from);
        c.put("callerName", "Carl Caller");
        c.put("calledNumber", to);
        c.put("status", status);
        c.put("recorded", false);
        c.put("startedAt", startedAt.toString());
        return c;
    }

    /**
     * Waits until the consumers of chat.events and telephony.events listen (tests read from the latest offset): sends
     * a chat and a call of new contacts until both contacts exist.
     */
    static void awaitListening(Team t) {
        // each poll sends a new probe and looks for any probe sent so far: one sent before the consumers listened is
        // never read, a later one is
        java.util.List<String[]> probes = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    String probe = UUID.randomUUID().toString();
                    String email = "probe." + probe.substring(0, 8) + "@example.com";
                    String phone = "+4930" + (10_000_000 + (int) (Math.random() * 89_999_999));
                    ChannelEvents.chat(
                            EventTypes.CHAT_SESSION_STARTED,
                            t.tenant(),
                            probe,
                            session(probe, Map.of("email", email), "queued", Instant.now()),
                            event());
                    ChannelEvents.telephony(
                            EventTypes.TELEPHONY_CALL_STARTED,
                            t.tenant(),
                            probe,
                            call(probe, phone, "+4930999999", "started", Instant.now()),
                            event());
                    probes.add(new String[] {email, phone});
                    return probes.stream().anyMatch(sent -> found(t, "email", sent[0]))
                            && probes.stream().anyMatch(sent -> found(t, "q", sent[1]));
                });
    }

    static boolean found(Team t, String param, String value) {
        return as(t.agent(), t.tenant())
                        .queryParam(param, value)
                        .get("/api/v1/contacts")
                        .then()
                        .extract()
                        .jsonPath()
                        .getInt("totalItems")
                > 0;
    }

    static String event() {
        return UUID.randomUUID().toString();
    }

    static List<Map<String, Object>> timeline(Team t, String contact, int page, int size) {
        return as(t.agent(), t.tenant())
                .queryParam("page", page)
                .queryParam("size", size)
                .get("/api/v1/contacts/" + contact + "/timeline")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
    }

    @Test
    void chatsAndCallsJoinTheContactsTimelineAndOpenTickets() {
        Team t = Team.of(users, "act");
        String tenant = t.tenant();
        awaitListening(t);
        String email = "vera." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String phone = "+493012345678";
        String contact = as(t.agent(), tenant)
                .body(Map.of(
                        "name", "Vera Visitor", "emails", List.of(Map.of("address", email)), "phones", List.of(phone)))
                .post("/api/v1/contacts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        String sessionId = UUID.randomUUID().toString();
        Map<String, Object> visitor = new LinkedHashMap<>();
        visitor.put("name", "Vera Visitor");
        visitor.put("email", email.toUpperCase());
        visitor.put("phone", null);
        Map<String, Object> chat = session(sessionId, visitor, "queued", now.minus(Duration.ofHours(2)));
        ChannelEvents.chat(EventTypes.CHAT_SESSION_STARTED, tenant, sessionId, chat, event());
        chat.put("status", "active");
        chat.put("assignedTo", t.agent().id());
        chat.put("assignedName", "Agent Smith");
        chat.put("startedAt", now.minus(Duration.ofHours(2)).plusSeconds(30).toString());
        chat.put("how", "automatic");
        chat.put("previousAgentId", null);
        ChannelEvents.chat(EventTypes.CHAT_SESSION_ASSIGNED, tenant, sessionId, chat, event());
        chat.remove("how");
        chat.remove("previousAgentId");
        chat.put("status", "ended");
        chat.put("endedAt", now.minus(Duration.ofHours(2)).plusSeconds(330).toString());
        chat.put("durationSeconds", 300);
        chat.put("endedBy", "agent");
        String ended = event();
        ChannelEvents.chat(EventTypes.CHAT_SESSION_ENDED, tenant, sessionId, chat, ended);
        ChannelEvents.chat(EventTypes.CHAT_SESSION_ENDED, tenant, sessionId, chat, ended); // redelivered

        String callId = UUID.randomUUID().toString();
        Map<String, Object> call = call(callId, phone, "+4930999999", "started", now.minus(Duration.ofHours(1)));
        ChannelEvents.telephony(EventTypes.TELEPHONY_CALL_STARTED, tenant, callId, call, event());
        call.put("status", "answered");
        call.put("answeredAt", now.minus(Duration.ofHours(1)).plusSeconds(5).toString());
        call.put("answeredBy", tenant + "_101");
        ChannelEvents.telephony(EventTypes.TELEPHONY_CALL_ANSWERED, tenant, callId, call, event());
        call.put("status", "ended");
        call.put("endedAt", now.minus(Duration.ofHours(1)).plusSeconds(130).toString());
        call.put("durationSeconds", 125);
        call.put("disposition", "answered");
        ChannelEvents.telephony(EventTypes.TELEPHONY_CALL_ENDED, tenant, callId, call, event());

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(timeline(t, contact, 0, 20))
                        .extracting(i -> i.get("kind") + ":" + i.get("status"))
                        .containsExactly("call:ended", "chat:ended"));
        List<Map<String, Object>> items = timeline(t, contact, 0, 20);
        assertThat(items.get(0))
                .containsEntry("id", callId)
                .containsEntry("from", phone)
                .containsEntry("answered", true)
                .containsEntry("durationSeconds", 125)
                .containsEntry("agentName", tenant + "_101");
        assertThat(items.get(1))
                .containsEntry("id", sessionId)
                .containsEntry("agentId", t.agent().id())
                .containsEntry("durationSeconds", 300)
                .containsEntry("at", now.minus(Duration.ofHours(2)).toString());

        // a ticket from the call in one request: the caller's contact is the requester
        JsonPath fromCall = as(t.agent(), tenant)
                .body(Map.of("callId", callId))
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(fromCall.getString("requester.contactId")).isEqualTo(contact);
        assertThat(fromCall.getString("source")).isEqualTo("call");
        assertThat(fromCall.getString("callId")).isEqualTo(callId);
        assertThat(fromCall.getString("subject")).startsWith("Call from " + phone);

        List<Map<String, Object>> first = timeline(t, contact, 0, 2);
        assertThat(first).extracting(i -> i.get("kind")).containsExactly("ticket", "call");
        assertThat(first.get(0)).containsEntry("id", fromCall.getString("id"));
        assertThat(timeline(t, contact, 1, 2)).extracting(i -> i.get("kind")).containsExactly("chat");

        // the agent asks for a ticket from the chat: chat-service sends the transcript, the helpdesk opens it once
        Map<String, Object> request = new LinkedHashMap<>();
        String requestId = UUID.randomUUID().toString();
        request.put("id", requestId);
        request.put("sessionId", sessionId);
        request.put("widgetId", chat.get("widgetId"));
        request.put("visitor", visitor);
        request.put("requestedBy", t.agent().id());
        request.put("subject", null);
        request.put(
                "transcript",
                List.of(
                        Map.of(
                                "seq",
                                1,
                                "senderType",
                                "visitor",
                                "senderName",
                                "Vera Visitor",
                                "body",
                                "My invoice is wrong",
                                "sentAt",
                                now.minus(Duration.ofHours(2)).toString()),
                        Map.of(
                                "seq",
                                2,
                                "senderType",
                                "agent",
                                "senderName",
                                "Agent Smith",
                                "body",
                                "Let me open a ticket",
                                "sentAt",
                                now.minus(Duration.ofHours(2)).plusSeconds(60).toString())));
        String requestEvent = event();
        ChannelEvents.chat("chat.session.ticket_requested", tenant, sessionId, request, requestEvent);
        ChannelEvents.chat("chat.session.ticket_requested", tenant, sessionId, request, requestEvent);
        ChannelEvents.chat("chat.session.ticket_requested", tenant, sessionId, request, event()); // same request
        // a later event of the session: once it shows, the ones before it were consumed
        chat.put("version", 9);
        ChannelEvents.chat(EventTypes.CHAT_SESSION_ENDED, tenant, sessionId, chat, event());
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(as(t.agent(), tenant)
                                .queryParam("requester", contact)
                                .get("/api/v1/tickets")
                                .then()
                                .extract()
                                .jsonPath()
                                .<String>getList("items.source"))
                        .containsExactlyInAnyOrder("call", "chat"));
        JsonPath chatTicket = as(t.agent(), tenant)
                .queryParam("requester", contact)
                .queryParam("q", "invoice")
                .get("/api/v1/tickets")
                .then()
                .extract()
                .jsonPath();
        String chatTicketId = chatTicket.getString("items[0].id");
        assertThat(chatTicket.getString("items[0].chatSessionId")).isEqualTo(sessionId);
        assertThat(chatTicket.getString("items[0].subject")).isEqualTo("Chat with Vera Visitor");
        JsonPath thread = as(t.agent(), tenant)
                .get("/api/v1/tickets/" + chatTicketId + "/messages")
                .then()
                .extract()
                .jsonPath();
        assertThat(thread.getList("items")).hasSize(1);
        assertThat(thread.getBoolean("items[0].isInternal")).isTrue();
        assertThat(thread.getString("items[0].body"))
                .contains("Vera Visitor: My invoice is wrong")
                .contains("Agent Smith: Let me open a ticket");
        as(t.viewer(), tenant)
                .get("/api/v1/tickets/" + chatTicketId + "/messages")
                .then()
                .body("items", equalTo(List.of()));

        // a ticket from the chat in one request now carries the transcript too
        String fromChat = as(t.agent(), tenant)
                .body(Map.of("chatSessionId", sessionId, "subject", "Invoice"))
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .body("source", equalTo("chat"))
                .body("chatSessionId", equalTo(sessionId))
                .body("requester.contactId", equalTo(contact))
                .extract()
                .path("id");
        as(t.agent(), tenant)
                .get("/api/v1/tickets/" + fromChat + "/messages")
                .then()
                .body("items[0].isInternal", equalTo(true))
                .body("items[0].body", org.hamcrest.Matchers.containsString("My invoice is wrong"));

        // unknown calls and chats, and another tenant's, are named
        Team other = Team.of(users, "acto");
        as(t.agent(), tenant)
                .body(Map.of("callId", UUID.randomUUID().toString()))
                .post("/api/v1/tickets")
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("callId")));
        as(other.admin(), other.tenant())
                .body(Map.of("callId", callId))
                .post("/api/v1/tickets")
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("callId")));
        as(other.admin(), other.tenant())
                .body(Map.of("chatSessionId", sessionId))
                .post("/api/v1/tickets")
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("chatSessionId")));
        as(other.admin(), other.tenant())
                .get("/api/v1/contacts/" + contact + "/timeline")
                .then()
                .statusCode(404);
    }

    @Test
    void anOfflineMessageOpensOneTicket() {
        Team t = Team.of(users, "off");
        String tenant = t.tenant();
        awaitListening(t);
        String email = "olga." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String offlineId = UUID.randomUUID().toString();
        Map<String, Object> visitor = new LinkedHashMap<>();
        visitor.put("name", "Olga Offline");
        visitor.put("email", email);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", offlineId);
        message.put("widgetId", UUID.randomUUID().toString());
        message.put("sessionId", null);
        message.put("visitorId", UUID.randomUUID().toString());
        message.put("visitor", visitor);
        message.put("reason", "offline_form");
        message.put(
                "messages",
                List.of(
                        Map.of("at", Instant.now().minusSeconds(60).toString(), "body", "My order is late"),
                        Map.of("at", Instant.now().toString(), "body", "Order 42")));
        message.put("createdAt", Instant.now().toString());
        String eventId = event();
        ChannelEvents.chat(EventTypes.CHAT_SESSION_OFFLINE_MESSAGE, tenant, offlineId, message, eventId);
        ChannelEvents.chat(EventTypes.CHAT_SESSION_OFFLINE_MESSAGE, tenant, offlineId, message, eventId);
        ChannelEvents.chat(EventTypes.CHAT_SESSION_OFFLINE_MESSAGE, tenant, offlineId, message, event());
        // a marker on the same key, from someone else: once its ticket exists, the duplicates were consumed
        Map<String, Object> marker = new LinkedHashMap<>(message);
        String markerEmail = "mark." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        marker.put("id", UUID.randomUUID().toString());
        marker.put("visitor", Map.of("name", "Mark", "email", markerEmail));
        ChannelEvents.chat(EventTypes.CHAT_SESSION_OFFLINE_MESSAGE, tenant, offlineId, marker, event());
        await().atMost(WAIT)
                .untilAsserted(() -> as(t.agent(), tenant)
                        .queryParam("requester", markerEmail)
                        .get("/api/v1/tickets")
                        .then()
                        .body("totalItems", equalTo(1)));
        JsonPath tickets = as(t.agent(), tenant)
                .queryParam("requester", email)
                .get("/api/v1/tickets")
                .then()
                .extract()
                .jsonPath();
        assertThat(tickets.getInt("totalItems")).isEqualTo(1);
        assertThat(tickets.getString("items[0].subject")).isEqualTo("Offline message from Olga Offline");
        assertThat(tickets.getString("items[0].description")).isEqualTo("My order is late\n\nOrder 42");
        assertThat(tickets.getString("items[0].source")).isEqualTo("chat");
        assertThat(tickets.getString("items[0].requester.name")).isEqualTo("Olga Offline");
        assertThat(tickets.getString("items[0].requester.contactId")).isNotNull();

        // another tenant's lists never show it
        Team other = Team.of(users, "offo");
        as(other.admin(), other.tenant())
                .queryParam("requester", email)
                .get("/api/v1/tickets")
                .then()
                .body("totalItems", equalTo(0));
    }
}
