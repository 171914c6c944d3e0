package io.switchboard.helpdesk.contact;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

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

/** Contacts: CRUD, search, validation, found-or-created requesters, a contact's tickets, access and isolation. */
@QuarkusTest
class ContactApiTest {

    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void contactsAreKeptSearchedAndTheirEventsMatchTheCatalogue() {
        Team t = Team.of(users, "con");
        Fixtures.tags(t.admin(), t.tenant(), "VIP");
        try (EventCapture events = EventCapture.open(Topics.HELPDESK_EVENTS)) {
            String id = as(t.agent(), t.tenant())
                    .body(Map.of(
                            "name", "Carla Customer",
                            "emails",
                                    List.of(
                                            Map.of("address", "carla@work.example"),
                                            Map.of("address", "Carla@Home.Example", "primary", true)),
                            "phones", List.of("+49 30 1234567", "+1 (415) 555-0132"),
                            "tags", List.of("vip"),
                            "notes", "Prefers mail"))
                    .post("/api/v1/contacts")
                    .then()
                    .statusCode(201)
                    .body("email", equalTo("Carla@home.example"))
                    .body("emails.address", equalTo(List.of("Carla@home.example", "carla@work.example")))
                    .body("emails.primary", equalTo(List.of(true, false)))
                    .body("phones", equalTo(List.of("+49301234567", "+14155550132")))
                    .body("tags", equalTo(List.of("VIP")))
                    .extract()
                    .path("id");

            as(t.viewer(), t.tenant())
                    .queryParam("q", "home.exa")
                    .get("/api/v1/contacts")
                    .then()
                    .statusCode(200)
                    .body("items.id", equalTo(List.of(id)));
            as(t.viewer(), t.tenant())
                    .queryParam("q", "+4930")
                    .get("/api/v1/contacts")
                    .then()
                    .body("items.id", equalTo(List.of(id)));
            as(t.viewer(), t.tenant())
                    .queryParam("email", "CARLA@WORK.EXAMPLE")
                    .queryParam("tag", "VIP")
                    .get("/api/v1/contacts")
                    .then()
                    .body("items.id", equalTo(List.of(id)));
            as(t.viewer(), t.tenant())
                    .queryParam("q", "nobody")
                    .get("/api/v1/contacts")
                    .then()
                    .body("totalItems", equalTo(0));

            String etag =
                    as(t.agent(), t.tenant()).get("/api/v1/contacts/" + id).header("ETag");
            patchAs(t.agent(), t.tenant())
                    .header("If-Match", etag)
                    .body(Map.of("name", "Carla C.", "phones", List.of()))
                    .patch("/api/v1/contacts/" + id)
                    .then()
                    .statusCode(200)
                    .body("name", equalTo("Carla C."))
                    .body("phones", equalTo(List.of()))
                    .body("emails.address", equalTo(List.of("Carla@home.example", "carla@work.example")));
            patchAs(t.agent(), t.tenant())
                    .header("If-Match", etag)
                    .body(Map.of("name", "stale"))
                    .patch("/api/v1/contacts/" + id)
                    .then()
                    .statusCode(412);

            // an agent's ticket for a known address is linked to that contact; an unknown address makes one
            Map<String, Object> known = Fixtures.ticket("Known");
            known.put("requester", Map.of("email", "CARLA@work.example"));
            String ticket = Fixtures.create(t.agent(), t.tenant(), known);
            as(t.agent(), t.tenant())
                    .get("/api/v1/tickets/" + ticket)
                    .then()
                    .body("requester.contactId", equalTo(id))
                    .body("requester.name", equalTo("Carla C."));
            Map<String, Object> byId = Fixtures.ticket("By id");
            byId.put("requester", Map.of("contactId", id));
            String second = Fixtures.create(t.agent(), t.tenant(), byId);
            as(t.agent(), t.tenant())
                    .get("/api/v1/tickets/" + second)
                    .then()
                    .body("requester.email", equalTo("Carla@home.example"));
            as(t.viewer(), t.tenant())
                    .get("/api/v1/contacts/" + id + "/tickets")
                    .then()
                    .statusCode(200)
                    .body("items.id", equalTo(List.of(second, ticket)));
            Map<String, Object> stranger = Fixtures.ticket("New person");
            stranger.put("requester", Map.of("email", "new.person@example.com", "name", "New Person"));
            String third = Fixtures.create(t.agent(), t.tenant(), stranger);
            String made = as(t.agent(), t.tenant())
                    .get("/api/v1/tickets/" + third)
                    .jsonPath()
                    .getString("requester.contactId");
            as(t.agent(), t.tenant())
                    .get("/api/v1/contacts/" + made)
                    .then()
                    .body("name", equalTo("New Person"))
                    .body("email", equalTo("new.person@example.com"));

            as(t.agent(), t.tenant()).delete("/api/v1/contacts/" + id).then().statusCode(403);
            as(t.admin(), t.tenant()).delete("/api/v1/contacts/" + id).then().statusCode(204);
            as(t.agent(), t.tenant()).get("/api/v1/contacts/" + id).then().statusCode(404);
            as(t.agent(), t.tenant())
                    .get("/api/v1/tickets/" + ticket)
                    .then()
                    .body("requester.contactId", equalTo(null))
                    .body("requester.email", equalTo("CARLA@work.example"));

            List<Captured> emitted = events.await(
                    c -> t.tenant().equals(c.event().tenantId())
                            && c.event().type().startsWith("helpdesk.contact."),
                    4,
                    Duration.ofSeconds(30));
            assertThat(emitted.stream().map(c -> c.event().type()))
                    .containsExactly(
                            EventTypes.HELPDESK_CONTACT_CREATED,
                            EventTypes.HELPDESK_CONTACT_UPDATED,
                            EventTypes.HELPDESK_CONTACT_CREATED,
                            EventTypes.HELPDESK_CONTACT_DELETED);
            AsyncApiContract contract = AsyncApiContract.load();
            for (Captured captured : emitted) {
                assertThat(contract.violations(captured))
                        .as("%s %s", captured.event().type(), captured.dataAsString())
                        .isEmpty();
            }
            assertThat(emitted.get(0).key()).isEqualTo(id);
        }
    }

