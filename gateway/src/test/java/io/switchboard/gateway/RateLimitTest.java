package io.switchboard.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token buckets per tenant and per client, sized small so that a burst runs over them. */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBuckets.class)
class RateLimitTest {

    /** Tenants get 5 requests and then 1 per second; a client 8 and then 1 per second. */
    public static class SmallBuckets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "switchboard.gateway.rate-limit.plans.tiny.requests-per-second", "1",
                    "switchboard.gateway.rate-limit.plans.tiny.burst", "5",
                    "switchboard.gateway.rate-limit.default-plan", "tiny",
                    "switchboard.gateway.rate-limit.per-client.requests-per-second", "1",
                    "switchboard.gateway.rate-limit.per-client.burst", "8");
        }
    }

    private static final TestUsers USERS = new TestUsers();
    private static String tenantA;
    private static TestUser firstOfA;
    private static TestUser secondOfA;
    private static TestUser memberOfB;
    private static TestUser superadmin;

    @BeforeEach
    void setUp() throws Exception {
        if (firstOfA == null) {
            Backend.start();
            tenantA = TenantFixtures.newTenantId("rla");
            firstOfA = USERS.member(tenantA, "agent");
            secondOfA = USERS.member(tenantA, "agent");
            memberOfB = USERS.member(TenantFixtures.newTenantId("rlb"), "agent");
            superadmin = USERS.superadmin();
            // tokens first, so that the bursts below are not spread out by logins
            for (TestUser user : List.of(firstOfA, secondOfA, memberOfB, superadmin)) {
                user.token();
            }
        }
    }

    @AfterAll
    static void cleanUp() {
        USERS.close();
    }

    @Test
    void aTenantOverItsPlanGets429WithRetryAfterWhileAnotherTenantIsServed() {
        // two users of the tenant share its bucket of 5; a slow machine may refill one token meanwhile
        List<TestUser> members = List.of(firstOfA, secondOfA);
        int served = 0;
        Response refused = null;
        for (int i = 0; i < 12 && refused == null; i++) {
            Response response = call(members.get(i % 2), null);
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                response.then().statusCode(200);
                served++;
            }
        }
        assertThat(refused).as("a 429 within 12 requests").isNotNull();
        assertThat(served).as("the burst is served first").isBetween(5, 7);
        refused.then()
                .contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:rate-limited"))
                .body("limit", equalTo("tenant"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 2L);

        call(memberOfB, null).then().statusCode(200);
    }

    @Test
    void oneClientOverItsOwnLimitGets429EvenWithoutATenant() {
        int served = 0;
        Response refused = null;
        for (int i = 0; i < 14 && refused == null; i++) {
            Response response = call(superadmin, null);
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                response.then().statusCode(200);
                served++;
            }
        }
        assertThat(refused).as("a 429 within 14 requests").isNotNull();
        assertThat(served).as("the client's burst is served first").isBetween(8, 10);
        refused.then().body("limit", equalTo("client")).header("Retry-After", equalTo("1"));
    }

    private static Response call(TestUser user, String tenant) {
        var request = given().auth().oauth2(user.token());
        if (tenant != null) {
            request = request.header("X-Tenant-ID", tenant);
        }
        return request.get("/api/v1/echo");
    }
}
