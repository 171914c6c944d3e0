package io.switchboard.chat.widget;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The widget script's delivery (type, caching, revalidation) and the cross-origin access of the visitor API. */
@QuarkusTest
class WidgetScriptTest {

    private static final String SCRIPT = "/api/v1/chat/public/widget.js";

    @Test
    void theScriptIsCachedAndRevalidatedByItsEtag() {
        String etag = given().get(SCRIPT)
                .then()
                .statusCode(200)
                .contentType(containsString("text/javascript"))
                .header("Cache-Control", containsString("max-age=300"))
                .header("ETag", matchesPattern("\"[0-9a-f]{32}\""))
                .body(containsString("data-widget-key"))
                .body(containsString("attachShadow"))
                .extract()
                .header("ETag");
        given().header("If-None-Match", etag)
                .get(SCRIPT)
                .then()
                .statusCode(304)
                .header("ETag", equalTo(etag))
                .body(emptyString());
        given().header("If-None-Match", "\"something-older\"")
                .get(SCRIPT)
                .then()
                .statusCode(200);
    }

    @Test
    void pagesMayCallTheVisitorApiCrossOriginButNotTheAgentsApi() {
        given().header("Origin", "https://shop.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-chat-token")
                .options("/api/v1/chat/public/widgets/wk_unknown/sessions")
                .then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", "https://shop.example.com")
                .header("Access-Control-Allow-Headers", containsString("X-Chat-Token"));
        // the refusal itself is readable by the page, so the widget can show it
        given().header("Origin", "https://shop.example.com")
                .get("/api/v1/chat/public/widgets/wk_unknown")
                .then()
                .statusCode(404)
                .header("Access-Control-Allow-Origin", "https://shop.example.com");
        given().header("Origin", "https://shop.example.com")
                .get("/api/v1/chat/widgets")
                .then()
                .statusCode(401)
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
