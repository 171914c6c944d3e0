package io.switchboard.helpdesk.sla;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.commons.db.LeaderLock;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.commons.tenant.TenantTasks;
import io.switchboard.helpdesk.support.Fixtures;
import io.switchboard.helpdesk.support.TestClock;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.EventCapture.Captured;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SLA clocks against the real database and Kafka with a clock the test moves: deadlines in the tenant's business
 * hours, the pause while pending, warnings and breaches fired by the scheduler at their instants and once.
 */
@QuarkusTest
class SlaClockTest {

    private static final TestUsers users = new TestUsers();

    @Inject
    TestClock clock;

    @Inject
    SlaScheduler scheduler;

    @Inject
    TenantTasks tasks;

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A tenant in this time zone, open Monday to Friday 09:00-17:00 local, closed on these dates. */
    static String tenant(String prefix, String timezone, String... holidays) {
        Map<String, Object> settings = new HashMap<>(TenantFixtures.defaultSettings());
        List<Map<String, String>> day = List.of(Map.of("start", "09:00", "end", "17:00"));
        settings.put("timezone", timezone);
        settings.put(
                "businessHours",
                Map.of(
                        "weekly",
                        Map.of("monday", day, "tuesday", day, "wednesday", day, "thursday", day, "friday", day),
                        "holidays",
                        List.of(holidays).stream().map(d -> Map.of("date", d)).toList()));
        return Fixtures.tenant(prefix, settings);
    }

