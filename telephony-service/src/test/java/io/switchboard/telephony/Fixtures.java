package io.switchboard.telephony;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.TenantFixtures;
import java.util.Map;

/** Small helpers of telephony-service's tests: tenants known to the service, and requests as a user of one. */
public final class Fixtures {

    public static final String ROLE = "telephony_service";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** A new active tenant with every feature and this call limit, once the service's directory has it. */
    public static String tenant(String prefix, int maxConcurrentCalls) {
        return tenant(prefix, TenantFixtures.ALL_FEATURES, maxConcurrentCalls);
    }

    public static String tenant(String prefix, Map<String, Boolean> features, int maxConcurrentCalls) {
        return tenantWithId(TenantFixtures.newTenantId(prefix), features, maxConcurrentCalls);
    }

    /** The active tenant {@code tenantId} with these features and call limit, once the service's directory has it. */
    public static String tenantWithId(String tenantId, Map<String, Boolean> features, int maxConcurrentCalls) {
        TenantFixtures.publishActive(tenantId, features, maxConcurrentCalls);
        TenantFixtures.awaitInDirectory(ROLE, tenantId, "active");
        return tenantId;
    }

    /** A request as {@code token} acting for {@code tenant}. */
    public static RequestSpecification as(String token, String tenant) {
        return given().auth().oauth2(token).header("X-Tenant-ID", tenant).contentType(ContentType.JSON);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
