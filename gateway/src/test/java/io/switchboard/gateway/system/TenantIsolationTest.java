package io.switchboard.gateway.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.commons.security.Roles;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import io.switchboard.testing.ari.InboundCall;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation through every endpoint, through the gateway, with real resources: tenant B gets one of everything
 * (a user, a trunk, extensions, a queue with a member, a voicemail box, a call, a DID, an IVR menu, a schedule, a
 * webhook subscription with a delivery), then tenant A's administrator, who may call every endpoint in their own
 * tenant, asks every endpoint that takes an id for B's: each answers 404, as for an id that does not exist, and no
 * list of A's shows anything of B's. B's resources are unchanged afterwards. Endpoints only superadmins or services may
 * call are left out: a tenant's user gets 403 there whatever the id (see {@link RbacMatrixTest}).
 */
@QuarkusTest
@TestProfile(SystemTest.WholePlatform.class)
class TenantIsolationTest {

    private static final TestUsers USERS = new TestUsers();

    /**
     * Bodies that pass validation, for the endpoints whose body is validated before the resource is looked up: the
     * walk must reach the lookup (a 400 for a bad body says nothing about the resource, but proves nothing either).
     */
    private static final Map<String, String> VALID_BODIES = Map.of(
            "POST /api/v1/queues/{id}/members", "{\"extensionId\": \"" + UUID.randomUUID() + "\"}",
            "POST /api/v1/calls/{id}/transfer", "{\"target\": \"1002\"}",
            "POST /api/v1/tickets/{id}/messages", "{\"body\": \"Hello from tenant A\"}",
            "POST /api/v1/webhooks/subscriptions/{subscriptionId}/deliveries/replay",
                    "{\"since\": \"2026-01-01T00:00:00Z\"}",
            "POST /api/v1/chat/sessions/{id}/messages", "{\"body\": \"Hello from tenant A\"}",
            "POST /api/v1/chat/sessions/{id}/read", "{\"upToSeq\": 0}",
            "POST /api/v1/chat/sessions/{id}/assign", "{\"agentId\": \"" + UUID.randomUUID() + "\"}",
            "POST /api/v1/chat/sessions/{id}/transfers",
                    "{\"toAgentId\": \"" + UUID.randomUUID() + "\", \"reason\": \"tenant A\"}",
            "POST /api/v1/tickets/{id}/reminders", "{\"remindAt\": \"2099-01-01T00:00:00Z\"}",
            "PUT /api/v1/helpdesk/agents/{userId}/availability", "{\"available\": false}");

    /** Query parameters an endpoint requires (validated before the lookup, like {@link #VALID_BODIES}). */
    private static final Map<String, String> QUERIES =
            Map.of("GET /api/v1/helpdesk/canned-responses/{id}/render", "?ticketId={ticketId}");

    @AfterAll
    static void cleanUp() {
        USERS.close();
    }

