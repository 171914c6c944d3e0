package io.switchboard.tenant.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.Keycloak;
import io.switchboard.testing.LocalStack;
import org.junit.jupiter.api.Test;

/** The login that {@code make run} prints works against the service, and the service reports itself healthy. */
@QuarkusTest
class StackLoginTest {

    @Test
    void theBootstrapSuperadminCanUseTheApi() {
        String token = Keycloak.token("superadmin", LocalStack.secret("superadmin-password"));
        given().auth()
                .oauth2(token)
                .get("/api/v1/tenants")
                .then()
                .statusCode(200)
                .body("items", notNullValue());
    }

    @Test
    void healthAndMetricsAreExposed() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("outbox"));
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
