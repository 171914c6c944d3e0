package io.switchboard.helpdesk.mailbox;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static io.switchboard.helpdesk.support.MailFixtures.address;
import static io.switchboard.helpdesk.support.MailFixtures.mailbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.helpdesk.support.Fixtures;
import io.switchboard.helpdesk.support.Fixtures.Team;
import io.switchboard.helpdesk.support.MailFixtures;
import io.switchboard.testing.Database;
import io.switchboard.testing.TestUsers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Mailbox settings: only tenant admins (tickets:manage), passwords encrypted and never shown, servers checked. */
@QuarkusTest
class MailboxApiTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void adminsKeepMailboxesWhosePasswordsNeverComeBack() throws Exception {
        Team t = Team.of(users, "mbx");
        String support = address("support", "acme.test");
        Map<String, Object> body = mailbox(support);
        body.put("smtp", Map.of("host", "127.0.0.1", "port", 3025, "user", support, "password", "smtp-secret"));
        String response = as(t.admin(), t.tenant())
                .body(body)
                .post("/api/v1/helpdesk/mailboxes")
                .then()
                .statusCode(201)
                .body("enabled", equalTo(true))
                .body("imap.passwordSet", equalTo(true))
                .body("imap.folder", equalTo("INBOX"))
                .body("smtp.passwordSet", equalTo(true))
                .body("smtp.security", equalTo("starttls"))
                .body("fromAddress", equalTo(support))
                .extract()
                .asString();
        assertThat(response).doesNotContain("imap-secret").doesNotContain("smtp-secret");
        String id = io.restassured.path.json.JsonPath.from(response).getString("id");
        try (Connection connection = Database.connectAs(Fixtures.ROLE);
                PreparedStatement set = connection.prepareStatement("select set_config('app.tenant_id', ?, false)");
                PreparedStatement read = connection.prepareStatement(
                        "select imap_password, smtp_password from mailbox where id = ?::uuid")) {
            set.setString(1, t.tenant());
            set.execute();
            read.setString(1, id);
            try (ResultSet rs = read.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("v1.").doesNotContain("imap-secret");
                assertThat(rs.getString(2)).startsWith("v1.").doesNotContain("smtp-secret");
            }
        }

        as(t.agent(), t.tenant()).get("/api/v1/helpdesk/mailboxes").then().statusCode(403);
        as(t.supervisor(), t.tenant())
                .get("/api/v1/helpdesk/mailboxes/" + id)
                .then()
                .statusCode(403);
        as(t.viewer(), t.tenant())
                .body(mailbox(address("x", "acme.test")))
                .post("/api/v1/helpdesk/mailboxes")
                .then()
                .statusCode(403);

        String etag = as(t.admin(), t.tenant())
                .get("/api/v1/helpdesk/mailboxes/" + id)
                .header("ETag");
        patchAs(t.admin(), t.tenant())
                .header("If-Match", etag)
                .body("{\"enabled\": false, \"smtp\": {\"password\": null, \"user\": null}}")
                .patch("/api/v1/helpdesk/mailboxes/" + id)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false))
                .body("smtp.passwordSet", equalTo(false))
                .body("imap.passwordSet", equalTo(true));
        as(t.admin(), t.tenant()).get("/api/v1/helpdesk/mailboxes").then().body("items.id", hasItem(id));
        as(t.admin(), t.tenant())
                .delete("/api/v1/helpdesk/mailboxes/" + id)
                .then()
                .statusCode(204);
        as(t.admin(), t.tenant()).get("/api/v1/helpdesk/mailboxes/" + id).then().statusCode(404);
    }

    @Test
    void badSettingsAreNamed() {
        Team t = Team.of(users, "mbv");
        Map<String, Object> body = MailFixtures.mailbox("not-an-address");
        body.put("imap", Map.of("host", "imap://mail.example.com:993", "user", "u"));
        body.put("smtp", Map.of("host", "no-such-host.invalid", "port", 70000));
        as(t.admin(), t.tenant())
                .body(body)
                .post("/api/v1/helpdesk/mailboxes")
                .then()
                .statusCode(400)
                .body(
                        "errors.field",
                        org.hamcrest.Matchers.containsInAnyOrder("smtp.port", "imap.host", "smtp.host", "fromAddress"));
        as(t.admin(), t.tenant())
                .body(Map.of("name", "Empty"))
                .post("/api/v1/helpdesk/mailboxes")
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("imap", "smtp", "fromAddress"));
    }
}