    @Test
    void invalidContactsAreNamedAndAddressesAreUniquePerTenant() {
        Team t = Team.of(users, "cov");
        as(t.agent(), t.tenant())
                .body(Map.of(
                        "emails", List.of(Map.of("address", "not an address"), Map.of("address", "ok@example.com")),
                        "phones", List.of("+49 30 1234567", "12345"),
                        "tags", List.of("Unknown")))
                .post("/api/v1/contacts")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("emails[0].address", "phones[1]", "tags[0]")));
        as(t.agent(), t.tenant())
                .body(Map.of(
                        "emails",
                        List.of(
                                Map.of("address", "a@example.com", "primary", true),
                                Map.of("address", "b@example.com", "primary", true))))
                .post("/api/v1/contacts")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("emails")));
        as(t.agent(), t.tenant())
                .body(Map.of("emails", List.of(Map.of("address", "same@example.com"))))
                .post("/api/v1/contacts")
                .then()
                .statusCode(201);
        as(t.agent(), t.tenant())
                .body(Map.of("name", "Other", "emails", List.of(Map.of("address", "SAME@example.com"))))
                .post("/api/v1/contacts")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:switchboard:problem:already-exists"))
                .body("errors.field", equalTo(List.of("emails[0].address")));
        Map<String, Object> unknownContact = Fixtures.ticket("Nobody");
        unknownContact.put("requester", Map.of("contactId", "0190f7c2-5e1b-7a3c-9d2e-4f6a8b0c1d2e"));
        as(t.agent(), t.tenant())
                .body(unknownContact)
                .post("/api/v1/tickets")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("requester.contactId")));
        as(t.viewer(), t.tenant())
                .body(Map.of("emails", List.of(Map.of("address", "v@example.com"))))
                .post("/api/v1/contacts")
                .then()
                .statusCode(403);

        // another tenant may have the same address; neither sees the other's contact
        Team other = Team.of(users, "cow");
        String theirs = as(other.agent(), other.tenant())
                .body(Map.of("emails", List.of(Map.of("address", "same@example.com"))))
                .post("/api/v1/contacts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(t.admin(), t.tenant()).get("/api/v1/contacts/" + theirs).then().statusCode(404);
        patchAs(t.admin(), t.tenant())
                .body(Map.of("name", "x"))
                .patch("/api/v1/contacts/" + theirs)
                .then()
                .statusCode(404);
        as(t.admin(), t.tenant()).delete("/api/v1/contacts/" + theirs).then().statusCode(404);
        as(t.admin(), t.tenant()).get("/api/v1/contacts?size=200").then().body("items.id", not(hasItem(theirs)));
        Map<String, Object> foreign = Fixtures.ticket("Foreign contact");
        foreign.put("requester", Map.of("contactId", theirs));
        as(t.agent(), t.tenant())
                .body(foreign)
                .post("/api/v1/tickets")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("requester.contactId")));
    }
}
