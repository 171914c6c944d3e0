package io.switchboard.telephony.config;

import static io.switchboard.telephony.Fixtures.as;
import static io.switchboard.telephony.config.ExtensionApiTest.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.telephony.Fixtures;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Voicemail boxes through the API, as app_voicemail's realtime rows. */
@QuarkusTest
class VoicemailApiTest {

    private static final TestUsers users = new TestUsers();
    private static String tenant;
    private static TestUser admin;

    @BeforeEach
    void setUp() {
        if (tenant != null) {
            return;
        }
        tenant = Fixtures.tenant("vm", 10);
        admin = users.member(tenant, "tenant_admin");
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void aBoxLivesInTheTenantsContextAndItsPinIsNeverReturned() throws Exception {
        String id = as(admin.token(), tenant)
                .body(Map.of(
                        "mailbox",
                        "4001",
                        "pin",
                        "2468",
                        "fullName",
                        "Alan Turing",
                        "email",
                        "alan@example.com",
                        "attachAudio",
                        false))
                .post("/api/v1/voicemail-boxes")
                .then()
                .statusCode(201)
                .body("voicemailBox.context", equalTo(tenant))
                .body("$", not(hasKey("pin")))
                .extract()
                .path("voicemailBox.id");
        assertThat(row(
                        "select context, password, fullname, email, attach::text from voicemail where mailbox = ?"
                                + " and context = '" + tenant + "'",
                        "4001"))
                .containsEntry("context", tenant)
                .containsEntry("password", "2468")
                .containsEntry("fullname", "Alan Turing")
                .containsEntry("attach", "no");
        as(admin.token(), tenant)
                .get("/api/v1/voicemail-boxes/" + id)
                .then()
                .body("$", not(hasKey("pin")))
                .body("attachAudio", equalTo(false));
        String pin = as(admin.token(), tenant)
                .post("/api/v1/voicemail-boxes/" + id + "/pin")
                .then()
                .statusCode(200)
                .extract()
                .path("pin");
        assertThat(pin).matches("[0-9]{6}");
        assertThat(row("select password from voicemail where mailbox = ? and context = '" + tenant + "'", "4001"))
                .containsEntry("password", pin);
    }

    @Test
    void badBoxesAreRefusedWithTheField() {
        as(admin.token(), tenant)
                .body(Map.of("mailbox", "x1", "pin", "12", "email", "not-an-email"))
                .post("/api/v1/voicemail-boxes")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("mailbox"))
                .body("errors.field", hasItem("pin"));
        as(admin.token(), tenant)
                .body(Map.of("mailbox", "4002", "email", "not-an-email"))
                .post("/api/v1/voicemail-boxes")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("email"));
    }
}
