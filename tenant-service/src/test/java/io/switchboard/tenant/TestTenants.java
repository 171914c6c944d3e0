package io.switchboard.tenant;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Small helpers for tests that drive the tenant API as a client would. */
public final class TestTenants {

    private TestTenants() {}

    /** A tenant id unique to this test run, e.g. {@code crud-1a2b3c4d}. */
    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static ValidatableResponse create(String token, Map<String, Object> body) {
        return as(token).body(body).post("/api/v1/tenants").then();
    }

    /** Creates an active tenant and returns its id. */
    public static String createActive(String token, String prefix) {
        String id = newId(prefix);
        create(token, Map.of("id", id, "name", "Tenant " + id)).statusCode(201);
        return id;
    }

    /** Sends a JSON Merge Patch (a map, serialized with nulls kept) to the tenant. */
    public static ValidatableResponse patch(String token, String id, Object patch) {
        try {
            return given().auth()
                    .oauth2(token)
                    .contentType("application/merge-patch+json")
                    .body(JSON.writeValueAsString(patch))
                    .patch("/api/v1/tenants/" + id)
                    .then();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
}
