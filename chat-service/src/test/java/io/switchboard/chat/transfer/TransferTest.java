package io.switchboard.chat.transfer;

import static io.switchboard.chat.support.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.support.ChatSocket;
import io.switchboard.chat.support.Fixtures;
import io.switchboard.chat.support.Fixtures.Visit;
import io.switchboard.chat.support.Fixtures.Widget;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Transfers accepted, rejected and timed out (the test profile's timeout is 3 s). */
@QuarkusTest
class TransferTest {

    private static final TestUsers users = new TestUsers();
    private static String tenant;
    private static TestUser admin;
    private static TestUser alice;
    private static TestUser bob;
    private static Widget widget;
    private static String billing;

    private static synchronized void setUp() {
        if (tenant != null) {
            return;
        }
        tenant = Fixtures.tenant("xfer");
        admin = users.member(tenant, "tenant_admin");
        alice = users.member(tenant, "agent");
        bob = users.member(tenant, "agent");
        widget = Fixtures.widget(admin, tenant, Map.of());
        billing = Fixtures.team(tenant, bob);
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    /** A session active with Alice: Bob is offline while it is assigned, then online with room. */
    private static Visit withAlice() {
        setUp();
        Fixtures.agent(admin, tenant, alice, Map.of("availability", "online", "maxConcurrentChats", 5));
        Fixtures.agent(admin, tenant, bob, Map.of("availability", "offline", "maxConcurrentChats", 1, "team", billing));
        Visit visit = Fixtures.start(widget.key(), "Tom");
        as(admin, tenant)
                .get("/api/v1/chat/sessions/" + visit.sessionId())
                .then()
                .body("assignedTo", equalTo(alice.id()));
        Fixtures.availability(alice, tenant, "away");
        return visit;
    }

    private static String request(Visit visit, Map<String, Object> body) {
        return as(alice, tenant)
                .body(body)
                .post("/api/v1/chat/sessions/" + visit.sessionId() + "/transfers")
                .then()
                .statusCode(201)
                .body("status", equalTo("pending"))
                .extract()
                .path("id");
    }

    @Test
    void anAcceptedTransferMovesTheSessionAndTheVisitorHearsIt() {
        Visit visit = withAlice();
        try (ChatSocket tom = Fixtures.visitorSocket(visit, 0);
                ChatSocket aliceSocket = Fixtures.agentSocket(alice, tenant);
                ChatSocket bobSocket = Fixtures.agentSocket(bob, tenant)) {
            String id = request(visit, Map.of("toAgentId", bob.id(), "reason", "billing question"));
            bobSocket.await(
                    "transfer.requested",
                    f -> f.path("transfer").path("id").asText().equals(id));
            as(bob, tenant)
                    .post("/api/v1/chat/transfers/" + id + "/accept")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("accepted"));
            aliceSocket.await("transfer.accepted");
            tom.await("agent.left", f -> f.path("agent").path("id").asText().equals(alice.id()));
            tom.await("agent.joined", f -> f.path("agent").path("id").asText().equals(bob.id()));
            tom.await(
                    "message.new",
                    f -> f.path("message").path("type").asText().equals("transfer")
                            && f.path("message").path("body").asText().endsWith(": billing question"));
            as(admin, tenant)
                    .get("/api/v1/chat/sessions/" + visit.sessionId())
                    .then()
                    .body("assignedTo", equalTo(bob.id()));
            as(admin, tenant).get("/api/v1/chat/agents/" + bob.id()).then().body("currentChats", equalTo(1));
            // Bob now writes; Alice no longer can
            as(bob, tenant)
                    .body(Map.of("body", "Hi, Bob here"))
                    .post("/api/v1/chat/sessions/" + visit.sessionId() + "/messages")
                    .then()
                    .statusCode(201);
            as(alice, tenant)
                    .body(Map.of("body", "still me?"))
                    .post("/api/v1/chat/sessions/" + visit.sessionId() + "/messages")
                    .then()
                    .statusCode(403);
            // Bob is at his limit of one: a second transfer to him cannot be accepted
            Visit another = withAlice();
            String second = request(another, Map.of("toAgentId", bob.id()));
            as(bob, tenant)
                    .post("/api/v1/chat/transfers/" + second + "/accept")
                    .then()
                    .statusCode(409)
                    .body("reason", equalTo("agent_at_capacity"));
        }
    }

    @Test
    void aRejectedTransferLeavesTheSessionWithTheSender() {
        Visit visit = withAlice();
        try (ChatSocket aliceSocket = Fixtures.agentSocket(alice, tenant)) {
            String id = request(visit, Map.of("toAgentId", bob.id(), "reason", "not mine"));
            as(alice, tenant)
                    .post("/api/v1/chat/transfers/" + id + "/accept")
                    .then()
                    .statusCode(403);
            as(bob, tenant)
                    .post("/api/v1/chat/transfers/" + id + "/reject")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("rejected"));
            aliceSocket.await(
                    "transfer.rejected",
                    f -> f.path("transfer").path("id").asText().equals(id));
            as(bob, tenant)
                    .post("/api/v1/chat/transfers/" + id + "/accept")
                    .then()
                    .statusCode(409);
            as(admin, tenant)
                    .get("/api/v1/chat/sessions/" + visit.sessionId())
                    .then()
                    .body("assignedTo", equalTo(alice.id()));
        }
    }

    @Test
    void aTransferNobodyAcceptsInTimeGoesBackToTheSender() {
        Visit visit = withAlice();
        try (ChatSocket aliceSocket = Fixtures.agentSocket(alice, tenant)) {
            String id = request(visit, Map.of("toTeam", billing, "reason", "team please"));
            as(alice, tenant)
                    .body(Map.of("toAgentId", bob.id()))
                    .post("/api/v1/chat/sessions/" + visit.sessionId() + "/transfers")
                    .then()
                    .statusCode(409);
            var frame = aliceSocket.await(
                    "transfer.rejected",
                    f -> f.path("transfer").path("id").asText().equals(id));
            assertThat(frame.path("reason").asText()).isEqualTo("timeout");
            as(admin, tenant).get("/api/v1/chat/transfers/" + id).then().body("status", equalTo("expired"));
            as(admin, tenant)
                    .get("/api/v1/chat/sessions/" + visit.sessionId())
                    .then()
                    .body("assignedTo", equalTo(alice.id()));
            as(bob, tenant)
                    .post("/api/v1/chat/transfers/" + id + "/accept")
                    .then()
                    .statusCode(409);
        }
    }
}
