package io.switchboard.chat.rating;

import static io.switchboard.chat.support.Fixtures.as;
import static io.switchboard.chat.support.Fixtures.visitor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.chat.support.Chats;
import io.switchboard.chat.support.Fixtures;
import io.switchboard.chat.support.Fixtures.Team;
import io.switchboard.chat.support.Fixtures.Visit;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.TestUsers;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Visitors rate ended chats: once, after the end, within the window, range and comment checked, by the widget's rules. */
@QuarkusTest
class RatingTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    private static String rating(Visit visit) {
        return "/api/v1/chat/public/sessions/" + visit.sessionId() + "/rating";
    }

    @Test
    void theVisitorRatesAnEndedChatOnceAndAgentsSeeIt() {
        Team t = Team.of(users, "rate");
        Fixtures.Widget widget = Fixtures.widget(t.admin(), t.tenant(), Map.of());
        Visit visit = Chats.active(t, widget, "Carla");

        // not before the end
        visitor()
                .header("X-Chat-Token", visit.token())
                .body(Map.of("rating", 5))
                .post(rating(visit))
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("reason", equalTo("session_not_ended"));
        as(t.agent(), t.tenant())
                .post("/api/v1/chat/sessions/" + visit.sessionId() + "/end")
                .then()
                .statusCode(200);

        try (EventCapture events = EventCapture.open(Topics.CHAT_EVENTS)) {
            visitor()
                    .header("X-Chat-Token", visit.token())
                    .body(Map.of("rating", 4, "comment", "  Quick and friendly  "))
                    .post(rating(visit))
                    .then()
                    .statusCode(201)
                    .body("rating", equalTo(4))
                    .body("comment", equalTo("Quick and friendly"))
                    .body("ratedAt", notNullValue());
            var rated = events.awaitOne(
                    c -> t.tenant().equals(c.event().tenantId())
                            && c.event().type().equals(EventTypes.CHAT_SESSION_RATED),
                    Duration.ofSeconds(20));
            assertThat(rated.key()).isEqualTo(visit.sessionId());
            assertThat(rated.dataAsString()).contains("\"rating\":{\"rating\":4,\"comment\":\"Quick and friendly\"");
            assertThat(AsyncApiContract.load().violations(rated)).isEmpty();
        }
        // a second rating, even a different one, is refused and changes nothing
        visitor()
                .header("X-Chat-Token", visit.token())
                .body(Map.of("rating", 1))
                .post(rating(visit))
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:conflict"))
                .body("reason", equalTo("already_rated"));
        as(t.supervisor(), t.tenant())
                .get("/api/v1/chat/sessions/" + visit.sessionId())
                .then()
                .statusCode(200)
                .body("rating.rating", equalTo(4))
                .body("rating.comment", equalTo("Quick and friendly"));
        as(t.agent(), t.tenant())
                .get("/api/v1/chat/sessions?status=ended")
                .then()
                .body("items.rating.rating", hasItem(4));
        visitor()
                .header("X-Chat-Token", visit.token())
                .get("/api/v1/chat/public/sessions/" + visit.sessionId())
                .then()
                .body("rating.rating", equalTo(4));
    }

    @Test
    void ratingAndCommentAreCheckedByField() {
        Team t = Team.of(users, "ratebad");
        Fixtures.Widget widget = Fixtures.widget(t.admin(), t.tenant(), Map.of());
        Visit visit = Chats.ended(t, widget, "Bert");
        for (Object bad : new Object[] {0, 6, -1, 3.5, "five"}) {
            visitor()
                    .header("X-Chat-Token", visit.token())
                    .body(Map.of("rating", bad))
                    .post(rating(visit))
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:switchboard:problem:validation-failed"))
                    .body("errors.field", hasItem("rating"));
        }
        visitor()
                .header("X-Chat-Token", visit.token())
                .body(Map.of("comment", "fine"))
                .post(rating(visit))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("rating"));
        visitor()
                .header("X-Chat-Token", visit.token())
                .body(Map.of("rating", 3, "comment", "x".repeat(RatingService.MAX_COMMENT + 1)))
                .post(rating(visit))
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(java.util.List.of("comment")));
        // nothing was written by the refused requests
        as(t.agent(), t.tenant())
                .get("/api/v1/chat/sessions/" + visit.sessionId())
                .then()
                .body("rating", nullValue());
        visitor()
                .header("X-Chat-Token", visit.token())
                .body(Map.of("rating", 3, "comment", "x".repeat(RatingService.MAX_COMMENT)))
                .post(rating(visit))
                .then()
                .statusCode(201);
    }

    @Test
    void onlyTheSessionsVisitorFromAnAllowedPageWithinTheWindowMayRate() {
        Team t = Team.of(users, "ratewin");
        Fixtures.Widget widget = Fixtures.widget(t.admin(), t.tenant(), Map.of());
        Visit visit = Chats.ended(t, widget, "Dora");
        Visit other = Chats.ended(t, widget, "Emil");
        RestAssured.given()
                .contentType("application/json")
                .header("Origin", "https://evil.test")
                .header("X-Chat-Token", visit.token())
                .body(Map.of("rating", 5))
                .post(rating(visit))
                .then()
                .statusCode(403)
                .body("reason", equalTo("origin_not_allowed"));
        visitor().body(Map.of("rating", 5)).post(rating(visit)).then().statusCode(401);
        // another session's token
        visitor()
                .header("X-Chat-Token", other.token())
                .body(Map.of("rating", 5))
                .post(rating(visit))
                .then()
                .statusCode(401);
        visitor()
                .header("X-Chat-Token", visit.token())
                .body(Map.of("rating", 5))
                .post("/api/v1/chat/public/sessions/" + UUID.randomUUID() + "/rating")
                .then()
                .statusCode(401);

        // the chat ended 25 hours ago: past the 24-hour window
        Chats.sql(
                t.tenant(),
                "update chat_session set ended_at = now() - interval '25 hours' where id = ?",
                UUID.fromString(visit.sessionId()));
        visitor()
                .header("X-Chat-Token", visit.token())
                .body(Map.of("rating", 5))
                .post(rating(visit))
                .then()
                .statusCode(409)
                .body("reason", equalTo("rating_window_closed"));
        Chats.sql(
                t.tenant(),
                "update chat_session set ended_at = now() - interval '23 hours' where id = ?",
                UUID.fromString(visit.sessionId()));
        visitor()
                .header("X-Chat-Token", visit.token())
                .body(Map.of("rating", 5))
                .post(rating(visit))
                .then()
                .statusCode(201);
    }

    @Test
    void aWidgetThatDoesNotAskForRatingsRefusesThemAndAnAbandonedChatCannotBeRated() {
        Team t = Team.of(users, "rateoff");
        Fixtures.Widget widget =
                Fixtures.widget(t.admin(), t.tenant(), Map.of("behaviour", Map.of("ratingEnabled", false)));
        visitor()
                .get("/api/v1/chat/public/widgets/" + widget.key())
                .then()
                .body("behaviour.ratingEnabled", equalTo(false));
        Visit visit = Chats.ended(t, widget, "Finn");
        visitor()
                .header("X-Chat-Token", visit.token())
                .body(Map.of("rating", 5))
                .post(rating(visit))
                .then()
                .statusCode(409)
                .body("reason", equalTo("rating_disabled"));

        Fixtures.Widget asking = Fixtures.widget(t.admin(), t.tenant(), Map.of());
        as(t.admin(), t.tenant())
                .get("/api/v1/chat/widgets/" + asking.id())
                .then()
                .body("behaviour.ratingEnabled", equalTo(true));
        Fixtures.availability(t.agent(), t.tenant(), "offline");
        Visit left = Fixtures.start(asking.key(), "Gus");
        visitor()
                .header("X-Chat-Token", left.token())
                .post("/api/v1/chat/public/sessions/" + left.sessionId() + "/end")
                .then()
                .statusCode(200)
                .body("status", equalTo("abandoned"));
        visitor()
                .header("X-Chat-Token", left.token())
                .body(Map.of("rating", 2))
                .post(rating(left))
                .then()
                .statusCode(409)
                .body("reason", equalTo("session_not_ended"));
    }
}
