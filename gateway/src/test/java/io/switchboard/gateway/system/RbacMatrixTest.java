package io.switchboard.gateway.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.commons.security.Roles;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The access matrix of docs/rbac.md, walked for every endpoint the services publish (their merged OpenAPI document
 * through the gateway), for every role, with real tokens, through the gateway: a caller the matrix allows gets past
 * authorization (any answer but 401 and 403, and never a 5xx), any other caller gets 403, and a request without a
 * token 401. Requests carry ids that do not exist and empty bodies, so allowed calls end in 400 or 404 and change
 * nothing.
 */
@QuarkusTest
@TestProfile(SystemTest.WholePlatform.class)
class RbacMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestUsers USERS = new TestUsers();
    private static final List<String> ROLES =
            List.of(Roles.SUPERADMIN, Roles.TENANT_ADMIN, Roles.SUPERVISOR, Roles.AGENT, Roles.VIEWER);

    @AfterAll
    static void cleanUp() {
        USERS.close();
    }

    @Test
    void theMatrixCoversEveryEndpointAndHoldsForEveryRole() throws Exception {
        Set<String> published = published();
        assertThat(published)
                .as("endpoints the services publish that the matrix (and docs/rbac.md) must cover")
                .containsExactlyInAnyOrderElementsOf(AccessMatrix.RULES.keySet());

        TestUser superadmin = USERS.superadmin();
        String tenant = PlatformServices.createTenant(superadmin, "rbac");
        Map<String, TestUser> callers = new LinkedHashMap<>();
        callers.put(Roles.SUPERADMIN, superadmin);
        for (String role : ROLES.subList(1, ROLES.size())) {
            callers.put(role, USERS.member(tenant, role));
        }

        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, AccessMatrix.Rule> endpoint : AccessMatrix.RULES.entrySet()) {
            String method = endpoint.getKey().split(" ")[0];
            String path = endpoint.getKey().split(" ")[1];
            int anonymous = call(null, tenant, method, path).statusCode();
            boolean open = endpoint.getValue().kind().equals("public");
            if (open ? anonymous >= 500 : anonymous != 401) {
                wrong.add(endpoint.getKey() + " without a token: " + anonymous);
            }
            for (Map.Entry<String, TestUser> caller : callers.entrySet()) {
                Response response = call(caller.getValue().token(), tenant, method, path);
                int status = response.statusCode();
                boolean allowed = endpoint.getValue().allows(caller.getKey());
                // a public endpoint's 401/403 is the service's own (no widget key, no visitor token): never a 5xx
                boolean ok =
                        open ? status < 500 : allowed ? status != 401 && status != 403 && status < 500 : status == 403;
                if (!ok) {
                    wrong.add(endpoint.getKey() + " as " + caller.getKey() + ": " + status + " (expected "
                            + (allowed ? "allowed" : "403") + ") " + response.asString());
                }
            }
        }
        assertThat(wrong).as("calls that disagree with the matrix").isEmpty();
    }

    private static Response call(String token, String tenant, String method, String template) {
        String id = template.startsWith("/api/v1/tenants/")
                ? tenantId(method, template, tenant)
                : UUID.randomUUID().toString();
        String path = template.replace("{id}", id)
                .replace("{memberId}", UUID.randomUUID().toString())
                .replace("{subscriptionId}", UUID.randomUUID().toString())
                .replace("{deliveryId}", UUID.randomUUID().toString())
                .replace("{messageId}", UUID.randomUUID().toString())
                .replace("{attachmentId}", UUID.randomUUID().toString())
                .replace("{reminderId}", UUID.randomUUID().toString())
                .replace("{number}", "NX-00001")
                .replace("{userId}", UUID.randomUUID().toString())
                .replace("{visitorId}", UUID.randomUUID().toString())
                .replace("{key}", "no-such-widget-key");
        RequestSpecification request = given().header("X-Tenant-ID", tenant);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (method.equals("POST") || method.equals("PUT")) {
            request = request.contentType("application/json").body("{}");
        } else if (method.equals("PATCH")) {
            request = request.contentType("application/merge-patch+json").body("{}");
        }
        return request.request(method, path);
    }

    /** Reads and changes go to the caller's tenant; deleting and restoring to one that does not exist. */
    private static String tenantId(String method, String template, String tenant) {
        return method.equals("DELETE") || template.endsWith("/restore")
                ? "nx-" + UUID.randomUUID().toString().substring(0, 8)
                : tenant;
    }

    /** "METHOD path" of every operation in the merged OpenAPI document. */
    static Set<String> published() throws Exception {
        JsonNode doc = JSON.readTree(
                given().get("/openapi").then().statusCode(200).extract().asString());
        List<String> unavailable = new ArrayList<>();
        doc.path("x-switchboard-unavailable").forEach(name -> unavailable.add(name.asText()));
        assertThat(unavailable)
                .as("every service answers")
                .doesNotContain(
                        "tenant-service",
                        "telephony-service",
                        "routing-service",
                        "webhook-dispatcher",
                        "helpdesk-service",
                        "chat-service");
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        doc.path("paths").properties().iterator();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().startsWith("/api/v1/echo") || path.getKey().startsWith("/api/v1/other")) {
                continue; // the test services of GatewayProxyTest (Backend), when it ran first in this JVM
            }
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                if (path.getValue().has(method)) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        return operations;
    }
}