    static String policy(
            TestUser admin, String tenant, String priority, int firstResponse, int resolution, boolean businessHours) {
        Map<String, Object> body = SlaPolicyApiTest.policy(priority, null, firstResponse, resolution);
        body.put("businessHours", businessHours);
        return as(admin, tenant)
                .body(body)
                .post("/api/v1/helpdesk/sla-policies")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static String ticket(TestUser agent, String tenant, String priority) {
        Map<String, Object> body = Fixtures.ticket("Printer on fire");
        body.put("priority", priority);
        return Fixtures.create(agent, tenant, body);
    }

    static JsonPath read(TestUser user, String tenant, String id) {
        return as(user, tenant)
                .get("/api/v1/tickets/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static Instant instant(JsonPath ticket, String path) {
        String value = ticket.getString(path);
        return value == null ? null : Instant.parse(value);
    }

    static void status(TestUser user, String tenant, String id, String status) {
        patchAs(user, tenant)
                .body(Map.of("status", status))
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(200);
    }

    static void message(TestUser agent, String tenant, String id, String sender) {
        as(agent, tenant)
                .body(Map.of("body", "About the printer", "sender", sender))
                .post("/api/v1/tickets/" + id + "/messages")
                .then()
                .statusCode(201);
    }

    static List<String> listed(TestUser user, String tenant, String sla) {
        return as(user, tenant)
                .queryParam("sla", sla)
                .get("/api/v1/tickets")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id");
    }

    @Test
    void deadlinesCountBusinessHoursOverNightsWeekendsHolidaysAndDaylightSaving() {
        // Good Friday and Easter Monday 2026 are holidays; summer time starts on Sunday 29 March
        String tenant = tenant("slab", "Europe/Berlin", "2026-04-03", "2026-04-06");
        TestUser admin = users.member(tenant, "tenant_admin");
        TestUser agent = users.member(tenant, "agent");
        String high = policy(admin, tenant, "high", 120, 480, true);
        String critical = policy(admin, tenant, "critical", 60, 240, false);

        clock.set(Instant.parse("2026-03-27T15:00:00Z")); // Friday 16:00 CET
        String id = ticket(agent, tenant, "high");
        JsonPath created = read(agent, tenant, id);
        assertThat(created.getString("sla.policyId")).isEqualTo(high);
        assertThat(instant(created, "sla.firstResponseDue"))
                .as("an hour on Friday, then Monday 09:00-10:00 CEST")
                .isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
        assertThat(instant(created, "sla.resolutionDue"))
                .as("an hour on Friday, seven on Monday from 09:00 CEST")
                .isEqualTo(Instant.parse("2026-03-30T14:00:00Z"));
        assertThat(created.getString("sla.state")).isEqualTo("active");

        clock.set(Instant.parse("2026-04-02T14:30:00Z")); // Thursday 16:30 CEST before Easter
        JsonPath easter = read(agent, tenant, ticket(agent, tenant, "high"));
        assertThat(instant(easter, "sla.firstResponseDue"))
                .as("30 minutes on Thursday, 90 on Tuesday after Easter Monday")
                .isEqualTo(Instant.parse("2026-04-07T08:30:00Z"));
        assertThat(instant(easter, "sla.resolutionDue")).isEqualTo(Instant.parse("2026-04-07T14:30:00Z"));

        // reprioritized: the critical policy counts around the clock from creation
        clock.set(Instant.parse("2026-03-27T15:10:00Z"));
        status(agent, tenant, id, "in_progress");
        patchAs(agent, tenant)
                .body(Map.of("priority", "critical"))
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(200);
        JsonPath critical1 = read(agent, tenant, id);
        assertThat(critical1.getString("sla.policyId")).isEqualTo(critical);
        assertThat(instant(critical1, "sla.firstResponseDue")).isEqualTo(Instant.parse("2026-03-27T16:00:00Z"));
        assertThat(instant(critical1, "sla.resolutionDue")).isEqualTo(Instant.parse("2026-03-27T19:00:00Z"));

        // a priority without policy has no SLA
        assertThat(read(agent, tenant, ticket(agent, tenant, "low")).getMap("sla"))
                .isNull();
    }

    @Test
    void newYorkDeadlinesFollowItsOwnDaylightSavingChange() {
        String tenant = tenant("slany", "America/New_York");
        TestUser admin = users.member(tenant, "tenant_admin");
        TestUser agent = users.member(tenant, "agent");
        policy(admin, tenant, "medium", 120, 960, true);
        clock.set(Instant.parse("2026-10-30T20:00:00Z")); // Friday 16:00 EDT; winter time from Sunday 1 November
        JsonPath ticket = read(agent, tenant, ticket(agent, tenant, "medium"));
        assertThat(instant(ticket, "sla.firstResponseDue"))
                .as("Monday 10:00 EST")
                .isEqualTo(Instant.parse("2026-11-02T15:00:00Z"));
        assertThat(instant(ticket, "sla.resolutionDue"))
                .as("one hour on Friday, eight on Monday, seven on Tuesday: Tuesday 16:00 EST")
                .isEqualTo(Instant.parse("2026-11-03T21:00:00Z"));
    }

    @Test
    void pendingPausesTheClockAndMovesTheDeadlinesByTheBusinessTimePaused() {
        String tenant = tenant("slapa", "Europe/Berlin");
        TestUser admin = users.member(tenant, "tenant_admin");
        TestUser agent = users.member(tenant, "agent");
        policy(admin, tenant, "high", 120, 480, true);
        try (EventCapture events = EventCapture.open(Topics.HELPDESK_EVENTS)) {
            clock.set(Instant.parse("2026-04-13T07:00:00Z")); // Monday 09:00 CEST
            String id = ticket(agent, tenant, "high");
            assertThat(instant(read(agent, tenant, id), "sla.resolutionDue"))
                    .isEqualTo(Instant.parse("2026-04-13T15:00:00Z"));

            clock.set(Instant.parse("2026-04-13T07:30:00Z"));
            message(agent, tenant, id, "agent"); // the first response, in time
            clock.set(Instant.parse("2026-04-13T08:00:00Z")); // 10:00: waiting on the customer
            status(agent, tenant, id, "pending");
            JsonPath paused = read(agent, tenant, id);
            assertThat(paused.getString("sla.state")).isEqualTo("paused");
            assertThat(instant(paused, "sla.pausedAt")).isEqualTo(Instant.parse("2026-04-13T08:00:00Z"));
            assertThat(listed(agent, tenant, "paused")).containsExactly(id);
            assertThat(listed(agent, tenant, "active,warning")).isEmpty();

            // past the original resolution deadline while paused: not breached, nothing fires
            clock.set(Instant.parse("2026-04-13T16:00:00Z"));
            assertThat(read(agent, tenant, id).getString("sla.state")).isEqualTo("paused");
            scheduler.runOnce();

            // the customer answers on Tuesday 10:00 CEST: 7 business hours on Monday and 1 on Tuesday were paused
            clock.set(Instant.parse("2026-04-14T08:00:00Z"));
            message(agent, tenant, id, "requester");
            JsonPath resumed = read(agent, tenant, id);
            assertThat(resumed.getString("status")).isEqualTo("open");
            assertThat(resumed.getString("sla.state")).isEqualTo("active");
            assertThat(resumed.getString("sla.pausedAt")).isNull();
            assertThat(instant(resumed, "sla.resolutionDue"))
                    .as("Monday 17:00 CEST moved by 8 business hours: Tuesday 17:00 CEST")
                    .isEqualTo(Instant.parse("2026-04-14T15:00:00Z"));
            assertThat(instant(resumed, "sla.firstResponseDue"))
                    .as("met before the pause: it stays")
                    .isEqualTo(Instant.parse("2026-04-13T09:00:00Z"));

            // the warning (80 % of 8 h = 6 h 24 min) moved by the pause too: Tuesday 15:24 CEST
            clock.set(Instant.parse("2026-04-14T13:23:00Z"));
            scheduler.runOnce();
            assertThat(slaEventsUntilMarker(events, agent, tenant, id, "m1")).isEmpty();
            clock.set(Instant.parse("2026-04-14T13:24:00Z"));
            scheduler.runOnce();
            assertThat(read(agent, tenant, id).getString("sla.state")).isEqualTo("warning");
            clock.set(Instant.parse("2026-04-14T15:00:00Z"));
            scheduler.runOnce();
            assertThat(slaEventsUntilMarker(events, agent, tenant, id, "m2"))
                    .containsExactly(
                            "helpdesk.ticket.sla_warning resolution", "helpdesk.ticket.sla_breached resolution");
            assertThat(listed(agent, tenant, "breached")).containsExactly(id);
        }
    }

    @Test
    void warningAndBreachFireAtTheirInstantsAndOnceWhateverRunsTheScheduler() throws Exception {
        String tenant = Fixtures.tenant("slaev");
        TestUser admin = users.member(tenant, "tenant_admin");
        TestUser agent = users.member(tenant, "agent");
        policy(admin, tenant, "medium", 10, 100, false);
        Instant t0 = Instant.parse("2026-06-01T12:00:00Z");
        try (EventCapture events = EventCapture.open(Topics.HELPDESK_EVENTS)) {
            clock.set(t0);
            String id = ticket(agent, tenant, "medium");

            clock.set(t0.plus(Duration.ofSeconds(7 * 60 + 59)));
            scheduler.runOnce();
            assertThat(read(agent, tenant, id).getString("sla.state")).isEqualTo("active");
            assertThat(slaEventsUntilMarker(events, agent, tenant, id, "a")).isEmpty();

            clock.set(t0.plus(Duration.ofMinutes(8))); // 80 % of 10 minutes
            scheduler.runOnce();
            scheduler.runOnce();
            assertThat(read(agent, tenant, id).getString("sla.state")).isEqualTo("warning");
            assertThat(slaEventsUntilMarker(events, agent, tenant, id, "b"))
                    .containsExactly("helpdesk.ticket.sla_warning first_response");

            clock.set(t0.plus(Duration.ofMinutes(10)));
            scheduler.runOnce();
            assertThat(read(agent, tenant, id).getString("sla.state")).isEqualTo("breached");
            assertThat(listed(agent, tenant, "breached")).containsExactly(id);

            // a second instance does not lead while this one does
            try (LeaderLock second = new LeaderLock("sla-scheduler")) {
                assertThat(second.tryAcquire()).isFalse();
            }
            // two schedulers firing at once (as after a failover): each timer fires once
            Instant late = t0.plus(Duration.ofMinutes(100));
            clock.set(late);
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Integer>> runs = List.of(
                    CompletableFuture.supplyAsync(() -> fire(start, late)),
                    CompletableFuture.supplyAsync(() -> fire(start, late)));
            start.countDown();
            for (CompletableFuture<Integer> run : runs) {
                run.get();
            }
            scheduler.runOnce();

            assertThat(slaEventsUntilMarker(events, agent, tenant, id, "c"))
                    .containsExactly(
                            "helpdesk.ticket.sla_warning first_response",
                            "helpdesk.ticket.sla_breached first_response",
                            "helpdesk.ticket.sla_warning resolution",
                            "helpdesk.ticket.sla_breached resolution");
            AsyncApiContract contract = AsyncApiContract.load();
            for (Captured captured : events.matching(c -> id.equals(c.key()))) {
                assertThat(contract.violations(captured))
                        .as("%s %s", captured.event().type(), captured.dataAsString())
                        .isEmpty();
            }
            Captured breach = events.matching(
                            c -> id.equals(c.key()) && c.event().type().equals(EventTypes.HELPDESK_TICKET_SLA_BREACHED))
                    .get(0);
            assertThat(breach.dataAsString())
                    .contains("\"metric\":\"first_response\"")
                    .contains("\"dueAt\":\"2026-06-01T12:10:00Z\"");
        }
    }

    @Test
    void targetsReachedInTimeAreMetAndLateOnesBreached() {
        String tenant = Fixtures.tenant("slam");
        TestUser admin = users.member(tenant, "tenant_admin");
        TestUser agent = users.member(tenant, "agent");
        policy(admin, tenant, "low", 60, 240, false);
        Instant t0 = Instant.parse("2026-07-01T08:00:00Z");
        clock.set(t0);
        String answered = ticket(agent, tenant, "low");
        String unanswered = ticket(agent, tenant, "low");
        String forgotten = ticket(agent, tenant, "low");

        clock.set(t0.plus(Duration.ofMinutes(30)));
        message(agent, tenant, answered, "agent");
        JsonPath first = read(agent, tenant, answered);
        assertThat(first.getString("sla.state")).isEqualTo("active");

        clock.set(t0.plus(Duration.ofMinutes(50))); // 80 % of the first response target
        assertThat(listed(agent, tenant, "warning")).containsExactlyInAnyOrder(unanswered, forgotten);
        assertThat(listed(agent, tenant, "active")).containsExactly(answered);

        clock.set(t0.plus(Duration.ofMinutes(90)));
        status(agent, tenant, unanswered, "resolved"); // no reply in the hour
        clock.set(t0.plus(Duration.ofMinutes(100)));
        status(agent, tenant, answered, "resolved");

        assertThat(read(agent, tenant, answered).getString("sla.state")).isEqualTo("met");
        assertThat(read(agent, tenant, unanswered).getString("sla.state")).isEqualTo("breached");
        assertThat(listed(agent, tenant, "met")).containsExactly(answered);
        assertThat(listed(agent, tenant, "breached")).containsExactlyInAnyOrder(unanswered, forgotten);
        as(agent, tenant)
                .queryParam("sla", "late")
                .get("/api/v1/tickets")
                .then()
                .statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("sla"));
    }

    private int fire(CountDownLatch start, Instant now) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return tasks.run(null, () -> scheduler.fireDue(now));
    }

    /**
     * The SLA events of a ticket published so far: a change of the ticket's subject is published after them on the
     * same partition, so once it arrived, every earlier event of the ticket has too.
     */
    private static List<String> slaEventsUntilMarker(
            EventCapture events, TestUser agent, String tenant, String id, String marker) {
        String subject = "Printer on fire " + marker + " " + UUID.randomUUID();
        patchAs(agent, tenant)
                .body(Map.of("subject", subject))
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(200);
        events.awaitOne(
                c -> id.equals(c.key())
                        && c.event().type().equals(EventTypes.HELPDESK_TICKET_UPDATED)
                        && c.dataAsString().contains(subject),
                Duration.ofSeconds(30));
        return events.matching(c -> id.equals(c.key()) && c.event().type().startsWith("helpdesk.ticket.sla_")).stream()
                .map(c -> c.event().type() + " " + c.dataAsString().replaceAll(".*\"metric\":\"([a-z_]+)\".*", "$1"))
                .toList();
    }
}