    @Test
    void aTenantAdminFindsNothingOfAnotherTenantThroughAnyEndpoint() throws Exception {
        TestUser superadmin = USERS.superadmin();
        String tenantA = PlatformServices.createTenant(superadmin, "iso-a");
        String tenantB = PlatformServices.createTenant(superadmin, "iso-b");
        TestUser adminA = USERS.member(tenantA, Roles.TENANT_ADMIN);
        TestUser adminB = USERS.member(tenantB, Roles.TENANT_ADMIN);

        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Map<String, String> ids =
                    tenantResources(adminB, tenantB, receiver.getAddress().getPort());

            List<String> leaks = new ArrayList<>();
            for (Map.Entry<String, AccessMatrix.Rule> endpoint : AccessMatrix.RULES.entrySet()) {
                String kind = endpoint.getValue().kind();
                if (kind.equals("superadmin") || kind.equals("service") || kind.equals("public")) {
                    continue; // not tenant-scoped by the caller's token (public: by a widget key or session token)
                }
                String method = endpoint.getKey().split(" ")[0];
                String template = endpoint.getKey().split(" ")[1];
                if (template.contains("{")) {
                    String prefix = template.substring(0, template.indexOf("/{"));
                    assertThat(ids)
                            .as("tenant B has a resource for %s (add one to tenantResources)", endpoint.getKey())
                            .containsKey(prefix);
                    String path = template.replace("{id}", ids.get(prefix))
                                    .replace("{memberId}", ids.get("{memberId}"))
                                    .replace("{subscriptionId}", ids.get("{subscriptionId}"))
                                    .replace("{deliveryId}", ids.get("{deliveryId}"))
                                    .replace("{messageId}", ids.get("{messageId}"))
                                    .replace("{attachmentId}", ids.getOrDefault("{attachmentId}" + prefix, ""))
                                    .replace("{reminderId}", ids.get("{reminderId}"))
                                    .replace("{number}", ids.get("/api/v1/tickets/by-number"))
                                    .replace("{userId}", ids.getOrDefault("{userId}" + prefix, ids.get(prefix)))
                                    .replace("{visitorId}", ids.get(prefix))
                            + QUERIES.getOrDefault(endpoint.getKey(), "")
                                    .replace("{ticketId}", ids.get("/api/v1/tickets"));
                    Response response =
                            call(adminA, tenantA, method, path, VALID_BODIES.getOrDefault(endpoint.getKey(), "{}"));
                    if (response.statusCode() != 404) {
                        leaks.add(method + " " + path + " as tenant A's admin: " + response.statusCode() + " "
                                + response.asString());
                    }
                } else if (method.equals("GET")) {
                    String body = call(adminA, tenantA, method, template).asString();
                    for (Map.Entry<String, String> id : ids.entrySet()) {
                        if (body.contains(id.getValue())) {
                            leaks.add("GET " + template + " as tenant A's admin shows B's " + id.getKey());
                        }
                    }
                }
            }
            assertThat(leaks)
                    .as("answers that reveal or touch tenant B's resources")
                    .isEmpty();

            for (Map.Entry<String, String> id : ids.entrySet()) {
                if (id.getKey().startsWith("/api/v1/") && !id.getKey().equals("/api/v1/calls")) {
                    String read = id.getKey() + "/" + id.getValue()
                            + switch (id.getKey()) {
                                case "/api/v1/chat/visitors" -> "/sessions";
                                case "/api/v1/helpdesk/agents" -> "/availability";
                                default -> "";
                            };
                    int status = call(adminB, tenantB, "GET", read).statusCode();
                    assertThat(status)
                            .as("B's %s %s is still there", id.getKey(), id.getValue())
                            .isEqualTo(200);
                }
            }
        } finally {
            receiver.stop(0);
        }
    }

    /** One of every kind of resource in the tenant: the ids by path prefix, and by nested path parameter. */
    private static Map<String, String> tenantResources(TestUser admin, String tenant, int receiverPort) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("/api/v1/tenants", tenant);
        ids.put(
                "/api/v1/users",
                create(
                        admin,
                        tenant,
                        "/api/v1/users",
                        Map.of(
                                "email",
                                "iso-" + UUID.randomUUID().toString().substring(0, 8) + "@isolation.switchboard.local",
                                "firstName",
                                "Iso",
                                "lastName",
                                "Lated",
                                "roles",
                                List.of("viewer"))));
        // a team of that user (tenant-service; helpdesk and chat learn it from tenant.events)
        ids.put(
                "/api/v1/teams",
                create(
                        admin,
                        tenant,
                        "/api/v1/teams",
                        Map.of("name", "Isolated team", "members", List.of(ids.get("/api/v1/users")))));
        ids.put("{userId}/api/v1/teams", ids.get("/api/v1/users"));
        ids.put("/api/v1/helpdesk/agents", ids.get("/api/v1/users"));
        ids.put(
                "/api/v1/webhooks/subscriptions",
                create(
                        admin,
                        tenant,
                        "/api/v1/webhooks/subscriptions",
                        Map.of(
                                "url",
                                "http://127.0.0.1:" + receiverPort + "/hooks",
                                "eventTypes",
                                List.of("telephony.extension.*"))));
        ids.put("{subscriptionId}", ids.get("/api/v1/webhooks/subscriptions"));
        ids.put(
                "/api/v1/trunks",
                create(
                        admin,
                        tenant,
                        "/api/v1/trunks",
                        Map.of(
                                "name",
                                "carrier",
                                "mode",
                                "ip",
                                "host",
                                "192.0.2.10",
                                "allowedIps",
                                List.of("192.0.2.10"))));
        String extension = create(admin, tenant, "/api/v1/extensions", Map.of("number", "1001"));
        create(admin, tenant, "/api/v1/extensions", Map.of("number", "1002"));
        ids.put("/api/v1/extensions", extension);
        ids.put("/api/v1/queues", create(admin, tenant, "/api/v1/queues", Map.of("name", "sales")));
        ids.put(
                "{memberId}",
                create(
                        admin,
                        tenant,
                        "/api/v1/queues/" + ids.get("/api/v1/queues") + "/members",
                        Map.of("extensionId", extension)));
        ids.put("/api/v1/voicemail-boxes", create(admin, tenant, "/api/v1/voicemail-boxes", Map.of("mailbox", "2000")));
        ids.put(
                "/api/v1/routing/dids",
                // to extension 1001, once routing-service has heard of it from telephony-service
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> {
                                    Response response = request(admin, tenant)
                                            .contentType("application/json")
                                            .body(Map.of(
                                                    "number",
                                                    "+4930" + (10_000_000 + (int) (Math.random() * 89_999_999)),
                                                    "route",
                                                    Map.of("target", Map.of("type", "endpoint", "target", "1001"))))
                                            .post("/api/v1/routing/dids");
                                    return response.statusCode() == 201 ? idOf(response) : null;
                                },
                                id -> id != null));
        ids.put(
                "/api/v1/routing/ivr-menus",
                create(
                        admin,
                        tenant,
                        "/api/v1/routing/ivr-menus",
                        Map.of("name", "Main", "greeting", List.of("sound:welcome"))));
        ids.put(
                "/api/v1/routing/schedules",
                create(
                        admin,
                        tenant,
                        "/api/v1/routing/schedules",
                        Map.of(
                                "name", "Hours",
                                "timezone", "Europe/Berlin",
                                "weekly", Map.of("monday", List.of(Map.of("start", "08:00", "end", "18:00"))))));

        // a call between the two extensions, placed in the simulated Asterisk through its control API
        String asterisk = ConfigProvider.getConfig().getValue(PlatformServices.ARI_CONTROL_URL, String.class);
        InboundCall internal = InboundCall.internal(tenant, "1001", "1002");
        String channel = given().auth()
                .preemptive()
                .basic("system", "system")
                .queryParam("endpoint", internal.endpoint())
                .queryParam("from", internal.callerNumber())
                .queryParam("to", internal.extension())
                .queryParam("context", internal.context())
                .queryParam("args", String.join(",", internal.args()))
                .post(asterisk + "/calls")
                .then()
                .statusCode(200)
                .extract()
                .path("channel_id");
        try {
            ids.put(
                    "/api/v1/calls",
                    await().atMost(Duration.ofSeconds(30))
                            .until(
                                    () -> call(admin, tenant, "GET", "/api/v1/calls")
                                            .jsonPath()
                                            .getString("items[0].id"),
                                    id -> id != null));
        } finally {
            given().auth().preemptive().basic("system", "system").post(asterisk + "/channels/" + channel + "/hangup");
        }
        // the subscription's delivery of the extensions' events
        String deliveries = "/api/v1/webhooks/subscriptions/" + ids.get("{subscriptionId}") + "/deliveries";
        ids.put(
                "{deliveryId}",
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> call(admin, tenant, "GET", deliveries)
                                        .jsonPath()
                                        .getString("items[0].id"),
                                id -> id != null));
        // a tag, a ticket carrying it, and a reply (helpdesk-service); a prefix of B's own, so that A's settings
        // (which show A's next number) cannot look like B's ticket number
        request(admin, tenant)
                .contentType("application/merge-patch+json")
                .body(Map.of("ticketPrefix", "ISOB"))
                .patch("/api/v1/helpdesk/settings")
                .then()
                .statusCode(200);
        ids.put("/api/v1/helpdesk/tags", create(admin, tenant, "/api/v1/helpdesk/tags", Map.of("name", "Isolated")));
        String ticket = create(
                admin,
                tenant,
                "/api/v1/tickets",
                Map.of(
                        "subject", "Isolated ticket",
                        "requester", Map.of("email", "requester@example.com"),
                        "tags", List.of("Isolated")));
        ids.put("/api/v1/tickets", ticket);
        ids.put(
                "/api/v1/tickets/by-number",
                call(admin, tenant, "GET", "/api/v1/tickets/" + ticket)
                        .jsonPath()
                        .getString("number"));
        ids.put(
                "{messageId}",
                create(admin, tenant, "/api/v1/tickets/" + ticket + "/messages", Map.of("body", "Isolated reply")));
        // a file of the ticket (ids of nested files are keyed by their parent's prefix)
        ids.put(
                "{attachmentId}/api/v1/tickets",
                idOf(request(admin, tenant)
                        .multiPart("file", "isolated.txt", "Isolated file".getBytes(), "text/plain")
                        .post("/api/v1/tickets/" + ticket + "/attachments")
                        .then()
                        .statusCode(201)
                        .extract()
                        .response()));
        ids.put(
                "{reminderId}",
                create(
                        admin,
                        tenant,
                        "/api/v1/tickets/" + ticket + "/reminders",
                        Map.of("remindAt", "2099-01-01T00:00:00Z", "note", "Isolated")));
        ids.put(
                "/api/v1/helpdesk/templates",
                create(
                        admin,
                        tenant,
                        "/api/v1/helpdesk/templates",
                        Map.of("name", "Isolated", "subject", "{{issue_type}} isolated")));
        ids.put(
                "/api/v1/helpdesk/canned-responses",
                create(
                        admin,
                        tenant,
                        "/api/v1/helpdesk/canned-responses",
                        Map.of("name", "Isolated", "body", "Hello {{requester.name}}")));
        // a rule to B's team, once helpdesk-service has heard of the team
        ids.put(
                "/api/v1/helpdesk/assignment-rules",
                awaitCreated(
                        admin,
                        tenant,
                        "/api/v1/helpdesk/assignment-rules",
                        Map.of("category", "isolated", "teamId", ids.get("/api/v1/teams"))));
        // a contact and a mailbox (disabled: nothing polls it; a public address literal passes the server check)
        ids.put(
                "/api/v1/contacts",
                create(
                        admin,
                        tenant,
                        "/api/v1/contacts",
                        Map.of("name", "Isolated", "emails", List.of(Map.of("address", "isolated@example.com")))));
        ids.put(
                "/api/v1/helpdesk/mailboxes",
                create(
                        admin,
                        tenant,
                        "/api/v1/helpdesk/mailboxes",
                        Map.of(
                                "name",
                                "Isolated",
                                "enabled",
                                false,
                                "imap",
                                Map.of("host", "93.184.216.34", "user", "support@" + tenant + ".example"),
                                "smtp",
                                Map.of("host", "93.184.216.34"),
                                "fromAddress",
                                "support@" + tenant + ".example")));
        ids.put(
                "/api/v1/helpdesk/sla-policies",
                create(
                        admin,
                        tenant,
                        "/api/v1/helpdesk/sla-policies",
                        Map.of(
                                "name",
                                "Isolated",
                                "priority",
                                "critical",
                                "firstResponseMinutes",
                                15,
                                "resolutionMinutes",
                                60)));
        chatResources(admin, tenant, ids);
        return ids;
    }

    /**
     * A widget, an online agent, a visitor's session assigned to them (started through the public visitor API, from an
     * allowed origin) and a pending transfer of it (chat-service).
     */
    private static void chatResources(TestUser admin, String tenant, Map<String, String> ids) {
        Response widget = request(admin, tenant)
                .contentType("application/json")
                .body(Map.of(
                        "name",
                        "Isolated shop",
                        "allowedDomains",
                        List.of("*.example.com"),
                        "behaviour",
                        Map.of("allowFileUpload", true)))
                .post("/api/v1/chat/widgets");
        assertThat(widget.statusCode())
                .as("POST /api/v1/chat/widgets: %s", widget.asString())
                .isEqualTo(201);
        ids.put("/api/v1/chat/widgets", idOf(widget));
        TestUser agent = USERS.member(tenant, Roles.AGENT);
        ids.put("/api/v1/chat/agents", agent.id());
        request(agent, tenant)
                .contentType("application/merge-patch+json")
                .body(Map.of("availability", "online"))
                .patch("/api/v1/chat/agents/me")
                .then()
                .statusCode(200);
        Response visit = given().header("Origin", "https://shop.example.com")
                .contentType("application/json")
                .body(Map.of("name", "Isolated visitor", "currentUrl", "https://shop.example.com/cart"))
                .post("/api/v1/chat/public/widgets/" + widget.jsonPath().getString("widgetKey") + "/sessions");
        assertThat(visit.statusCode())
                .as("a visitor starts a chat: %s", visit.asString())
                .isEqualTo(201);
        String session = visit.jsonPath().getString("session.id");
        ids.put("/api/v1/chat/sessions", session);
        ids.put("/api/v1/chat/visitors", visit.jsonPath().getString("session.visitorId"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> agent.id()
                        .equals(call(agent, tenant, "GET", "/api/v1/chat/sessions/" + session)
                                .jsonPath()
                                .getString("assignedTo")));
        // a file the visitor sent in it
        ids.put(
                "{attachmentId}/api/v1/chat/sessions",
                given().header("Origin", "https://shop.example.com")
                        .header("X-Chat-Token", visit.jsonPath().getString("token"))
                        .multiPart("file", "isolated.txt", "Isolated file".getBytes(), "text/plain")
                        .post("/api/v1/chat/public/sessions/" + session + "/attachments")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("attachment.id"));
        // a transfer to B's team, once chat-service has heard of the team
        ids.put(
                "/api/v1/chat/transfers",
                awaitCreated(
                        agent,
                        tenant,
                        "/api/v1/chat/sessions/" + session + "/transfers",
                        Map.of("toTeam", ids.get("/api/v1/teams"), "reason", "isolation")));
    }

    private static String create(TestUser admin, String tenant, String path, Map<String, Object> body) {
        Response response = request(admin, tenant)
                .contentType("application/json")
                .body(body)
                .post(path);
        assertThat(response.statusCode())
                .as("POST %s: %s", path, response.asString())
                .isEqualTo(201);
        return idOf(response);
    }

    /** Creates what refers to something another service learns from events: retried until the service knows it. */
    private static String awaitCreated(TestUser caller, String tenant, String path, Map<String, Object> body) {
        Response created = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> request(caller, tenant)
                                .contentType("application/json")
                                .body(body)
                                .post(path),
                        response -> response.statusCode() != 422);
        assertThat(created.statusCode())
                .as("POST %s: %s", path, created.asString())
                .isEqualTo(201);
        return idOf(created);
    }

    /** The created resource's id, from its location whatever the shape of the body. */
    private static String idOf(Response created) {
        String location = created.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static Response call(TestUser caller, String tenant, String method, String path) {
        return call(caller, tenant, method, path, "{}");
    }

    private static Response call(TestUser caller, String tenant, String method, String path, String body) {
        RequestSpecification request = request(caller, tenant);
        if (method.equals("POST") || method.equals("PUT")) {
            request = request.contentType("application/json").body(body);
        } else if (method.equals("PATCH")) {
            request = request.contentType("application/merge-patch+json").body(body);
        }
        return request.request(method, path);
    }

    private static RequestSpecification request(TestUser caller, String tenant) {
        return given().auth().oauth2(caller.token()).header("X-Tenant-ID", tenant);
    }
}
