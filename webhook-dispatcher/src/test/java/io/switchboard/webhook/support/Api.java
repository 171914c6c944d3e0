package io.switchboard.webhook.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.TestUsers.TestUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The webhook API as a client uses it. */
public final class Api {

    public static final String SUBSCRIPTIONS = "/api/v1/webhooks/subscriptions";
    public static final String PLATFORM = "platform";

    private Api() {}

    /** A created subscription: its id and the secret shown once. */
    public record Created(String id, String secret) {}

    /** A request as {@code user} acting for {@code scope} (a tenant id, or platform). */
    public static RequestSpecification as(TestUser user, String scope) {
        return given().auth().oauth2(user.token()).header("X-Tenant-ID", scope).contentType(ContentType.JSON);
    }

    public static Created subscribe(TestUser user, String scope, String url, String... eventTypes) {
        return subscribe(user, scope, Map.of("url", url, "eventTypes", List.of(eventTypes)));
    }

    public static Created subscribe(TestUser user, String scope, Map<String, Object> body) {
        Response response = as(user, scope).body(body).post(SUBSCRIPTIONS);
        response.then().statusCode(201);
        return new Created(response.path("id"), response.path("secret"));
    }

    /** A subscription body with extra members. */
    public static Map<String, Object> body(String url, List<String> eventTypes, Object... more) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("eventTypes", new ArrayList<>(eventTypes));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    public static String subscription(String id) {
        return SUBSCRIPTIONS + "/" + id;
    }

    /** A random tenant id for one test class, e.g. {@code wh-1a2b3c4d}. */
    public static String newTenant(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A marker that makes one test's events recognisable among everything else on the shared topics. */
    public static String marker() {
        return UUID.randomUUID().toString();
    }
}
