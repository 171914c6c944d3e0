package io.switchboard.chat.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.switchboard.chat.support.ChatSocket;
import io.switchboard.chat.support.Fixtures;
import io.switchboard.testing.ServiceProcess;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged service: the visitor's socket on one, the agent's on the other; every frame crosses
 * over chat.fanout in both directions.
 */
class CrossReplicaIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @Test
    void messagesReachSocketsHeldByTheOtherReplica() throws Exception {
        assertThat(JAR).as("the packaged service").exists();
        try (TestUsers users = new TestUsers();
                ServiceProcess one = start("one");
                ServiceProcess two = start("two")) {
            String tenant = Fixtures.tenant("replica");
            TestUser admin = users.member(tenant, "tenant_admin");
            TestUser agent = users.member(tenant, "agent");

            RestAssured.port = one.port();
            Fixtures.Widget widget = Fixtures.widget(admin, tenant, Map.of());
            Fixtures.agent(admin, tenant, agent, Map.of("displayName", "Remote Rosa", "availability", "online"));
            Fixtures.Visit visit = Fixtures.start(widget.key(), "Vic");
            try (ChatSocket visitor = Fixtures.visitorSocket(visit, 0)) {
                RestAssured.port = two.port();
                try (ChatSocket rosa = Fixtures.agentSocket(agent, tenant)) {
                    visitor.send(
                            Map.of("type", "message.send", "body", "hello from replica one", "clientMessageId", "v1"));
                    rosa.await(
                            "message.new",
                            f -> f.path("message").path("body").asText().equals("hello from replica one"));
                    visitor.send(Map.of("type", "typing.start"));
                    rosa.await("typing.start");

                    RestAssured.given()
                            .auth()
                            .oauth2(agent.token())
                            .header("X-Tenant-ID", tenant)
                            .contentType(ContentType.JSON)
                            .body(Map.of("body", "hello from replica two"))
                            .post("/api/v1/chat/sessions/" + visit.sessionId() + "/messages")
                            .then()
                            .statusCode(201);
                    visitor.await(
                            "message.new",
                            f -> f.path("message").path("body").asText().equals("hello from replica two"));
                    rosa.await(
                            "message.new",
                            f -> f.path("message").path("body").asText().equals("hello from replica two"));
                    assertThat(visitor.seqs()).containsExactly(1L, 2L, 3L).doesNotHaveDuplicates();
                }
            }
        } finally {
            RestAssured.reset();
        }
    }

    private static ServiceProcess start(String name) throws Exception {
        return ServiceProcess.start(
                JAR,
                Path.of("target", "replica-it-" + name + ".log"),
                List.of("-Xmx256m", "-Dquarkus.profile=test"),
                Map.of());
    }
}
