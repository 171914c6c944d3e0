package io.switchboard.telephony.config;

import static io.switchboard.telephony.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.telephony.Fixtures;
import io.switchboard.telephony.ara.AraWriter;
import io.switchboard.testing.Database;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Extensions through the API, and the Asterisk rows they become. */
@QuarkusTest
class ExtensionApiTest {

    private static final TestUsers users = new TestUsers();
    private static String tenant;
    private static String otherTenant;
    private static String noWebrtcTenant;
    private static TestUser admin;
    private static TestUser agent;
    private static TestUser otherAdmin;

    @BeforeEach
    void setUp() {
        if (tenant != null) {
            return;
        }
        tenant = Fixtures.tenant("ext", 10);
        otherTenant = Fixtures.tenant("ext-other", 10);
        Map<String, Boolean> noWebrtc = new HashMap<>(TenantFixtures.ALL_FEATURES);
        noWebrtc.put("webrtc", false);
        noWebrtcTenant = Fixtures.tenant("ext-nowebrtc", noWebrtc, 10);
        admin = users.memberships(Map.of(tenant, List.of("tenant_admin"), noWebrtcTenant, List.of("tenant_admin")));
        agent = users.member(tenant, "agent");
        otherAdmin = users.member(otherTenant, "tenant_admin");
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void anExtensionBecomesAnAsteriskEndpointWithADigestNotAPassword() throws Exception {
        JsonPath created = as(admin.token(), tenant)
                .body(Map.of("number", "1001", "displayName", "Ada Lovelace", "codecs", List.of("opus", "ulaw")))
                .post("/api/v1/extensions")
                .then()
                .statusCode(201)
                .header("ETag", equalTo("\"0\""))
                .body("extension.number", equalTo("1001"))
                .body("extension.endpointId", equalTo(tenant + "_1001"))
                .body("extension", not(hasKey("password")))
                .body("credentials.username", equalTo(tenant + "_1001"))
                .body("credentials.realm", equalTo("switchboard"))
                .extract()
                .jsonPath();
        String endpoint = tenant + "_1001";
        String password = created.getString("credentials.password");
        assertThat(password).hasSize(20);

        Map<String, String> row = row(
                "select context, allow, disallow, webrtc::text, tenantid, aors, auth, callerid,"
                        + " direct_media::text from ps_endpoints where id = ?",
                endpoint);
        assertThat(row)
                .containsEntry("context", "from-internal-" + tenant)
                .containsEntry("allow", "opus,ulaw")
                .containsEntry("disallow", "all")
                .containsEntry("webrtc", "no")
                .containsEntry("tenantid", tenant)
                .containsEntry("aors", endpoint)
                .containsEntry("auth", endpoint)
                .containsEntry("callerid", "\"Ada Lovelace\" <1001>")
                .containsEntry("direct_media", "no");
        Map<String, String> auth =
                row("select auth_type::text, username, realm, md5_cred, password from ps_auths where id = ?", endpoint);
        assertThat(auth)
                .containsEntry("auth_type", "md5")
                .containsEntry("username", endpoint)
                .containsEntry("md5_cred", AraWriter.md5Credential(endpoint, "switchboard", password))
                .containsEntry("password", null);
        assertThat(row("select max_contacts::text, remove_existing::text from ps_aors where id = ?", endpoint))
                .containsEntry("max_contacts", "1")
                .containsEntry("remove_existing", "yes");

        String id = created.getString("extension.id");
        as(agent.token(), tenant)
                .get("/api/v1/extensions/" + id)
                .then()
                .statusCode(200)
                .body("number", equalTo("1001"))
                .body("$", not(hasKey("password")));
    }

    @Test
    void credentialsCanBeResetAndTheOldDigestStopsWorking() throws Exception {
        String id = create("1002").getString("extension.id");
        String before = row("select md5_cred from ps_auths where id = ?", tenant + "_1002")
                .get("md5_cred");
        String password = as(admin.token(), tenant)
                .post("/api/v1/extensions/" + id + "/credentials")
                .then()
                .statusCode(200)
                .extract()
                .path("password");
        String after = row("select md5_cred from ps_auths where id = ?", tenant + "_1002")
                .get("md5_cred");
        assertThat(after)
                .isNotEqualTo(before)
                .isEqualTo(AraWriter.md5Credential(tenant + "_1002", "switchboard", password));
    }

    @Test
    void webrtcNeedsTheFeatureAndSetsTheWebrtcProfile() throws Exception {
        as(admin.token(), noWebrtcTenant)
                .body(Map.of("number", "2001", "webrtc", true))
                .post("/api/v1/extensions")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:switchboard:problem:feature-disabled"))
                .body("feature", equalTo("webrtc"));
        as(admin.token(), tenant)
                .body(Map.of("number", "2001", "webrtc", true))
                .post("/api/v1/extensions")
                .then()
                .statusCode(201)
                .body("extension.maxContacts", equalTo(3));
        assertThat(row(
                        "select webrtc::text, dtls_auto_generate_cert::text from ps_endpoints where id = ?",
                        tenant + "_2001"))
                .containsEntry("webrtc", "yes")
                .containsEntry("dtls_auto_generate_cert", "yes");
    }

    @Test
    void mergePatchChangesTheEndpointAndVoicemailBoxesLinkByMailbox() throws Exception {
        String id = create("1003").getString("extension.id");
        String box = as(admin.token(), tenant)
                .body(Map.of("mailbox", "1003", "fullName", "Grace Hopper", "email", "grace@example.com"))
                .post("/api/v1/voicemail-boxes")
                .then()
                .statusCode(201)
                .body("pin", org.hamcrest.Matchers.matchesPattern("[0-9]{6}"))
                .extract()
                .path("voicemailBox.id");
        as(admin.token(), tenant)
                .contentType("application/merge-patch+json")
                .body(Fixtures.json(Map.of("codecs", List.of("g722"), "voicemailBoxId", box)))
                .patch("/api/v1/extensions/" + id)
                .then()
                .statusCode(200)
                .body("codecs", equalTo(List.of("g722")))
                .body("voicemailBoxId", equalTo(box))
                .body("version", equalTo(1));
        assertThat(row("select allow, mailboxes from ps_endpoints where id = ?", tenant + "_1003"))
                .containsEntry("allow", "g722")
                .containsEntry("mailboxes", "1003@" + tenant);
        Map<String, Object> unlink = new HashMap<>();
        unlink.put("voicemailBoxId", null);
        as(admin.token(), tenant)
                .contentType("application/merge-patch+json")
                .body(Fixtures.json(unlink))
                .patch("/api/v1/extensions/" + id)
                .then()
                .statusCode(200)
                .body("voicemailBoxId", nullValue());
        assertThat(row("select mailboxes from ps_endpoints where id = ?", tenant + "_1003"))
                .containsEntry("mailboxes", null);
    }

    @Test
    void badInputIsNamed() {
        as(admin.token(), tenant)
                .body(Map.of("number", "12a"))
                .post("/api/v1/extensions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("number"));
        as(admin.token(), tenant)
                .body(Map.of("number", "1010", "codecs", List.of("opus", "mp3", "opus"), "maxContacts", 50))
                .post("/api/v1/extensions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("codecs[1]"))
                .body("errors.field", hasItem("codecs[2]"))
                .body("errors.field", hasItem("maxContacts"));
        as(admin.token(), tenant)
                .body(Map.of(
                        "number",
                        "1011",
                        "voicemailBoxId",
                        java.util.UUID.randomUUID().toString()))
                .post("/api/v1/extensions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("voicemailBoxId"));
        create("1012");
        as(admin.token(), tenant)
                .body(Map.of("number", "1012"))
                .post("/api/v1/extensions")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:switchboard:problem:already-exists"));
    }

    @Test
    void registrationComesFromTheContactsAsteriskWrites() throws Exception {
        String id = create("1004").getString("extension.id");
        as(agent.token(), tenant)
                .get("/api/v1/extensions/" + id + "/registration")
                .then()
                .statusCode(200)
                .body("registered", equalTo(false));
        try (Connection asterisk = Database.connectAs("asterisk");
                PreparedStatement insert = asterisk.prepareStatement("insert into telephony_service.ps_contacts"
                        + " (id, uri, expiration_time, endpoint, user_agent) values (?, ?, ?, ?, ?)")) {
            insert.setString(1, tenant + "_1004^3B@abc");
            insert.setString(2, "sip:" + tenant + "_1004@192.0.2.10:5060");
            insert.setLong(3, Instant.now().plusSeconds(300).getEpochSecond());
            insert.setString(4, tenant + "_1004");
            insert.setString(5, "Yealink T46U");
            insert.executeUpdate();
        }
        as(agent.token(), tenant)
                .get("/api/v1/extensions/" + id + "/registration")
                .then()
                .body("registered", equalTo(true))
                .body("contacts[0].userAgent", equalTo("Yealink T46U"));
    }

    @Test
    void deletingRemovesTheAsteriskRows() throws Exception {
        String id = create("1005").getString("extension.id");
        as(admin.token(), tenant).delete("/api/v1/extensions/" + id).then().statusCode(204);
        assertThat(count("select count(*) from ps_endpoints where id = ?", tenant + "_1005"))
                .isZero();
        assertThat(count("select count(*) from ps_auths where id = ?", tenant + "_1005"))
                .isZero();
        as(admin.token(), tenant).get("/api/v1/extensions/" + id).then().statusCode(404);
    }

    @Test
    void anotherTenantSeesNothingAndAgentsCannotWrite() {
        String id = create("1006").getString("extension.id");
        as(otherAdmin.token(), otherTenant)
                .get("/api/v1/extensions/" + id)
                .then()
                .statusCode(404);
        as(otherAdmin.token(), otherTenant)
                .delete("/api/v1/extensions/" + id)
                .then()
                .statusCode(404);
        as(otherAdmin.token(), tenant)
                .get("/api/v1/extensions")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:switchboard:problem:forbidden"));
        as(agent.token(), tenant)
                .body(Map.of("number", "1099"))
                .post("/api/v1/extensions")
                .then()
                .statusCode(403);
        as(agent.token(), tenant)
                .queryParam("q", "1006")
                .get("/api/v1/extensions")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(1));
        as(otherAdmin.token(), otherTenant)
                .queryParam("q", "1006")
                .get("/api/v1/extensions")
                .then()
                .body("totalItems", equalTo(0));
    }

    private static JsonPath create(String number) {
        return as(admin.token(), tenant)
                .body(Map.of("number", number))
                .post("/api/v1/extensions")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    /** One row, read as Asterisk's role reads it (it sees every tenant). */
    static Map<String, String> row(String sql, String id) throws Exception {
        try (Connection connection = Database.connectAs("asterisk");
                PreparedStatement statement =
                        connection.prepareStatement(sql.replace(" from ", " from telephony_service."))) {
            statement.setString(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).as("row %s", id).isTrue();
                Map<String, String> row = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                }
                return row;
            }
        }
    }

    static int count(String sql, String id) throws Exception {
        try (Connection connection = Database.connectAs("asterisk");
                PreparedStatement statement =
                        connection.prepareStatement(sql.replace(" from ", " from telephony_service."))) {
            statement.setString(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
