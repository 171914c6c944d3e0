package io.switchboard.chat.widget;

import static io.switchboard.chat.support.Fixtures.as;
import static io.switchboard.chat.support.Fixtures.patchAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.support.Fixtures;
import io.switchboard.chat.support.Fixtures.Team;
import io.switchboard.testing.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Widget CRUD, validation naming the field, the embed code, business hours and the access rules of the roles. */
@QuarkusTest
class WidgetApiTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void adminsCreateChangeAndDeleteWidgetsWithEveryField() {
        Team t = Team.of(users, "wid");
        Map<String, Object> body = Map.of(
                "name", "Support",
                "appearance", Map.of("primaryColor", "#112233", "position", "bottom-left", "welcomeMessage", "Hello"),
                "behaviour", Map.of("requireEmail", true, "allowFileUpload", true),
                "routing",
                        Map.of(
                                "team",
                                "sales",
                                "skills",
                                List.of("de"),
                                "defaultAssigneeId",
                                t.agent().id()),
                "businessHours",
                        Map.of(
                                "enabled",
                                true,
                                "source",
                                "widget",
                                "timezone",
                                "Europe/Berlin",
                                "weekly",
                                Map.of("monday", List.of(Map.of("start", "09:00", "end", "17:00")))),
                "offlineMessage", "Back tomorrow",
                "allowedDomains", List.of("Example.com", "*.example.com"),
                "ipAllowList", List.of("203.0.113.0/24"));
        var created = as(t.admin(), t.tenant())
                .body(body)
                .post("/api/v1/chat/widgets")
                .then()
                .statusCode(201)
                .body("appearance.primaryColor", equalTo("#112233"))
                .body("appearance.secondaryColor", equalTo("#FFFFFF"))
                .body("behaviour.requireEmail", equalTo(true))
                .body("behaviour.requireName", equalTo(true))
                .body("routing.autoAssign", equalTo(true))
                .body("routing.skills", equalTo(List.of("de")))
                .body("businessHours.timezone", equalTo("Europe/Berlin"))
                .body("allowedDomains", containsInAnyOrder("example.com", "*.example.com"))
                .extract();
        String id = created.path("id");
        String key = created.path("widgetKey");
        assertThat(key).startsWith("wk_").hasSizeGreaterThan(20);
        String etag = created.header("ETag");

        as(t.agent(), t.tenant())
                .get("/api/v1/chat/widgets/" + id + "/embed-code")
                .then()
                .statusCode(200)
                .body(
                        "html",
                        equalTo("<script src=\"http://localhost:8080/api/v1/chat/public/widget.js\""
                                + " data-widget-key=\"" + key + "\" async></script>"));

        patchAs(t.admin(), t.tenant())
                .header("If-Match", etag)
                .body(Map.of("appearance", Map.of("position", "top-right"), "enabled", false))
                .patch("/api/v1/chat/widgets/" + id)
                .then()
                .statusCode(200)
                .body("appearance.position", equalTo("top-right"))
                .body("appearance.primaryColor", equalTo("#112233"))
                .body("enabled", equalTo(false));
        patchAs(t.admin(), t.tenant())
                .header("If-Match", etag)
                .body(Map.of("name", "stale"))
                .patch("/api/v1/chat/widgets/" + id)
                .then()
                .statusCode(412);
        patchAs(t.admin(), t.tenant())
                .body(Map.of("widgetKey", "mine"))
                .patch("/api/v1/chat/widgets/" + id)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("widgetKey"));
        // a disabled widget refuses visitors, with the reason
        Fixtures.visitor()
                .header("X-Forwarded-For", "203.0.113.5")
                .body(Map.of("name", "x", "email", "x@example.com"))
                .post("/api/v1/chat/public/widgets/" + key + "/sessions")
                .then()
                .statusCode(403)
                .body("reason", equalTo("widget_disabled"));

        as(t.supervisor(), t.tenant())
                .delete("/api/v1/chat/widgets/" + id)
                .then()
                .statusCode(403);
        as(t.viewer(), t.tenant()).get("/api/v1/chat/widgets").then().statusCode(403);
        as(t.agent(), t.tenant())
                .body(Map.of("name", "x"))
                .post("/api/v1/chat/widgets")
                .then()
                .statusCode(403);
        as(t.admin(), t.tenant()).delete("/api/v1/chat/widgets/" + id).then().statusCode(204);
        as(t.admin(), t.tenant()).get("/api/v1/chat/widgets/" + id).then().statusCode(404);
    }

    @Test
    void validationNamesEveryInvalidField() {
        Team t = Team.of(users, "wval");
        as(t.admin(), t.tenant())
                .body(Map.of(
                        "name", "",
                        "appearance", Map.of("primaryColor", "blue", "position", "middle"),
                        "allowedDomains", List.of("https://example.com/path"),
                        "ipAllowList", List.of("10.0.0.0/40"),
                        "businessHours",
                                Map.of(
                                        "timezone",
                                        "Mars/Base",
                                        "weekly",
                                        Map.of(
                                                "funday",
                                                List.of(),
                                                "monday",
                                                List.of(Map.of("start", "18:00", "end", "09:00"))))))
                .post("/api/v1/chat/widgets")
                .then()
                .statusCode(400)
                .body(
                        "errors.field",
                        containsInAnyOrder(
                                "name",
                                "appearance.primaryColor",
                                "appearance.position",
                                "allowedDomains[0]",
                                "ipAllowList[0]",
                                "businessHours.timezone",
                                "businessHours.weekly.funday",
                                "businessHours.weekly.monday[0].end"));
    }

    @Test
    void outsideBusinessHoursVisitorsGetTheOfflineFormAndItBecomesAnEvent() {
        Team t = Team.of(users, "off");
        // open only on a day that has no hours at all: always closed
        var widget = Fixtures.widget(
                t.admin(),
                t.tenant(),
                Map.of(
                        "businessHours",
                        Map.of("enabled", true, "source", "widget", "weekly", Map.of("monday", List.of()))));
        Fixtures.visitor()
                .get("/api/v1/chat/public/widgets/" + widget.key())
                .then()
                .statusCode(200)
                .body("online", equalTo(false))
                .body("offlineMessage", org.hamcrest.Matchers.notNullValue());
        Fixtures.visitor()
                .body(Map.of("name", "Olga"))
                .post("/api/v1/chat/public/widgets/" + widget.key() + "/sessions")
                .then()
                .statusCode(409)
                .body("reason", equalTo("widget_offline"));
        Fixtures.visitor()
                .body(Map.of("name", "Olga", "email", "nope", "message", ""))
                .post("/api/v1/chat/public/widgets/" + widget.key() + "/offline-messages")
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("email", "message"));
        try (var events = io.switchboard.testing.EventCapture.open(io.switchboard.commons.events.Topics.CHAT_EVENTS)) {
            Fixtures.visitor()
                    .body(Map.of("name", "Olga", "email", "olga@example.com", "message", "Call me back"))
                    .post("/api/v1/chat/public/widgets/" + widget.key() + "/offline-messages")
                    .then()
                    .statusCode(202);
            var event = events.awaitOne(
                    c -> t.tenant().equals(c.event().tenantId())
                            && c.event().type().equals("chat.session.offline_message"),
                    java.time.Duration.ofSeconds(20));
            assertThat(event.dataAsString())
                    .contains("Call me back")
                    .contains("olga@example.com")
                    .contains("offline_form");
            assertThat(io.switchboard.testing.AsyncApiContract.load().violations(event))
                    .isEmpty();
        }
    }
}
