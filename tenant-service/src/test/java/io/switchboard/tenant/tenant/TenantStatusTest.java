package io.switchboard.tenant.tenant;

import static io.switchboard.tenant.TestTenants.as;
import static io.switchboard.tenant.TestTenants.create;
import static io.switchboard.tenant.TestTenants.createActive;
import static io.switchboard.tenant.TestTenants.newId;
import static io.switchboard.tenant.TestTenants.patch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The status lifecycle: allowed and refused transitions, trials and their expiry. */
@QuarkusTest
class TenantStatusTest {

    private static final TestUsers users = new TestUsers();
    private static TestUser superadmin;

    @BeforeAll
    static void setUp() {
        superadmin = users.superadmin();
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void statusMovesAlongAllowedTransitionsOnly() {
        String id = createActive(superadmin.token(), "status");
        patch(superadmin.token(), id, Map.of("status", "trial"))
                .statusCode(409)
                .body("type", equalTo("urn:switchboard:problem:invalid-state-transition"))
                .body("from", equalTo("active"))
                .body("to", equalTo("trial"));
        patch(superadmin.token(), id, Map.of("status", "suspended", "statusReason", "abuse report"))
                .statusCode(200)
                .body("status", equalTo("suspended"))
                .body("statusReason", equalTo("abuse report"));
        patch(superadmin.token(), id, Map.of("status", "inactive")).statusCode(200);
        patch(superadmin.token(), id, Map.of("status", "suspended"))
                .statusCode(409)
                .body("detail", containsString("inactive"));
        patch(superadmin.token(), id, Map.of("status", "trial"))
                .statusCode(200)
                .body("status", equalTo("trial"))
                .body("trialExpiresAt", notNullValue());
        patch(superadmin.token(), id, Map.of("status", "active"))
                .statusCode(200)
                .body("trialExpiresAt", nullValue());
    }

    @Test
    void trialRulesAreExplained() {
        String id = newId("trialrules");
        create(superadmin.token(), Map.of("id", id, "name", "T", "trialExpiresAt", "2020-01-01T00:00:00Z"))
                .statusCode(400)
                .body("errors[0].field", equalTo("trialExpiresAt"))
                .body("errors[0].message", equalTo("must be in the future"));
        String active = createActive(superadmin.token(), "trialrules");
        patch(superadmin.token(), active, Map.of("trialExpiresAt", "2099-01-01T00:00:00Z"))
                .statusCode(400)
                .body("errors[0].field", equalTo("trialExpiresAt"))
                .body("errors[0].message", containsString("only a tenant in trial"));
        String trial = newId("trialrules");
        create(superadmin.token(), Map.of("id", trial, "name", "T", "status", "trial"))
                .statusCode(201);
        patch(superadmin.token(), trial, Map.of("trialExpiresAt", "2099-06-30T12:00:00+02:00"))
                .statusCode(200)
                .body("trialExpiresAt", equalTo("2099-06-30T10:00:00Z"));
    }

    @Test
    void anExpiredTrialBecomesInactiveOnItsOwnWithAnEvent() throws Exception {
        try (EventCapture events = EventCapture.open(Topics.TENANT_EVENTS)) {
            String id = newId("expiring");
            String expiry = Instant.now().plusSeconds(2).toString();
            create(superadmin.token(), Map.of("id", id, "name", "Short trial", "trialExpiresAt", expiry))
                    .statusCode(201)
                    .body("status", equalTo("trial"));

            EventCapture.Captured changed =
                    events.awaitOne(EventCapture.event(EventTypes.TENANT_STATUS_CHANGED, id), Duration.ofSeconds(30));
            JsonNode data = new ObjectMapper().readTree(changed.event().data());
            assertThat(data.get("previousStatus").asText()).isEqualTo("trial");
            assertThat(data.get("status").asText()).isEqualTo("inactive");
            assertThat(data.get("reason").asText()).startsWith("trial expired on");
            assertThat(changed.event().actor()).isEqualTo("system");

            as(superadmin.token())
                    .get("/api/v1/tenants/" + id)
                    .then()
                    .body("status", equalTo("inactive"))
                    .body("trialExpiresAt", nullValue())
                    .body("statusReason", containsString("trial expired"));
            // extending the expired trial brings it back
            patch(superadmin.token(), id, Map.of("status", "trial", "trialExpiresAt", "2099-01-01T00:00:00Z"))
                    .statusCode(200)
                    .body("status", equalTo("trial"));
        }
    }
}
