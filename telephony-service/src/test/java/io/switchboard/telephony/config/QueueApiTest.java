package io.switchboard.telephony.config;

import static io.switchboard.telephony.Fixtures.as;
import static io.switchboard.telephony.config.ExtensionApiTest.count;
import static io.switchboard.telephony.config.ExtensionApiTest.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.telephony.Fixtures;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Queues and members through the API, as app_queue's realtime rows. */
@QuarkusTest
class QueueApiTest {

    private static final TestUsers users = new TestUsers();
    private static String tenant;
    private static String noQueueTenant;
    private static TestUser admin;
    private static TestUser supervisor;
    private static TestUser agent;
    private static TestUser otherAgent;

    @BeforeEach
    void setUp() {
        if (tenant != null) {
            return;
        }
        tenant = Fixtures.tenant("queue", 10);
        Map<String, Boolean> noQueue = new HashMap<>(TenantFixtures.ALL_FEATURES);
        noQueue.put("queue", false);
        noQueueTenant = Fixtures.tenant("noqueue", noQueue, 10);
        admin = users.memberships(Map.of(tenant, List.of("tenant_admin"), noQueueTenant, List.of("tenant_admin")));
        supervisor = users.member(tenant, "supervisor");
        agent = users.member(tenant, "agent");
        otherAgent = users.member(tenant, "agent");
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void tenantsWhoseIdsExtendEachOtherKeepTheirOwnQueues() throws Exception {
        String longer = Fixtures.tenantWithId(tenant + "-corp", TenantFixtures.ALL_FEATURES, 10);
        TestUser longerAdmin = users.member(longer, "tenant_admin");
        as(admin.token(), tenant)
                .body(Map.of("name", "corp-sales"))
                .post("/api/v1/queues")
                .then()
                .statusCode(201)
                .body("asteriskName", equalTo(tenant + "_corp-sales"));
        as(longerAdmin.token(), longer)
                .body(Map.of("name", "sales"))
                .post("/api/v1/queues")
                .then()
                .statusCode(201)
                .body("asteriskName", equalTo(longer + "_sales"));
        assertThat(count("select count(*) from queues where name = ?", tenant + "_corp-sales"))
                .isEqualTo(1);
        assertThat(count("select count(*) from queues where name = ?", longer + "_sales"))
                .isEqualTo(1);
    }

    @Test
    void aQueueIsAnAppQueueRowWithItsStrategy() throws Exception {
        as(admin.token(), tenant)
                .body(Map.of("name", "sales", "strategy", "leastrecent", "ringTimeout", 15, "maxLength", 5))
                .post("/api/v1/queues")
                .then()
                .statusCode(201)
                .body("name", equalTo("sales"))
                .body("asteriskName", equalTo(tenant + "_sales"))
                .body("maxWaitTime", equalTo(300))
                .body("wrapupTime", equalTo(10));
        assertThat(row(
                        "select strategy::text, timeout::text, maxlen::text, ringinuse::text, musiconhold,"
                                + " joinempty from queues where name = ?",
                        tenant + "_sales"))
                .containsEntry("strategy", "leastrecent")
                .containsEntry("timeout", "15")
                .containsEntry("maxlen", "5")
                .containsEntry("ringinuse", "no")
                .containsEntry("musiconhold", "default")
                .containsEntry("joinempty", "paused,unavailable,invalid");
    }

    @Test
    void everyStrategyOfAppQueueIsAccepted() {
        for (String strategy : List.of(
                "ringall", "leastrecent", "fewestcalls", "random", "rrmemory", "rrordered", "linear", "wrandom")) {
            as(admin.token(), tenant)
                    .body(Map.of("name", "s-" + strategy, "strategy", strategy))
                    .post("/api/v1/queues")
                    .then()
                    .statusCode(201)
                    .body("strategy", equalTo(strategy));
        }
        as(admin.token(), tenant)
                .body(Map.of("name", "bad", "strategy", "roundrobin", "ringTimeout", 1))
                .post("/api/v1/queues")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("strategy"))
                .body("errors.field", hasItem("ringTimeout"));
    }

    @Test
    void queuesNeedTheQueueFeature() {
        as(admin.token(), noQueueTenant)
                .body(Map.of("name", "support"))
                .post("/api/v1/queues")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:switchboard:problem:feature-disabled"));
    }

    @Test
    void membersGetAUniqueIdAndAgentsPauseOnlyThemselves() throws Exception {
        String queue = as(admin.token(), tenant)
                .body(Map.of("name", "support"))
                .post("/api/v1/queues")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String mine = as(admin.token(), tenant)
                .body(Map.of("number", "3001", "userId", agent.id()))
                .post("/api/v1/extensions")
                .then()
                .statusCode(201)
                .extract()
                .path("extension.id");
        String theirs = as(admin.token(), tenant)
                .body(Map.of("number", "3002", "userId", otherAgent.id()))
                .post("/api/v1/extensions")
                .then()
                .statusCode(201)
                .extract()
                .path("extension.id");
        String myMember = as(supervisor.token(), tenant)
                .body(Map.of("extensionId", mine, "penalty", 1))
                .post("/api/v1/queues/" + queue + "/members")
                .then()
                .statusCode(201)
                .body("extensionNumber", equalTo("3001"))
                .body("iface", equalTo("PJSIP/" + tenant + "_3001"))
                .extract()
                .path("id");
        String theirMember = as(supervisor.token(), tenant)
                .body(Map.of("extensionId", theirs))
                .post("/api/v1/queues/" + queue + "/members")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(supervisor.token(), tenant)
                .body(Map.of("extensionId", mine))
                .post("/api/v1/queues/" + queue + "/members")
                .then()
                .statusCode(409);
        Map<String, String> member = row(
                "select uniqueid::text, penalty::text, paused::text, state_interface"
                        + " from queue_members where interface = ?",
                "PJSIP/" + tenant + "_3001");
        assertThat(member.get("uniqueid")).isNotBlank();
        assertThat(member).containsEntry("penalty", "1").containsEntry("paused", "0");

        as(agent.token(), tenant)
                .body(Map.of("reason", "lunch"))
                .post("/api/v1/queues/" + queue + "/members/" + myMember + "/pause")
                .then()
                .statusCode(200)
                .body("paused", equalTo(true))
                .body("pausedReason", equalTo("lunch"));
        assertThat(row(
                        "select paused::text, reason_paused from queue_members where interface = ?",
                        "PJSIP/" + tenant + "_3001"))
                .containsEntry("paused", "1")
                .containsEntry("reason_paused", "lunch");
        as(agent.token(), tenant)
                .post("/api/v1/queues/" + queue + "/members/" + theirMember + "/pause")
                .then()
                .statusCode(403);
        as(supervisor.token(), tenant)
                .post("/api/v1/queues/" + queue + "/members/" + myMember + "/unpause")
                .then()
                .statusCode(200)
                .body("paused", equalTo(false));

        as(admin.token(), tenant).delete("/api/v1/queues/" + queue).then().statusCode(204);
        assertThat(count("select count(*) from queue_members where queue_name = ?", tenant + "_support"))
                .isZero();
    }
}
