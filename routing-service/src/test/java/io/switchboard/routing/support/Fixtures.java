package io.switchboard.routing.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.testing.Keycloak;
import io.switchboard.testing.TenantFixtures;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Helpers of routing-service's tests: tenants known to the service, requests as a user or a service account. */
public final class Fixtures {

    public static final String ROLE = "routing_service";
    public static final String TELEPHONY_CLIENT = "telephony-service";
    public static final String TELEPHONY_SECRET = "telephony-service-local-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String serviceToken;
    private static Instant serviceTokenExpiry = Instant.MIN;

    private Fixtures() {}

    /** A new active tenant with every feature, once the service's directory has it. */
    public static String tenant(String prefix) {
        return tenant(prefix, TenantFixtures.ALL_FEATURES, 20, TenantFixtures.defaultSettings());
    }

    /** A new active tenant with these features, DID limit and settings, once the service's directory has it. */
    public static String tenant(
            String prefix, Map<String, Boolean> features, int maxDids, Map<String, Object> settings) {
        return tenant(prefix, features, maxDids, 10, settings);
    }

    /** As {@link #tenant(String, Map, int, Map)}, with this many concurrent calls. */
    public static String tenant(
            String prefix,
            Map<String, Boolean> features,
            int maxDids,
            int maxConcurrentCalls,
            Map<String, Object> settings) {
        String tenantId = TenantFixtures.newTenantId(prefix);
        TenantFixtures.publish(
                EventTypes.TENANT_CREATED,
                tenantId,
                "active",
                features,
                Map.of("maxAgents", 10, "maxDids", maxDids, "maxConcurrentCalls", maxConcurrentCalls),
                settings);
        TenantFixtures.awaitInDirectory(ROLE, tenantId, "active");
        return tenantId;
    }

    /** Every feature but {@code feature}. */
    public static Map<String, Boolean> without(String feature) {
        Map<String, Boolean> features = new HashMap<>(TenantFixtures.ALL_FEATURES);
        features.put(feature, false);
        return features;
    }

    /** A request as {@code token} acting for {@code tenant}. */
    public static RequestSpecification as(String token, String tenant) {
        return given().auth().oauth2(token).header("X-Tenant-ID", tenant).contentType(ContentType.JSON);
    }

    /** A merge-patch request as {@code token} acting for {@code tenant}. */
    public static RequestSpecification patchAs(String token, String tenant) {
        return given().auth().oauth2(token).header("X-Tenant-ID", tenant).contentType("application/merge-patch+json");
    }

    /** telephony-service's service-account token, as its routing client gets it (renewed every two minutes). */
    public static synchronized String serviceToken() {
        if (serviceToken == null || Instant.now().isAfter(serviceTokenExpiry)) {
            serviceToken = Keycloak.clientToken(TELEPHONY_CLIENT, TELEPHONY_SECRET);
            serviceTokenExpiry = Instant.now().plusSeconds(120);
        }
        return serviceToken;
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
