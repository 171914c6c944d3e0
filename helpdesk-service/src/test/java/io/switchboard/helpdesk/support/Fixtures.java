package io.switchboard.helpdesk.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers of helpdesk-service's tests: tenants the service knows, their users, requests and tickets. */
public final class Fixtures {

    public static final String ROLE = "helpdesk_service";

    private Fixtures() {}

    /** A new active tenant with every feature and the default settings, once the service's directory has it. */
    public static String tenant(String prefix) {
        return tenant(prefix, TenantFixtures.defaultSettings());
    }

    /** A new active tenant with these settings ({@code locale} picks the search language). */
    public static String tenant(String prefix, Map<String, Object> settings) {
        String tenantId = TenantFixtures.newTenantId(prefix);
        TenantFixtures.publish(
                EventTypes.TENANT_CREATED,
                tenantId,
                "active",
                TenantFixtures.ALL_FEATURES,
                Map.of("maxAgents", 50, "maxDids", 20, "maxConcurrentCalls", 10),
                settings);
        TenantFixtures.awaitInDirectory(ROLE, tenantId, "active");
        return tenantId;
    }

    /** Settings with this locale. */
    public static Map<String, Object> locale(String locale) {
        Map<String, Object> settings = new HashMap<>(TenantFixtures.defaultSettings());
        settings.put("locale", locale);
        return settings;
    }

    /** A request as {@code user} acting for {@code tenant}. */
    public static RequestSpecification as(TestUser user, String tenant) {
        return given().auth().oauth2(user.token()).header("X-Tenant-ID", tenant).contentType(ContentType.JSON);
    }

    /** A merge-patch request as {@code user} acting for {@code tenant}. */
    public static RequestSpecification patchAs(TestUser user, String tenant) {
        return given().auth()
                .oauth2(user.token())
                .header("X-Tenant-ID", tenant)
                .contentType("application/merge-patch+json");
    }

    /** A valid creation request with this subject. */
    public static Map<String, Object> ticket(String subject) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", subject);
        body.put("requester", Map.of("email", "customer@example.com", "name", "Carla Customer"));
        return body;
    }

    /** Creates a ticket and returns its id. */
    public static String create(TestUser user, String tenant, Map<String, Object> body) {
        return as(user, tenant)
                .body(body)
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Creates the tenant's tags (as its admin). */
    public static void tags(TestUser admin, String tenant, String... names) {
        for (String name : names) {
            as(admin, tenant)
                    .body(Map.of("name", name, "color", "#1f77b4"))
                    .post("/api/v1/helpdesk/tags")
                    .then()
                    .statusCode(201);
        }
    }

    /** A tenant with one user of every role. */
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

        public List<TestUser> all() {
            return List.of(admin, supervisor, agent, viewer);
        }
    }
}
