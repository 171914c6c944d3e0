package io.switchboard.chat.support;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.testing.DirectoryFixtures;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Helpers of chat-service's tests: tenants it knows, their users, widgets, visitors and sockets. */
public final class Fixtures {

    public static final String ROLE = "chat_service";
    public static final String ORIGIN = "https://shop.example.com";

    private Fixtures() {}

    /** A new active tenant with every feature, once the service's directory has it. */
    public static String tenant(String prefix) {
        String tenantId = TenantFixtures.newTenantId(prefix);
        TenantFixtures.publish(
                EventTypes.TENANT_CREATED,
                tenantId,
                "active",
                TenantFixtures.ALL_FEATURES,
                Map.of("maxAgents", 50, "maxDids", 20, "maxConcurrentCalls", 10),
                TenantFixtures.defaultSettings());
        TenantFixtures.awaitInDirectory(ROLE, tenantId, "active");
        return tenantId;
    }

    public static RequestSpecification as(TestUser user, String tenant) {
        return given().auth().oauth2(user.token()).header("X-Tenant-ID", tenant).contentType(ContentType.JSON);
    }

    public static RequestSpecification patchAs(TestUser user, String tenant) {
        return given().auth()
                .oauth2(user.token())
                .header("X-Tenant-ID", tenant)
                .contentType("application/merge-patch+json");
    }

    /** A visitor's request from the allowed origin. */
    public static RequestSpecification visitor() {
        return given().header("Origin", ORIGIN).contentType(ContentType.JSON);
    }

    /** Creates a widget allowed on *.example.com with these overrides; answers its id and key. */
    public static Widget widget(TestUser admin, String tenant, Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Shop");
        body.put("allowedDomains", List.of("*.example.com"));
        body.putAll(overrides);
        var response = as(admin, tenant)
                .body(body)
                .post("/api/v1/chat/widgets")
                .then()
                .statusCode(201)
                .extract();
        return new Widget(response.path("id"), response.path("widgetKey"));
    }

    /** A started session: its id and token. */
    public record Visit(String sessionId, String token, String visitorId) {}

    public record Widget(String id, String key) {}

    /** A visitor starts a chat on the widget. */
    public static Visit start(String key, String name) {
        var response = visitor()
                .body(Map.of("name", name, "currentUrl", ORIGIN + "/cart"))
                .post("/api/v1/chat/public/widgets/" + key + "/sessions")
                .then()
                .statusCode(201)
                .extract();
        return new Visit(response.path("session.id"), response.path("token"), response.path("session.visitorId"));
    }

    /** Tenant/user pairs already made members in the service's directory by {@link #member}. */
    private static final java.util.Set<String> MEMBERS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Makes the user an active member of the tenant in the service's member directory (once), as tenant-service would. */
    public static TestUser member(TestUser user, String tenant) {
        if (MEMBERS.add(tenant + "/" + user.id())) {
            DirectoryFixtures.publishMember(tenant, user.id(), "active", "agent");
            DirectoryFixtures.awaitMember(ROLE, tenant, user.id(), "active");
        }
        return user;
    }

    /** A tenant team with these members, once the service's team directory has it; returns its id. */
    public static String team(String tenant, TestUser... members) {
        UUID id = UUID.randomUUID();
        long version = DirectoryFixtures.publishTeam(
                tenant,
                id,
                "Team " + id.toString().substring(0, 8),
                java.util.Arrays.stream(members).map(TestUser::id).toList());
        DirectoryFixtures.awaitTeam(ROLE, id, version);
        return id.toString();
    }

    /** Sets an agent up (as a supervisor; the agent a member of the tenant) and optionally online. */
    public static void agent(TestUser supervisor, String tenant, TestUser agent, Map<String, Object> profile) {
        member(agent, tenant);
        patchAs(supervisor, tenant)
                .body(profile)
                .patch("/api/v1/chat/agents/" + agent.id())
                .then()
                .statusCode(200);
    }

    public static void availability(TestUser agent, String tenant, String availability) {
        patchAs(agent, tenant)
                .body(Map.of("availability", availability))
                .patch("/api/v1/chat/agents/me")
                .then()
                .statusCode(200);
    }

    public static String wsBase() {
        return "ws://127.0.0.1:" + RestAssured.port;
    }

    /** The visitor's socket (from the allowed origin), resuming after {@code lastSeq}. */
    public static ChatSocket visitorSocket(Visit visit, long lastSeq) {
        ChatSocket socket = ChatSocket.open(
                wsBase() + "/api/v1/chat/ws/visitor?token=" + visit.token() + "&lastSeq=" + lastSeq,
                Map.of("Origin", ORIGIN));
        socket.await("ready");
        return socket;
    }

    /** The agent's socket through a fresh ticket. */
    public static ChatSocket agentSocket(TestUser agent, String tenant) {
        String path = as(agent, tenant)
                .post("/api/v1/chat/agents/me/socket-ticket")
                .then()
                .statusCode(200)
                .extract()
                .path("path");
        ChatSocket socket = ChatSocket.open(wsBase() + path, Map.of());
        socket.await("ready");
        return socket;
    }

    public static String clientId() {
        return UUID.randomUUID().toString();
    }

    /** A tenant with a user of every role. */
    public record Team(String tenant, TestUser admin, TestUser supervisor, TestUser agent, TestUser viewer) {
        public static Team of(TestUsers users, String prefix) {
            String tenant = Fixtures.tenant(prefix);
            return new Team(
                    tenant,
                    users.member(tenant, "tenant_admin"),
                    users.member(tenant, "supervisor"),
                    users.member(tenant, "agent"),
                    users.member(tenant, "viewer"));
        }
    }
}
