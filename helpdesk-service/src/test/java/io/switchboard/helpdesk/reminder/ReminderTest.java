package io.switchboard.helpdesk.reminder;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.helpdesk.support.Fixtures;
import io.switchboard.helpdesk.support.Fixtures.Team;
import io.switchboard.helpdesk.support.TestClock;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.EventCapture.Captured;
import io.switchboard.testing.TestUsers;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reminders and due dates with a clock the test moves: a reminder fires for the assignee at its time and once, an
 * active ticket past its due date is overdue and announced once per due date, even with two schedulers at once.
 */
@QuarkusTest
class ReminderTest {

    private static final TestUsers users = new TestUsers();

    @Inject
    TestClock clock;

    @Inject
    DueScheduler scheduler;

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void remindersAndOverdueFireAtTheirTimeAndOnce() throws Exception {
        Team t = Team.of(users, "rem");
        String tenant = t.tenant();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(start);
        Map<String, Object> body = Fixtures.ticket("Call the customer back");
        body.put("assigneeId", t.agent().id());
        body.put("dueAt", start.plus(Duration.ofHours(1)).toString());
        String id = Fixtures.create(t.agent(), tenant, body);

        as(t.agent(), tenant)
                .body(Map.of("remindAt", start.minusSeconds(1).toString()))
                .post("/api/v1/tickets/" + id + "/reminders")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("remindAt")));
        as(t.viewer(), tenant)
                .body(Map.of("remindAt", start.plus(Duration.ofMinutes(30)).toString()))
                .post("/api/v1/tickets/" + id + "/reminders")
                .then()
                .statusCode(403);
        String reminder = as(t.agent(), tenant)
                .body(Map.of("remindAt", start.plus(Duration.ofMinutes(30)).toString(), "note", "Ask about the refund"))
                .post("/api/v1/tickets/" + id + "/reminders")
                .then()
                .statusCode(201)
                .body("createdBy", equalTo(t.agent().id()))
                .extract()
                .path("id");
        String removed = as(t.agent(), tenant)
                .body(Map.of("remindAt", start.plus(Duration.ofMinutes(40)).toString()))
                .post("/api/v1/tickets/" + id + "/reminders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(t.agent(), tenant)
                .delete("/api/v1/tickets/" + id + "/reminders/" + removed)
                .then()
                .statusCode(204);

        try (EventCapture events = EventCapture.open(Topics.HELPDESK_EVENTS)) {
            clock.set(start.plus(Duration.ofMinutes(29)));
            scheduler.runOnce();
            assertThat(as(t.viewer(), tenant)
                            .get("/api/v1/tickets/" + id + "/reminders")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("firedAt"))
                    .as("not yet; the removed one is gone")
                    .containsExactly((Object) null);

            clock.set(start.plus(Duration.ofMinutes(45)));
            scheduler.runOnce();
            scheduler.runOnce();
            JsonPath ticket = as(t.agent(), tenant)
                    .get("/api/v1/tickets/" + id)
                    .then()
                    .extract()
                    .jsonPath();
            assertThat(ticket.getBoolean("overdue")).isFalse();
            assertThat(ticket.getLong("ageSeconds")).isEqualTo(45 * 60);

            clock.set(start.plus(Duration.ofMinutes(61)));
            // two schedulers at once (two replicas): the overdue notice is claimed by one of them
            CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> scheduler.fireDue(clock.instant()));
            scheduler.fireDue(clock.instant());
            other.get();
            scheduler.runOnce();
            assertThat(as(t.agent(), tenant)
                            .get("/api/v1/tickets/" + id)
                            .then()
                            .extract()
                            .jsonPath()
                            .getBoolean("overdue"))
                    .isTrue();
            as(t.agent(), tenant)
                    .queryParam("overdue", true)
                    .get("/api/v1/tickets")
                    .then()
                    .body("items.id", equalTo(List.of(id)));

            // a marker after everything the scheduler could have written
            patchAs(t.agent(), tenant)
                    .body(Map.of("priority", "high"))
                    .patch("/api/v1/tickets/" + id)
                    .then()
                    .statusCode(200);
            List<Captured> emitted = events.await(
                    c -> id.equals(c.key()) && c.event().type().equals(EventTypes.HELPDESK_TICKET_UPDATED),
                    1,
                    Duration.ofSeconds(30));
            assertThat(emitted).hasSize(1);
            List<Captured> fired = events.matching(
                    c -> id.equals(c.key()) && !c.event().type().equals(EventTypes.HELPDESK_TICKET_UPDATED));
            assertThat(fired.stream().map(c -> c.event().type()))
                    .containsExactly(ReminderEvents.REMINDER_DUE, ReminderEvents.OVERDUE);
            AsyncApiContract contract = AsyncApiContract.load();
            for (Captured captured : fired) {
                assertThat(contract.violations(captured))
                        .as("%s %s", captured.event().type(), captured.dataAsString())
                        .isEmpty();
                assertThat(captured.event().tenantId()).isEqualTo(tenant);
            }
            assertThat(fired.get(0).dataAsString())
                    .contains("\"assigneeId\":\"" + t.agent().id() + "\"")
                    .contains("\"note\":\"Ask about the refund\"")
                    .contains("\"id\":\"" + reminder + "\"");
            assertThat(fired.get(1).dataAsString()).contains("\"overdue\":true");
        }
        as(t.viewer(), tenant)
                .get("/api/v1/tickets/" + id + "/reminders")
                .then()
                .body("firedAt[0]", equalTo(start.plus(Duration.ofMinutes(45)).toString()));

        // another tenant's admin finds none of it
        Team other = Team.of(users, "remo");
        as(other.admin(), other.tenant())
                .get("/api/v1/tickets/" + id + "/reminders")
                .then()
                .statusCode(404);
        as(other.admin(), other.tenant())
                .body(Map.of("remindAt", Instant.now().plusSeconds(3600).toString()))
                .post("/api/v1/tickets/" + id + "/reminders")
                .then()
                .statusCode(404);
        as(other.admin(), other.tenant())
                .delete("/api/v1/tickets/" + id + "/reminders/" + reminder)
                .then()
                .statusCode(404);
    }
}
