package io.switchboard.gateway.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.commons.webhook.WebhookSecret;
import io.switchboard.commons.webhook.WebhookSignature;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Inbound SMS through the packaged services: a carrier's SIP MESSAGE on the tenant's trunk (the simulated Asterisk)
 * becomes telephony-service's telephony.sms.received, routing-service's routing.sms.received for the tenant's DID, and
 * a webhook to the DID's smsWebhookUrl from webhook-dispatcher's managed endpoint, signed with the secret its tenant
 * admin read through the gateway.
 */
@QuarkusTest
@TestProfile(SystemTest.WholePlatform.class)
class SmsSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestUsers USERS = new TestUsers();

    @AfterAll
    static void cleanUp() {
        USERS.close();
    }

    @Test
    void aCarriersMessageReachesTheDidsWebhook() throws Exception {
        String tenant = TenantFixtures.newTenantId("sys-sms");
        as(USERS.superadmin(), null)
                .body(Map.of("id", tenant, "name", "SMS " + tenant, "features", TenantFixtures.ALL_FEATURES))
                .post("/api/v1/tenants")
                .then()
                .statusCode(201);
        TestUser admin = USERS.member(tenant, "tenant_admin");
        String number = "+4930" + (20_000_000 + ThreadLocalRandom.current().nextInt(70_000_000));

        ConcurrentLinkedQueue<JsonNode> received = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String[]> raw = new ConcurrentLinkedQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/sms", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            raw.add(new String[] {
                exchange.getRequestHeaders().getFirst("webhook-id"),
                exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                exchange.getRequestHeaders().getFirst("webhook-signature"),
                body
            });
            received.add(JSON.readTree(body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            // each service serves the tenant once it has learned of it from tenant.events
            untilCreated(() -> as(admin, tenant)
                    .body(Map.of(
                            "name",
                            "carrier1",
                            "mode",
                            "ip",
                            "host",
                            "198.51.100.7",
                            "allowedIps",
                            List.of("198.51.100.7")))
                    .post("/api/v1/trunks"));
            String didId = untilCreated(() -> as(admin, tenant)
                            .body(Map.of(
                                    "number",
                                    number,
                                    "smsEnabled",
                                    true,
                                    "smsWebhookUrl",
                                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/sms"))
                            .post("/api/v1/routing/dids"))
                    .path("id");

            // the DID's managed endpoint appears in the tenant's webhook list; its secret is read by rotating it
            String endpointId = await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> as(admin, tenant)
                                    .get("/api/v1/webhooks/subscriptions")
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .jsonPath()
                                    .getString("items.find { it.managedBy != null && it.managedBy.id == '" + didId
                                            + "' }?.id"),
                            id -> id != null);
            String secret = as(admin, tenant)
                    .body(Map.of("gracePeriod", "PT0S"))
                    .post("/api/v1/webhooks/subscriptions/" + endpointId + "/secret/rotate")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("secret");

            // the carrier's MESSAGE, once telephony-service's application listens to PJSIP messages
            String asterisk = ConfigProvider.getConfig().getValue(PlatformServices.ARI_CONTROL_URL, String.class);
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !given().auth()
                            .preemptive()
                            .basic("system", "system")
                            .queryParam("endpoint", tenant + "_trunk-carrier1")
                            .queryParam("from", "+4915112345678")
                            .queryParam("to", number)
                            .queryParam("body", "Hello from the carrier")
                            .post(asterisk + "/texts")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("applications")
                            .isEmpty());

            JsonNode hook = await().atMost(WAIT)
                    .until(() -> received.stream().findFirst().orElse(null), h -> h != null);
            assertThat(hook.path("type").asText()).isEqualTo("routing.sms.received");
            assertThat(hook.path("data").path("didId").asText()).isEqualTo(didId);
            assertThat(hook.path("data").path("from").asText()).isEqualTo("+4915112345678");
            assertThat(hook.path("data").path("to").asText()).isEqualTo(number);
            assertThat(hook.path("data").path("body").asText()).isEqualTo("Hello from the carrier");
            String[] request = raw.peek();
            assertThat(WebhookSignature.verify(
                            request[0],
                            request[1],
                            request[2],
                            request[3].getBytes(StandardCharsets.UTF_8),
                            WebhookSecret.parse(secret),
                            WebhookSignature.DEFAULT_TOLERANCE,
                            Instant.now()))
                    .isEmpty();
        } finally {
            receiver.stop(0);
        }
    }

    private static Response untilCreated(java.util.function.Supplier<Response> request) {
        return await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> request.get(), response -> response.statusCode() == 201);
    }

    private static RequestSpecification as(TestUser user, String tenant) {
        RequestSpecification request = given().auth().oauth2(user.token()).contentType("application/json");
        return tenant == null ? request : request.header("X-Tenant-ID", tenant);
    }
}
