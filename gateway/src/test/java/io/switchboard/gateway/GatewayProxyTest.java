package io.switchboard.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway in front of real HTTP services ({@link Backend}), with real tokens from the local Keycloak. */
@QuarkusTest
class GatewayProxyTest {

    private static final TestUsers USERS = new TestUsers();
    private static String tenantA;
    private static String tenantB;
    private static TestUser memberOfA;
    private static TestUser superadmin;

    @BeforeEach
    void setUp() throws Exception {
        if (memberOfA == null) {
            Backend.start();
            tenantA = TenantFixtures.newTenantId("gwa");
            tenantB = TenantFixtures.newTenantId("gwb");
            memberOfA = USERS.member(tenantA, "agent");
            superadmin = USERS.superadmin();
        }
    }

    @AfterAll
    static void cleanUp() {
        USERS.close();
    }

    @Test
    void withoutAValidTokenTheAnswerIs401ProblemJsonAndNothingIsForwarded() {
        given().get("/api/v1/echo")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:switchboard:problem:unauthorized"))
                .body("service", equalTo(null));
        given().auth()
                .oauth2("not-a-token")
                .get("/api/v1/echo")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:unauthorized"))
                .body("detail", containsString("valid bearer token"));
    }

    @Test
    void aMemberReachesTheServiceWithTheirOnlyTenantARequestIdAndTheTraceContext() {
        Response response = given().auth()
                .oauth2(memberOfA.token())
                .header("X-Forwarded-For", "203.0.113.9")
                .get("/api/v1/echo/items/7?sort=name&page=2");
        response.then().statusCode(200);
        JsonPath echo = response.jsonPath();
        assertThat(echo.getString("service")).isEqualTo("echo");
        assertThat(echo.getString("method")).isEqualTo("GET");
        assertThat(echo.getString("path")).isEqualTo("/api/v1/echo/items/7");
        assertThat(echo.getString("query")).isEqualTo("sort=name&page=2");
        assertThat(echo.getString("headers.x-tenant-id")).isEqualTo(tenantA);
        assertThat(echo.getString("headers.authorization")).isEqualTo("Bearer " + memberOfA.token());
        assertThat(echo.getString("headers.x-request-id")).isNotBlank().isEqualTo(response.header("X-Request-ID"));
        assertThat(echo.getString("headers.traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(echo.getString("headers.x-forwarded-for"))
                .as("what the client claims is replaced by what the gateway sees")
                .isEqualTo("127.0.0.1");
    }

    @Test
    void aRequestIdTheClientSendsIsKeptAndABadOneReplaced() {
        given().auth()
                .oauth2(memberOfA.token())
                .header("X-Request-ID", "support-ticket-4711")
                .get("/api/v1/echo")
                .then()
                .statusCode(200)
                .header("X-Request-ID", "support-ticket-4711")
                .body("headers.x-request-id", equalTo("support-ticket-4711"));
        String replaced = given().auth()
                .oauth2(memberOfA.token())
                .header("X-Request-ID", "two words\u00e9")
                .get("/api/v1/echo")
                .then()
                .statusCode(200)
                .extract()
                .header("X-Request-ID");
        assertThat(replaced).matches("[0-9a-f-]{36}");
    }

    @Test
    void aBodyIsStreamedToTheServiceUnchanged() {
        String body = "{\"note\":\"" + "x".repeat(1_000_000) + "\"}";
        given().auth()
                .oauth2(memberOfA.token())
                .contentType("application/json")
                .body(body)
                .post("/api/v1/echo/items")
                .then()
                .statusCode(200)
                .body("method", equalTo("POST"))
                .body("headers.content-type", startsWith("application/json"))
                .body("body.length()", equalTo(body.length()));
    }

    @Test
    void aTenantTheCallerDoesNotBelongToIsRefusedBeforeTheService() {
        given().auth()
                .oauth2(memberOfA.token())
                .header("X-Tenant-ID", tenantB)
                .get("/api/v1/echo")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:not-tenant-member"))
                .body("tenantId", equalTo(tenantB))
                .body("detail", containsString(tenantA))
                .body("service", equalTo(null));
    }

    @Test
    void aSuperadminActsForTheTenantTheyName() {
        given().auth()
                .oauth2(superadmin.token())
                .header("X-Tenant-ID", tenantB)
                .get("/api/v1/echo")
                .then()
                .statusCode(200)
                .body("headers.x-tenant-id", equalTo(tenantB));
        given().auth()
                .oauth2(superadmin.token())
                .get("/api/v1/echo")
                .then()
                .statusCode(200)
                .body("headers.x-tenant-id", equalTo(null));
    }

    @Test
    void theLongestPrefixChoosesTheServiceAndAPathNoServiceServesIs404() {
        given().auth()
                .oauth2(memberOfA.token())
                .get("/api/v1/echo/other/1")
                .then()
                .statusCode(200)
                .body("service", equalTo("other"));
        given().auth()
                .oauth2(memberOfA.token())
                .get("/api/v1/echoes")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("/api/v1/echoes"));
    }

    @Test
    void aServiceThatIsDownIs502AndOneTooSlowIs504NamingTheService() {
        given().auth()
                .oauth2(memberOfA.token())
                .get("/api/v1/dead/x")
                .then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:bad-gateway"))
                .body("service", equalTo("dead"));
        given().auth()
                .oauth2(memberOfA.token())
                .get("/api/v1/echo/slow?delayMs=3000")
                .then()
                .statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:gateway-timeout"))
                .body("service", equalTo("echo"));
    }

    @Test
    void theServicesAnswerPassesThroughWithItsStatus() {
        given().auth()
                .oauth2(memberOfA.token())
                .get("/api/v1/echo/x?status=409")
                .then()
                .statusCode(409)
                .body("service", equalTo("echo"));
    }

    @Test
    void webSocketsAreProxiedForAuthenticatedCallersOnly() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient();
            WebSocketConnectOptions options = new WebSocketConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(RestAssured.port)
                    .setURI("/api/v1/echo/socket")
                    .addHeader("Origin", "http://localhost:8080")
                    .addHeader("Authorization", "Bearer " + memberOfA.token());
            WebSocket socket = client.webSocket(options)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<String> reply = new CompletableFuture<>();
            socket.textMessageHandler(reply::complete);
            socket.writeTextMessage("hello");
            assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("echo:hello");
            socket.close();

            WebSocketConnectOptions anonymous = new WebSocketConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(RestAssured.port)
                    .setURI("/api/v1/echo/socket")
                    .addHeader("Origin", "http://localhost:8080");
            ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    ExecutionException.class,
                    () -> client.webSocket(anonymous)
                            .toCompletionStage()
                            .toCompletableFuture()
                            .get(10, TimeUnit.SECONDS));
            assertThat(refused.getCause()).isInstanceOf(UpgradeRejectedException.class);
            assertThat(((UpgradeRejectedException) refused.getCause()).getStatus())
                    .isEqualTo(401);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void browsersOfConfiguredOriginsOnlyMayCallTheApi() {
        given().header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "PATCH")
                .options("/api/v1/echo/items/7")
                .then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", "http://localhost:8080")
                .header("Access-Control-Allow-Methods", containsString("PATCH"))
                .header("Access-Control-Allow-Headers", containsString("X-Tenant-ID"));
        given().auth()
                .oauth2(memberOfA.token())
                .header("Origin", "http://localhost:8080")
                .get("/api/v1/echo/items")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:8080")
                .header("Access-Control-Expose-Headers", containsString("X-Request-ID"));
        given().auth()
                .oauth2(memberOfA.token())
                .header("Origin", "https://evil.example")
                .get("/api/v1/echo/items")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("origin", equalTo("https://evil.example"))
                .body("detail", containsString("switchboard.gateway.cors.origins"));
        // a public path leaves CORS to its service, which knows which sites may embed it
        given().header("Origin", "https://shop.example.com")
                .get("/api/v1/echo/public/widgets/k1")
                .then()
                .statusCode(200);
    }

    @Test
    void aPublicPathReachesTheServiceWithoutATokenAndNeverWithATenant() throws Exception {
        Response response = given().header("X-Tenant-ID", tenantA).get("/api/v1/echo/public/widgets/k1");
        response.then().statusCode(200);
        JsonPath echo = response.jsonPath();
        assertThat(echo.getString("path")).isEqualTo("/api/v1/echo/public/widgets/k1");
        assertThat(echo.getString("headers.x-tenant-id"))
                .as("the service finds the tenant from what it authenticates, never from the client's header")
                .isNull();
        assertThat(echo.getString("headers.x-request-id")).isEqualTo(response.header("X-Request-ID"));
        assertThat(echo.getString("headers.x-forwarded-for")).isEqualTo("127.0.0.1");
        // only the public prefix itself and what is below it
        given().get("/api/v1/echo/publicity").then().statusCode(401);
        given().get("/api/v1/echo/items").then().statusCode(401);

        Vertx vertx = Vertx.vertx();
        try {
            WebSocket socket = vertx.createHttpClient()
                    .webSocket(new WebSocketConnectOptions()
                            .setHost("127.0.0.1")
                            .setPort(RestAssured.port)
                            .setURI("/api/v1/echo/public/socket?token=visitor")
                            .addHeader("Origin", "https://shop.example.com"))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<String> reply = new CompletableFuture<>();
            socket.textMessageHandler(reply::complete);
            socket.writeTextMessage("hi");
            assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("echo:hi");
            socket.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theMergedOpenApiDocumentHoldsEveryServiceWithoutLettingOneSchemaReplaceAnother() {
        JsonPath doc = given().get("/openapi").then().statusCode(200).extract().jsonPath();
        assertThat(doc.getMap("paths")).containsKeys("/api/v1/echo", "/api/v1/other");
        assertThat(doc.getString("components.schemas.Item.properties.echoField.type"))
                .isEqualTo("string");
        assertThat(doc.getString("components.schemas.'other.Item'.properties.otherField.type"))
                .isEqualTo("string");
        assertThat(doc.getString("paths.'/api/v1/other'.get.responses.'200'.content.'application/json'.schema.'$ref'"))
                .isEqualTo("#/components/schemas/other.Item");
        assertThat(doc.getList("x-switchboard-unavailable", String.class)).contains("dead");
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/openapi").then().body("tags.name", hasItem("other"));
    }
}
