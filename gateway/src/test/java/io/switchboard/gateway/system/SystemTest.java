package io.switchboard.gateway.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.switchboard.commons.webhook.WebhookSecret;
import io.switchboard.commons.webhook.WebhookSignature;
import io.switchboard.testing.Keycloak;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The platform built so far, driven only through the gateway: a superadmin creates tenants (tenant-service), their
 * admins subscribe to webhooks (webhook-dispatcher) and create extensions (telephony-service), the extension's event
 * reaches the subscriber signed, and neither tenant can see or name the other's data; a tenant admin made through the
 * API logs in, builds their team, changes a role that the next token carries, and suspends a user whose token then
 * stops working.
 */
@QuarkusTest
@TestProfile(SystemTest.WholePlatform.class)
class SystemTest {

    /** Its own Quarkus start, with the services of {@link PlatformServices} behind the gateway. */
    public static class WholePlatform implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PlatformServices.class));
        }

        /** Buckets the matrix walk cannot empty: rate limiting has tests of its own. */
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "switchboard.gateway.rate-limit.per-client.requests-per-second", "100000",
                    "switchboard.gateway.rate-limit.per-client.burst", "100000",
                    "switchboard.gateway.rate-limit.plans.standard.requests-per-second", "100000",
                    "switchboard.gateway.rate-limit.plans.standard.burst", "100000");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestUsers USERS = new TestUsers();

    @AfterAll
    static void cleanUp() {
        USERS.close();
    }

    @Test
    void tenantsExtensionsAndWebhooksThroughTheGatewayOnly() throws Exception {
        TestUser superadmin = USERS.superadmin();
        String tenantA = TenantFixtures.newTenantId("sys-a");
        String tenantB = TenantFixtures.newTenantId("sys-b");
        for (String tenant : List.of(tenantA, tenantB)) {
            as(superadmin, null)
                    .body(Map.of("id", tenant, "name", "System " + tenant))
                    .post("/api/v1/tenants")
                    .then()
                    .statusCode(201)
                    .body("status", equalTo("active"));
        }
        TestUser adminA = USERS.member(tenantA, "tenant_admin");
        TestUser adminB = USERS.member(tenantB, "tenant_admin");

        ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
        HttpServer receiver = receiver(received);
        try {
            String secret = as(adminA, null)
                    .body(Map.of(
                            "url",
                            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks",
                            "eventTypes",
                            List.of("telephony.extension.*")))
                    .post("/api/v1/webhooks/subscriptions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("secret");

            // telephony-service learns of the new tenant from tenant.events; until then it does not serve it
            String extensionId = await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                var response = as(adminA, null)
                                        .body(Map.of("number", "1001", "displayName", "Front desk"))
                                        .post("/api/v1/extensions");
                                return response.statusCode() == 201
                                        ? response.path("extension.id").toString()
                                        : null;
                            },
                            id -> id != null);

            as(adminA, null)
                    .get("/api/v1/extensions/" + extensionId)
                    .then()
                    .statusCode(200)
                    .body("number", equalTo("1001"))
                    .body("displayName", equalTo("Front desk"));

            // the other tenant: its resource ids lead nowhere, and it cannot name tenant A at all
            as(adminB, null).get("/api/v1/extensions/" + extensionId).then().statusCode(404);
            as(adminB, null).get("/api/v1/extensions").then().statusCode(200).body("totalItems", equalTo(0));
            as(adminB, tenantA)
                    .get("/api/v1/extensions")
                    .then()
                    .statusCode(403)
                    .body("type", equalTo("urn:switchboard:problem:not-tenant-member"));
            as(adminB, null).get("/api/v1/tenants/" + tenantA).then().statusCode(404);

            // the extension's event reached tenant A's subscriber through Kafka and the dispatcher, signed
            Received hook = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> received.stream()
                                    .filter(r -> r.json().path("type").asText().equals("telephony.extension.created"))
                                    .findFirst()
                                    .orElse(null),
                            r -> r != null);
            assertThat(hook.json().path("data").path("id").asText()).isEqualTo(extensionId);
            assertThat(hook.json().path("data").path("endpointId").asText()).isEqualTo(tenantA + "_1001");
            assertThat(WebhookSignature.verify(
                            hook.id(),
                            hook.timestamp(),
                            hook.signature(),
                            hook.body().getBytes(StandardCharsets.UTF_8),
                            WebhookSecret.parse(secret),
                            WebhookSignature.DEFAULT_TOLERANCE,
                            java.time.Instant.now()))
                    .isEmpty();
        } finally {
            receiver.stop(0);
        }

        JsonNode openApi = JSON.readTree(
                given().get("/openapi").then().statusCode(200).extract().asString());
        assertThat(openApi.path("paths").has("/api/v1/tenants")).isTrue();
        assertThat(openApi.path("paths").has("/api/v1/extensions")).isTrue();
        assertThat(openApi.path("paths").has("/api/v1/webhooks/subscriptions")).isTrue();
    }

    @Test
    void aTenantAdminManagesTheirTeamThroughTheGatewayAndTokensFollow() throws Exception {
        TestUser superadmin = USERS.superadmin();
        String tenant = TenantFixtures.newTenantId("sys-users");
        as(superadmin, null)
                .body(Map.of("id", tenant, "name", "Users " + tenant))
                .post("/api/v1/tenants")
                .then()
                .statusCode(201);
        String adminEmail = email("admin");
        String adminId = as(superadmin, tenant)
                .body(Map.of(
                        "email",
                        adminEmail,
                        "firstName",
                        "Tina",
                        "lastName",
                        "Admin",
                        "roles",
                        List.of("tenant_admin"),
                        "password",
                        PASSWORD))
                .post("/api/v1/users")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String agentEmail = email("agent");
        String agentId = null;
        try {
            String admin = Keycloak.token(adminEmail, PASSWORD);
            agentId = bearer(admin)
                    .body(Map.of(
                            "email",
                            agentEmail,
                            "firstName",
                            "Andy",
                            "lastName",
                            "Agent",
                            "roles",
                            List.of("agent"),
                            "password",
                            PASSWORD))
                    .post("/api/v1/users")
                    .then()
                    .statusCode(201)
                    .body("tenantId", equalTo(tenant))
                    .extract()
                    .path("id");

            String agent = Keycloak.token(agentEmail, PASSWORD);
            assertThat(Keycloak.roles(agent, tenant)).containsExactly("agent");
            bearer(agent).get("/api/v1/users").then().statusCode(200);
            bearer(agent).get("/api/v1/audit").then().statusCode(403);

            bearer(admin)
                    .contentType("application/merge-patch+json")
                    .body(Map.of("roles", List.of("supervisor")))
                    .patch("/api/v1/users/" + agentId)
                    .then()
                    .statusCode(200)
                    .body("identity", equalTo("synced"));
            String refreshed = Keycloak.token(agentEmail, PASSWORD);
            assertThat(Keycloak.roles(refreshed, tenant)).containsExactly("supervisor");

            bearer(admin)
                    .contentType("application/merge-patch+json")
                    .body(Map.of("status", "suspended"))
                    .patch("/api/v1/users/" + agentId)
                    .then()
                    .statusCode(200);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () -> bearer(refreshed).get("/api/v1/users").then().statusCode(401));
        } finally {
            Keycloak.deleteUser(adminId);
            if (agentId != null) {
                Keycloak.deleteUser(agentId);
            }
        }
    }

    private static final String PASSWORD = "Correct-horse-42";

    private static String email(String name) {
        return name + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@system.test.switchboard.local";
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    private static RequestSpecification as(TestUser user, String tenant) {
        RequestSpecification request = given().auth().oauth2(user.token()).contentType("application/json");
        return tenant == null ? request : request.header("X-Tenant-ID", tenant);
    }

    private record Received(String id, String timestamp, String signature, String body, JsonNode json) {}

    private static HttpServer receiver(ConcurrentLinkedQueue<Received> received) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    body,
                    JSON.readTree(body)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
