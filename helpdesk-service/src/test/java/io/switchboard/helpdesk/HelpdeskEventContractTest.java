package io.switchboard.helpdesk;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static io.switchboard.helpdesk.support.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.helpdesk.support.Fixtures;
import io.switchboard.helpdesk.support.Fixtures.Team;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.EventCapture.Captured;
import io.switchboard.testing.TestUsers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every event helpdesk-service emits, in order per ticket, as docs/asyncapi.yaml describes it. */
@QuarkusTest
class HelpdeskEventContractTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @jakarta.inject.Inject
    io.switchboard.helpdesk.support.TestClock clock;

    @jakarta.inject.Inject
    io.switchboard.helpdesk.reminder.DueScheduler dueScheduler;

    @org.junit.jupiter.api.AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void reminderAndOverdueEventsMatchTheCatalogue() {
        Team t = Team.of(users, "evtr");
        java.time.Instant start = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        clock.set(start);
        try (EventCapture events = EventCapture.open(Topics.HELPDESK_EVENTS)) {
            Map<String, Object> body = ticket("Due soon");
            body.put("assigneeId", t.agent().id());
            body.put("dueAt", start.plusSeconds(120).toString());
            String id = Fixtures.create(t.agent(), t.tenant(), body);
            as(t.agent(), t.tenant())
                    .body(Map.of("remindAt", start.plusSeconds(60).toString(), "note", "Check"))
                    .post("/api/v1/tickets/" + id + "/reminders")
                    .then()
                    .statusCode(201);
            clock.set(start.plusSeconds(180));
            dueScheduler.runOnce();
            List<String> expected = List.of(
                    EventTypes.HELPDESK_TICKET_CREATED,
                    EventTypes.HELPDESK_TICKET_ASSIGNED,
                    io.switchboard.helpdesk.reminder.ReminderEvents.REMINDER_DUE,
                    io.switchboard.helpdesk.reminder.ReminderEvents.OVERDUE);
            List<Captured> emitted = events.await(
                    c -> t.tenant().equals(c.event().tenantId()) && id.equals(c.key()),
                    expected.size(),
                    Duration.ofSeconds(30));
            assertThat(emitted.stream().map(c -> c.event().type())).containsExactlyElementsOf(expected);
            AsyncApiContract contract = AsyncApiContract.load();
            for (Captured captured : emitted) {
                assertThat(contract.violations(captured))
                        .as("%s %s", captured.event().type(), captured.dataAsString())
                        .isEmpty();
            }
        }
    }

    @Test
    void everyEventMatchesTheCatalogue() {
        Team t = Team.of(users, "evt");
        Fixtures.tags(t.admin(), t.tenant(), "Billing");
        try (EventCapture events = EventCapture.open(Topics.HELPDESK_EVENTS)) {
            Map<String, Object> body = ticket("Refund please");
            body.put("description", "Charged twice");
            body.put("assigneeId", t.agent().id());
            body.put("tags", List.of("Billing"));
            body.put("dueAt", "2031-05-01T12:00:00Z");
            body.put("customFields", Map.of("order", "A-1", "amount", 12.5));
            String id = Fixtures.create(t.supervisor(), t.tenant(), body);
            as(t.agent(), t.tenant())
                    .body(Map.of("body", "<p>Looking into it</p>", "isHtml", true))
                    .post("/api/v1/tickets/" + id + "/messages")
                    .then()
                    .statusCode(201);
            as(t.agent(), t.tenant())
                    .body(Map.of("body", "Duplicate charge confirmed", "isInternal", true))
                    .post("/api/v1/tickets/" + id + "/messages")
                    .then()
                    .statusCode(201);
            patchAs(t.supervisor(), t.tenant())
                    .body(Map.of("assigneeId", t.supervisor().id(), "priority", "high"))
                    .patch("/api/v1/tickets/" + id)
                    .then()
                    .statusCode(200);
            patchAs(t.agent(), t.tenant())
                    .body(Map.of("status", "resolved"))
                    .patch("/api/v1/tickets/" + id)
                    .then()
                    .statusCode(200);
            as(t.admin(), t.tenant()).delete("/api/v1/tickets/" + id).then().statusCode(204);
            as(t.admin(), t.tenant())
                    .post("/api/v1/tickets/" + id + "/restore")
                    .then()
                    .statusCode(200);

            List<String> expected = List.of(
                    EventTypes.HELPDESK_TICKET_CREATED,
                    EventTypes.HELPDESK_TICKET_ASSIGNED,
                    EventTypes.HELPDESK_MESSAGE_CREATED,
                    EventTypes.HELPDESK_TICKET_STATUS_CHANGED, // open -> in_progress by the first reply
                    EventTypes.HELPDESK_MESSAGE_CREATED,
                    EventTypes.HELPDESK_TICKET_UPDATED,
                    EventTypes.HELPDESK_TICKET_ASSIGNED,
                    EventTypes.HELPDESK_TICKET_UPDATED,
                    EventTypes.HELPDESK_TICKET_STATUS_CHANGED,
                    EventTypes.HELPDESK_TICKET_DELETED,
                    EventTypes.HELPDESK_TICKET_RESTORED);
            List<Captured> emitted = events.await(
                    c -> t.tenant().equals(c.event().tenantId()) && id.equals(c.key()),
                    expected.size(),
                    Duration.ofSeconds(30));
            assertThat(emitted.stream().map(c -> c.event().type()))
                    .as("one ticket's events stay in order (keyed by the ticket)")
                    .containsExactlyElementsOf(expected);
            AsyncApiContract contract = AsyncApiContract.load();
            for (Captured captured : emitted) {
                assertThat(contract.violations(captured))
                        .as("%s %s", captured.event().type(), captured.dataAsString())
                        .isEmpty();
                assertThat(captured.key()).isEqualTo(id);
                assertThat(captured.headers()).containsEntry("ce_source", "/switchboard/helpdesk-service");
            }
            assertThat(emitted.get(8).dataAsString())
                    .contains("\"previousStatus\":\"in_progress\"")
                    .contains("\"status\":\"resolved\"");
            assertThat(emitted.get(6).dataAsString())
                    .contains("\"previousAssigneeId\":\"" + t.agent().id() + "\"");
            assertThat(emitted.get(5).dataAsString()).contains("\"changed\":[\"assigneeId\",\"priority\"]");
        }
    }
}
