package io.switchboard.helpdesk.settings;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static io.switchboard.helpdesk.support.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.helpdesk.support.Fixtures;
import io.switchboard.helpdesk.support.Fixtures.Team;
import io.switchboard.testing.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Per-tenant ticket numbers: unique and consecutive under concurrent creation, and stable when the prefix changes. */
@QuarkusTest
class TicketNumberingTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void fiftyParallelCreationsGetFiftyConsecutiveNumbersAndNoError() throws Exception {
        Team team = Team.of(users, "num");
        Team other = Team.of(users, "num");
        String token = team.agent().token();
        String otherToken = other.agent().token();
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            calls.add(() -> io.restassured.RestAssured.given()
                    .auth()
                    .oauth2(token)
                    .header("X-Tenant-ID", team.tenant())
                    .contentType("application/json")
                    .body(ticket("Parallel " + n))
                    .post("/api/v1/tickets"));
            if (i % 5 == 0) { // another tenant creating at the same time has numbers of its own
                calls.add(() -> io.restassured.RestAssured.given()
                        .auth()
                        .oauth2(otherToken)
                        .header("X-Tenant-ID", other.tenant())
                        .contentType("application/json")
                        .body(ticket("Other " + n))
                        .post("/api/v1/tickets"));
            }
        }
        List<Response> responses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(25);
        try {
            for (Future<Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(responses)
                .allSatisfy(r -> assertThat(r.statusCode()).as(r.asString()).isEqualTo(201));
        List<String> mine = responses.stream()
                .filter(r -> r.<String>path("subject").startsWith("Parallel"))
                .map(r -> r.<String>path("number"))
                .toList();
        List<String> expected = LongStream.rangeClosed(1, 50)
                .mapToObj(i -> TicketNumbers.format("NUM", i))
                .toList();
        assertThat(mine).containsExactlyInAnyOrderElementsOf(expected);
        List<String> theirs = responses.stream()
                .filter(r -> r.<String>path("subject").startsWith("Other"))
                .map(r -> r.<String>path("number"))
                .toList();
        assertThat(theirs)
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 10)
                        .mapToObj(i -> TicketNumbers.format("NUM", i))
                        .toList());
        as(team.viewer(), team.tenant())
                .get("/api/v1/helpdesk/settings")
                .then()
                .statusCode(200)
                .body("ticketPrefix", equalTo("NUM"))
                .body("nextTicketNumber", equalTo("NUM-00051"));
    }

    @Test
    void aTicketKeepsItsNumberWhenThePrefixChangesAndIsFoundByIt() {
        Team team = Team.of(users, "acme");
        String first = Fixtures.create(team.agent(), team.tenant(), ticket("Before"));
        String firstNumber =
                as(team.agent(), team.tenant()).get("/api/v1/tickets/" + first).path("number");
        assertThat(firstNumber).isEqualTo("ACME-00001");

        patchAs(team.agent(), team.tenant())
                .body("{\"ticketPrefix\": \"HELP\"}")
                .patch("/api/v1/helpdesk/settings")
                .then()
                .statusCode(403);
        patchAs(team.admin(), team.tenant())
                .body("{\"ticketPrefix\": \"help desk\"}")
                .patch("/api/v1/helpdesk/settings")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("ticketPrefix"));
        String etag =
                as(team.admin(), team.tenant()).get("/api/v1/helpdesk/settings").header("ETag");
        patchAs(team.admin(), team.tenant())
                .header("If-Match", etag)
                .body("{\"ticketPrefix\": \"HELP\"}")
                .patch("/api/v1/helpdesk/settings")
                .then()
                .statusCode(200)
                .body("ticketPrefix", equalTo("HELP"))
                .body("nextTicketNumber", equalTo("HELP-00002"));
        patchAs(team.admin(), team.tenant())
                .header("If-Match", etag)
                .body("{\"ticketPrefix\": \"OTHER\"}")
                .patch("/api/v1/helpdesk/settings")
                .then()
                .statusCode(412);

        as(team.agent(), team.tenant())
                .body(ticket("After"))
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .body("number", equalTo("HELP-00002"));
        for (String number : List.of("ACME-00001", "acme-00001", "HELP-00001", "HELP-1")) {
            as(team.viewer(), team.tenant())
                    .get("/api/v1/tickets/by-number/" + number)
                    .then()
                    .statusCode(200)
                    .body("id", equalTo(first))
                    .body("number", equalTo("ACME-00001"));
        }
        as(team.agent(), team.tenant())
                .get("/api/v1/tickets/by-number/HELP-00002")
                .then()
                .statusCode(200)
                .body("subject", equalTo("After"));
        for (String unknown : List.of("ACME-00002", "XYZ-00001", "HELP-00003", "not-a-number!", "12")) {
            as(team.agent(), team.tenant())
                    .get("/api/v1/tickets/by-number/" + unknown)
                    .then()
                    .statusCode(404);
        }
        // another tenant's number means nothing here
        Team other = Team.of(users, "acme");
        as(other.agent(), other.tenant())
                .get("/api/v1/tickets/by-number/ACME-00001")
                .then()
                .statusCode(404);
    }
}
