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
        }
    }

    @AfterAll
    static void cleanUp() {
        USERS.close();
    }

    @Test
    void aTenantOverItsPlanGets429WithRetryAfterWhileAnotherTenantIsServed() {
        for (int i = 0; i < 3; i++) {
            call(firstOfA, null).then().statusCode(200);
        }
        for (int i = 0; i < 2; i++) {
            call(secondOfA, null).then().statusCode(200);
        }
        Response refused = call(secondOfA, null);
        refused.then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:rate-limited"))
                .body("limit", equalTo("tenant"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 2L);

        call(memberOfB, null).then().statusCode(200);
    }

    @Test
    void oneClientOverItsOwnLimitGets429EvenWithoutATenant() {
        for (int i = 0; i < 8; i++) {
            call(superadmin, null).then().statusCode(200);
        }
        call(superadmin, null)
                .then()
                .statusCode(429)
                .body("limit", equalTo("client"))
                .header("Retry-After", equalTo("1"));
    }

    private static Response call(TestUser user, String tenant) {
        var request = given().auth().oauth2(user.token());
        if (tenant != null) {
            request = request.header("X-Tenant-ID", tenant);
        }
        return request.get("/api/v1/echo");
    }
}
