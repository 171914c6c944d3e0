package io.switchboard.tenant.user;

import static io.switchboard.tenant.TestTenants.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.tenant.TestTenants;
import io.switchboard.testing.Keycloak;
import io.switchboard.testing.LocalStack;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keycloak unreachable, as tenant-service sees it (its Admin API calls go through a proxy the test cuts): a user
 * cannot be created, and nothing is; a change is accepted, committed with its events, and reaches Keycloak once it is
 * back, without anyone repeating it.
 */
@QuarkusTest
@TestProfile(KeycloakOutageTest.ThroughProxy.class)
class KeycloakOutageTest {

    static final int PROXY_PORT = 18_181;

    public static class ThroughProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.keycloak.admin-client.server-url", "http://127.0.0.1:" + PROXY_PORT);
        }
    }

    private static final String PASSWORD = "Correct-horse-42";
    private static final TestUsers USERS = new TestUsers();
    private static SwitchableProxy proxy;
    private static String tenant;
    private static TestUser admin;

    @BeforeEach
    void setUp() throws Exception {
        if (proxy == null) {
            URI keycloak = URI.create(LocalStack.keycloakUrl());
            proxy = new SwitchableProxy(PROXY_PORT, new InetSocketAddress(keycloak.getHost(), keycloak.getPort()));
            TestUser superadmin = USERS.superadmin();
            tenant = TestTenants.createActive(superadmin.token(), "kc-outage");
            admin = USERS.member(tenant, "tenant_admin");
        }
        proxy.up();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        proxy.close();
        USERS.close();
    }

    @Test
    void withoutKeycloakNoUserIsCreatedAndTheAnswerSaysSo() throws Exception {
        proxy.down();
        String email = "outage-" + UUID.randomUUID().toString().substring(0, 8) + "@users.test.switchboard.local";
        as(admin.token())
                .header("X-Tenant-ID", tenant)
                .body(Map.of("email", email, "firstName", "Out", "lastName", "Age", "roles", List.of("agent")))
                .post("/api/v1/users")
                .then()
                .statusCode(503)
                .body("type", equalTo("urn:switchboard:problem:service-unavailable"));
        proxy.up();
        as(admin.token())
                .header("X-Tenant-ID", tenant)
                .get("/api/v1/users?q=" + email)
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(0));
    }

    @Test
    void aChangeMadeWhileKeycloakIsDownReachesItWhenItIsBack() throws Exception {
        String email = "later-" + UUID.randomUUID().toString().substring(0, 8) + "@users.test.switchboard.local";
        String id = as(admin.token())
                .header("X-Tenant-ID", tenant)
                .body(Map.of(
                        "email",
                        email,
                        "firstName",
                        "Later",
                        "lastName",
                        "Sync",
                        "roles",
                        List.of("agent"),
                        "password",
                        PASSWORD))
                .post("/api/v1/users")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try {
            proxy.down();
            as(admin.token())
                    .header("X-Tenant-ID", tenant)
                    .contentType("application/merge-patch+json")
                    .body(Map.of("roles", List.of("supervisor")))
                    .patch("/api/v1/users/" + id)
                    .then()
                    .statusCode(200)
                    .body("roles", equalTo(List.of("supervisor")))
                    .body("identity", equalTo("pending"));
            assertThat(Keycloak.roles(Keycloak.token(email, PASSWORD), tenant)).containsExactly("agent");

            proxy.up();
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(Keycloak.roles(Keycloak.token(email, PASSWORD), tenant))
                            .containsExactly("supervisor"));
            as(admin.token())
                    .header("X-Tenant-ID", tenant)
                    .get("/api/v1/users/" + id)
                    .then()
                    .statusCode(200)
                    .body("identity", equalTo("synced"));
        } finally {
            Keycloak.deleteUser(id);
        }
    }
}
