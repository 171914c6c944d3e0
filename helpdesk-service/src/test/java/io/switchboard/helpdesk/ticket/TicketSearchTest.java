package io.switchboard.helpdesk.ticket;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.create;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static io.switchboard.helpdesk.support.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.helpdesk.support.Fixtures;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Full-text search over subject, description and messages: ranked, stemmed by the tenant's language, tenant-scoped. */
@QuarkusTest
class TicketSearchTest {

    private static final TestUsers users = new TestUsers();
    private static boolean ready;
    private static String tenant;
    private static String otherTenant;
    private static TestUser agent;
    private static TestUser viewer;
    private static TestUser otherAgent;
    private static String inSubject;
    private static String inDescription;
    private static String inMessage;
    private static String inNote;

    /** Once per class, when Quarkus (and RestAssured's port) is up. */
    @BeforeEach
    void setUp() {
        if (ready) {
            return;
        }
        ready = true;
        tenant = Fixtures.tenant("srch", Fixtures.locale("en-US"));
        otherTenant = Fixtures.tenant("srch", Fixtures.locale("en-US"));
        agent = users.member(tenant, "agent");
        viewer = users.member(tenant, "viewer");
        otherAgent = users.member(otherTenant, "agent");
        inSubject = create(agent, tenant, ticket("Printer jams on every page"));
        Map<String, Object> described = ticket("Question about room 4");
        described.put("description", "The printer in room 4 prints nothing at all");
        inDescription = create(agent, tenant, described);
        inMessage = create(agent, tenant, ticket("Network trouble"));
        message(agent, tenant, inMessage, Map.of("body", "Also my printer is offline", "sender", "requester"));
        inNote = create(agent, tenant, ticket("Contract renewal"));
        message(
                agent,
                tenant,
                inNote,
                Map.of("body", "Call the printer vendor about zebrafish terms", "isInternal", true));
        Map<String, Object> theirs = ticket("Printer zanzibarquux exploded");
        create(otherAgent, otherTenant, theirs);
    }

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void matchesAreRankedSubjectFirstAndStemmed() {
        JsonPath found = search(agent, tenant, Map.of("q", "printers"));
        List<String> ids = found.getList("items.id");
        assertThat(ids).containsExactlyInAnyOrder(inSubject, inDescription, inMessage, inNote);
        assertThat(ids.get(0)).as("a subject match ranks first").isEqualTo(inSubject);
        List<Float> relevance = found.getList("items.relevance", Float.class);
        assertThat(relevance).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        assertThat(relevance.get(0)).isGreaterThan(relevance.get(1));
        assertThat(search(agent, tenant, Map.of("q", "printer -jams")).<String>getList("items.id"))
                .doesNotContain(inSubject)
                .contains(inDescription);
        assertThat(search(agent, tenant, Map.of("q", "\"prints nothing\"")).<String>getList("items.id"))
                .containsExactly(inDescription);
        String number = as(agent, tenant).get("/api/v1/tickets/" + inMessage).path("number");
        assertThat(search(agent, tenant, Map.of("q", number)).<String>getList("items.id"))
                .containsExactly(inMessage);
    }

    @Test
    void searchCombinesWithFilters() {
        patchAs(agent, tenant)
                .body(Map.of("status", "pending"))
                .patch("/api/v1/tickets/" + inDescription)
                .then()
                .statusCode(200);
        assertThat(search(agent, tenant, Map.of("q", "printer", "status", "pending"))
                        .<String>getList("items.id"))
                .containsExactly(inDescription);
        assertThat(search(agent, tenant, Map.of("q", "printer", "sort", "createdAt"))
                        .<String>getList("items.id"))
                .containsExactly(inSubject, inDescription, inMessage, inNote);
    }

    @Test
    void internalNotesAreSearchedOnlyForThoseWhoSeeThem() {
        assertThat(search(agent, tenant, Map.of("q", "zebrafish")).<String>getList("items.id"))
                .containsExactly(inNote);
        assertThat(search(viewer, tenant, Map.of("q", "zebrafish")).<String>getList("items.id"))
                .isEmpty();
        assertThat(search(viewer, tenant, Map.of("q", "printer")).<String>getList("items.id"))
                .containsExactlyInAnyOrder(inSubject, inDescription, inMessage);
    }

    @Test
    void anotherTenantsWordsNeverMatch() {
        assertThat(search(agent, tenant, Map.of("q", "zanzibarquux")).<String>getList("items"))
                .isEmpty();
        assertThat(search(otherAgent, otherTenant, Map.of("q", "zanzibarquux")).<String>getList("items"))
                .hasSize(1);
        assertThat(search(otherAgent, otherTenant, Map.of("q", "printer")).<String>getList("items.subject"))
                .containsExactly("Printer zanzibarquux exploded");
        assertThat(search(otherAgent, otherTenant, Map.of("q", "zebrafish")).<String>getList("items"))
                .isEmpty();
    }

    private static JsonPath search(TestUser user, String tenant, Map<String, Object> params) {
        return as(user, tenant)
                .queryParams(params)
                .get("/api/v1/tickets")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void message(TestUser user, String tenant, String ticket, Map<String, Object> body) {
        as(user, tenant)
                .body(body)
                .post("/api/v1/tickets/" + ticket + "/messages")
                .then()
                .statusCode(201);
    }
}
