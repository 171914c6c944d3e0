package io.switchboard.helpdesk.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.testing.DirectoryFixtures;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    /** Makes {@code user} an active member of the tenant in the service's member directory (and waits for it). */
    public static TestUser member(TestUser user, String tenant, String... roles) {
        DirectoryFixtures.publishMember(tenant, user.id(), "active", roles);
        DirectoryFixtures.awaitMember(ROLE, tenant, user.id(), "active");
        return user;
    }

    /** A tenant team with these members, once the service's team directory has it; returns its id. */
    public static UUID team(String tenant, TestUser... members) {
        UUID id = UUID.randomUUID();
        long version = DirectoryFixtures.publishTeam(
                tenant,
                id,
                "Team " + id.toString().substring(0, 8),
                java.util.Arrays.stream(members).map(TestUser::id).toList());
        DirectoryFixtures.awaitTeam(ROLE, id, version);
        return id;
    }

    /** A tenant with one user of every role, each an active member in the service's directory. */
    public record Team(String tenant, TestUser admin, TestUser supervisor, TestUser agent, TestUser viewer) {
        public static Team of(TestUsers users, String prefix) {
            String tenant = Fixtures.tenant(prefix);
            return new Team(
                    tenant,
                    member(users.member(tenant, "tenant_admin"), tenant, "tenant_admin"),
                    member(users.member(tenant, "supervisor"), tenant, "supervisor"),
                    member(users.member(tenant, "agent"), tenant, "agent"),
                    member(users.member(tenant, "viewer"), tenant, "viewer"));
        }

        public List<TestUser> all() {
            return List.of(admin, supervisor, agent, viewer);
        }
    }
}
