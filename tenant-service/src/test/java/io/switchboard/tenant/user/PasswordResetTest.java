package io.switchboard.tenant.user;

import static io.switchboard.tenant.TestTenants.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.tenant.TestTenants;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.EventCapture.Captured;
import io.switchboard.testing.Keycloak;
import io.switchboard.testing.Mailbox;
import io.switchboard.testing.Mailbox.Mail;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Passwords reset by e-mail through Keycloak's own flow, with the real mail server: the link arrives, a user follows
 * it in Keycloak's pages and logs in with the new password. And the logins that Keycloak holds without a user here
 * (a crash between the two writes) are found and removed.
 */
@QuarkusTest
class PasswordResetTest {

    private static final String PASSWORD = "Correct-horse-42";
    private static final Pattern LINK = Pattern.compile("(http\\S+/login-actions/action-token\\?\\S+)");
    private static final TestUsers USERS = new TestUsers();
    private static final List<String> MADE = new CopyOnWriteArrayList<>();

    private static TestUser superadmin;
    private static String tenantA;
    private static String tenantB;
    private static TestUser adminA;
    private static TestUser adminB;

    @Inject
    IdentitySync sync;

    @BeforeEach
    void setUp() {
        if (superadmin == null) {
            superadmin = USERS.superadmin();
            tenantA = TestTenants.createActive(superadmin.token(), "reset-a");
            tenantB = TestTenants.createActive(superadmin.token(), "reset-b");
            adminA = USERS.member(tenantA, "tenant_admin");
            adminB = USERS.member(tenantB, "tenant_admin");
        }
    }

    @AfterAll
    static void cleanUp() {
        MADE.forEach(Keycloak::deleteUser);
        USERS.close();
    }

    @Test
    void aUserResetsTheirPasswordWithTheLinkKeycloakMailed() {
        String email = email("ivy");
        String id = createUser(email, "agent");
        try (EventCapture events = EventCapture.open(Topics.TENANT_EVENTS)) {
            as(adminA.token())
                    .header("X-Tenant-ID", tenantA)
                    .post("/api/v1/users/" + id + "/password-reset")
                    .then()
                    .statusCode(202);

            Mail mail = Mailbox.awaitFirst(email, Duration.ofSeconds(30));
            assertThat(mail.from()).anyMatch(from -> from.contains("noreply@switchboard.local"));
            Matcher link = LINK.matcher(mail.body());
            assertThat(link.find()).as("reset link in: %s", mail.body()).isTrue();

            String page = Keycloak.followPasswordResetLink(link.group(1).replace("&amp;", "&"), "Fresh-start-2026");
            assertThat(page).contains("Your account has been updated");
            assertThat(Keycloak.token(email, "Fresh-start-2026")).isNotBlank();
            assertThatThrownBy(() -> Keycloak.token(email, PASSWORD)).isInstanceOf(RuntimeException.class);

            Captured event = events.awaitOne(
                    EventCapture.event(EventTypes.TENANT_USER_PASSWORD_RESET_REQUESTED, id), Duration.ofSeconds(30));
            assertThat(event.event().tenantId()).isEqualTo(tenantA);
            assertThat(event.dataAsString())
                    .contains("\"method\":\"reset_link\"")
                    .doesNotContain("Fresh-start");
            assertThat(AsyncApiContract.load().violations(event)).isEmpty();
        }
    }

    @Test
    void onlyActiveUsersOfTheTenantGetALinkAndOnlyFromUserManagers() {
        String email = email("jack");
        String id = createUser(email, "agent");
        as(adminB.token())
                .header("X-Tenant-ID", tenantB)
                .post("/api/v1/users/" + id + "/password-reset")
                .then()
                .statusCode(404);
        as(Keycloak.token(email, PASSWORD))
                .header("X-Tenant-ID", tenantA)
                .post("/api/v1/users/" + id + "/password-reset")
                .then()
                .statusCode(403);
        as(adminA.token())
                .header("X-Tenant-ID", tenantA)
                .contentType("application/merge-patch+json")
                .body(Map.of("status", "suspended"))
                .patch("/api/v1/users/" + id)
                .then()
                .statusCode(200);
        as(adminA.token())
                .header("X-Tenant-ID", tenantA)
                .post("/api/v1/users/" + id + "/password-reset")
                .then()
                .statusCode(409)
                .body("detail", containsString("suspended"));
        assertThat(Mailbox.messages(email)).isEmpty();
    }

