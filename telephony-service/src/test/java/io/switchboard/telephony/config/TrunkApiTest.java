package io.switchboard.telephony.config;

import static io.switchboard.telephony.Fixtures.as;
import static io.switchboard.telephony.config.ExtensionApiTest.count;
import static io.switchboard.telephony.config.ExtensionApiTest.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.telephony.Fixtures;
import io.switchboard.telephony.ara.AraWriter;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SIP trunks through the API, and the Asterisk rows they become. */
@QuarkusTest
class TrunkApiTest {

    private static final TestUsers users = new TestUsers();
    private static String tenant;
    private static TestUser admin;
    private static TestUser supervisor;

    @BeforeEach
    void setUp() {
        if (tenant != null) {
            return;
        }
        tenant = Fixtures.tenant("trunk", 10);
        admin = users.member(tenant, "tenant_admin");
        supervisor = users.member(tenant, "supervisor");
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void aRegistrationTrunkRegistersWithItsCredentials() throws Exception {
        String id = as(admin.token(), tenant)
                .body(Map.of(
                        "name", "carrier1",
                        "host", "sip.carrier.example",
                        "username", "acct42",
                        "password", "s3cret-pass",
                        "callerId", "+4930123456",
                        "codecs", List.of("alaw", "ulaw")))
                .post("/api/v1/trunks")
                .then()
                .statusCode(201)
                .body("endpointId", equalTo(tenant + "_trunk-carrier1"))
                .body("mode", equalTo("registration"))
                .body("port", equalTo(5060))
                .body("transport", equalTo("udp"))
                .body("hasPassword", equalTo(true))
                .body("$", not(hasKey("password")))
                .extract()
                .path("id");
        String endpoint = tenant + "_trunk-carrier1";
        assertThat(row(
                        "select context, transport, outbound_auth, allow, callerid, rtp_symmetric::text,"
                                + " direct_media::text from ps_endpoints where id = ?",
                        endpoint))
                .containsEntry("context", "from-trunk-" + tenant)
                .containsEntry("transport", "transport-udp")
                .containsEntry("outbound_auth", endpoint)
                .containsEntry("allow", "alaw,ulaw")
                .containsEntry("callerid", "+4930123456")
                .containsEntry("rtp_symmetric", "yes")
                .containsEntry("direct_media", "no");
        assertThat(row("select auth_type::text, username, password, md5_cred from ps_auths where id = ?", endpoint))
                .containsEntry("auth_type", "userpass")
                .containsEntry("username", "acct42")
                .containsEntry("password", "s3cret-pass")
                .containsEntry("md5_cred", null);
        assertThat(row(
                        "select server_uri, client_uri, outbound_auth, line::text, endpoint from ps_registrations"
                                + " where id = ?",
                        endpoint))
                .containsEntry("server_uri", "sip:sip.carrier.example:5060")
                .containsEntry("client_uri", "sip:acct42@sip.carrier.example")
                .containsEntry("line", "yes")
                .containsEntry("endpoint", endpoint);
        assertThat(row("select contact from ps_aors where id = ?", endpoint))
                .containsEntry("contact", "sip:sip.carrier.example:5060");

        // knowing the provider's realm, only a digest is kept; the user name cannot change without the password
        as(admin.token(), tenant)
                .contentType("application/merge-patch+json")
                .body(Fixtures.json(Map.of("realm", "carrier.example")))
                .patch("/api/v1/trunks/" + id)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("password"));
        as(admin.token(), tenant)
                .contentType("application/merge-patch+json")
                .body(Fixtures.json(Map.of("realm", "carrier.example", "password", "s3cret-pass")))
                .patch("/api/v1/trunks/" + id)
                .then()
                .statusCode(200)
                .body("realm", equalTo("carrier.example"));
        assertThat(row("select auth_type::text, password, md5_cred from ps_auths where id = ?", endpoint))
                .containsEntry("auth_type", "md5")
                .containsEntry("password", null)
                .containsEntry("md5_cred", AraWriter.md5Credential("acct42", "carrier.example", "s3cret-pass"));
    }

    @Test
    void anIpTrunkIsIdentifiedByItsAddresses() throws Exception {
        String id = as(admin.token(), tenant)
                .body(Map.of(
                        "name", "carrier2",
                        "mode", "ip",
                        "host", "198.51.100.7",
                        "transport", "tcp",
                        "allowedIps", List.of("198.51.100.0/24", "2001:db8::1")))
                .post("/api/v1/trunks")
                .then()
                .statusCode(201)
                .body("hasPassword", equalTo(false))
                .extract()
                .path("id");
        String endpoint = tenant + "_trunk-carrier2";
        assertThat(row("select endpoint, match from ps_endpoint_id_ips where id = ?", endpoint))
                .containsEntry("endpoint", endpoint)
                .containsEntry("match", "198.51.100.0/24,2001:db8::1");
        assertThat(count("select count(*) from ps_registrations where id = ?", endpoint))
                .isZero();
        assertThat(row("select transport from ps_endpoints where id = ?", endpoint))
                .containsEntry("transport", "transport-tcp");

        as(admin.token(), tenant).delete("/api/v1/trunks/" + id).then().statusCode(204);
        assertThat(count("select count(*) from ps_endpoint_id_ips where id = ?", endpoint))
                .isZero();
        assertThat(count("select count(*) from ps_endpoints where id = ?", endpoint))
                .isZero();
    }

    @Test
    void badTrunksAreRefusedWithTheField() {
        as(admin.token(), tenant)
                .body(Map.of("name", "bad", "host", "not a host!", "transport", "sctp", "port", 70000))
                .post("/api/v1/trunks")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("host"))
                .body("errors.field", hasItem("transport"))
                .body("errors.field", hasItem("port"))
                .body("errors.field", hasItem("username"))
                .body("errors.field", hasItem("password"));
        as(admin.token(), tenant)
                .body(Map.of("name", "bad2", "mode", "ip", "host", "192.0.2.1", "allowedIps", List.of("300.1.1.1")))
                .post("/api/v1/trunks")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("allowedIps[0]"));
        as(supervisor.token(), tenant)
                .body(Map.of("name", "nope", "mode", "ip", "host", "192.0.2.1", "allowedIps", List.of("192.0.2.1")))
                .post("/api/v1/trunks")
                .then()
                .statusCode(403);
    }
}