    @Test
    void theAdminSettingAPasswordIsAuditedWithoutThePassword() {
        String email = email("kate");
        String id = createUser(email, "viewer");
        String token = Keycloak.token(email, PASSWORD);
        try (EventCapture events = EventCapture.open(Topics.TENANT_EVENTS)) {
            as(adminA.token())
                    .header("X-Tenant-ID", tenantA)
                    .body(Map.of("password", "Temporary-pass-1", "temporary", true))
                    .put("/api/v1/users/" + id + "/password")
                    .then()
                    .statusCode(204);
            Captured event = events.awaitOne(
                    EventCapture.event(EventTypes.TENANT_USER_PASSWORD_CHANGED, id), Duration.ofSeconds(30));
            assertThat(event.dataAsString())
                    .contains("\"method\":\"set\"", "\"temporary\":true")
                    .doesNotContain("Temporary-pass-1");
            assertThat(AsyncApiContract.load().violations(event)).isEmpty();
        }
        // every service's user directory reads past the password event (same user, same partition): a suspension
        // that follows it still refuses the user's token
        as(token).header("X-Tenant-ID", tenantA).get("/api/v1/tenants").then().statusCode(200);
        as(adminA.token())
                .header("X-Tenant-ID", tenantA)
                .contentType("application/merge-patch+json")
                .body(Map.of("status", "suspended"))
                .patch("/api/v1/users/" + id)
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(token)
                        .header("X-Tenant-ID", tenantA)
                        .get("/api/v1/tenants")
                        .then()
                        .statusCode(401));
    }

    @Test
    void aLoginWithoutItsUserIsRemovedOnceItIsOlderThanTheGracePeriod() {
        String email = email("orphan");
        // what a crash between Keycloak and the database leaves: a login this deployment made, and no user row
        String orphan = Keycloak.createLogin(Map.of(
                "username",
                email,
                "email",
                email,
                "enabled",
                true,
                "attributes",
                Map.of(KeycloakUsers.MANAGED, List.of("switchboard-test"))));
        MADE.add(orphan);
        // another deployment's login sharing the realm is not this one's to judge
        String foreign = Keycloak.createLogin(Map.of(
                "username", email("foreign"),
                "enabled", true,
                "attributes", Map.of(KeycloakUsers.MANAGED, List.of("another-deployment"))));
        MADE.add(foreign);
        String kept = createUser(email("kept"), "agent");

        assertThat(sync.sweepOrphans(Duration.ofHours(1))).doesNotContain(UUID.fromString(orphan));
        assertThat(Keycloak.loginExists(orphan)).isTrue();

        List<UUID> removed = sync.sweepOrphans(Duration.ZERO);
        assertThat(removed).contains(UUID.fromString(orphan)).doesNotContain(UUID.fromString(kept));
        assertThat(Keycloak.loginExists(orphan)).isFalse();
        assertThat(Keycloak.loginExists(kept)).isTrue();
        assertThat(Keycloak.loginExists(foreign)).isTrue();

        // the e-mail is free again for a user made properly
        createUser(email, "viewer");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static String email(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@reset.test.switchboard.local";
    }

    private static String createUser(String email, String role) {
        String id = as(adminA.token())
                .header("X-Tenant-ID", tenantA)
                .body(Map.of(
                        "email",
                        email,
                        "firstName",
                        "Reset",
                        "lastName",
                        "Test",
                        "roles",
                        List.of(role),
                        "password",
                        PASSWORD))
                .post("/api/v1/users")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        MADE.add(id);
        return id;
    }
}
