package io.switchboard.helpdesk.mail;

import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static io.switchboard.helpdesk.support.MailFixtures.address;
import static io.switchboard.helpdesk.support.MailFixtures.mailbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.helpdesk.support.Fixtures;
import io.switchboard.helpdesk.support.Fixtures.Team;
import io.switchboard.helpdesk.support.MailFixtures;
import io.switchboard.testing.Mailbox;
import io.switchboard.testing.Mailbox.Mail;
import io.switchboard.testing.TestUsers;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's customer support workflow by mail, against the local mail server (GreenMail: the customer's mail goes in
 * over SMTP, the helpdesk reads it over IMAP and answers over SMTP), and what must never happen: answering automatic
 * mail, importing a mail twice, losing a reply while the mail server is down, mail crossing tenants.
 */
@QuarkusTest
class EmailWorkflowTest {

    private static final TestUsers users = new TestUsers();
    private static final Duration MAIL = Duration.ofSeconds(30);

    @Inject
    MailPoller poller;

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void customerMailsAgentRepliesCustomerRepliesResolvedClosed() throws Exception {
        Team t = Team.of(users, "mail");
        String support = address("support", "acme.test");
        String customer = address("carla", "example.com");
        // the mailbox files its tickets under "printers", which the tenant's rule gives to the agent's team
        UUID team = Fixtures.team(t.tenant(), t.agent());
        as(t.admin(), t.tenant())
                .body(Map.of("category", "printers", "teamId", team.toString()))
                .post("/api/v1/helpdesk/assignment-rules")
                .then()
                .statusCode(201);
        Map<String, Object> settings = mailbox(support);
        settings.put("teamId", UUID.randomUUID().toString());
        as(t.admin(), t.tenant())
                .body(settings)
                .post("/api/v1/helpdesk/mailboxes")
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("teamId")));
        settings.remove("teamId");
        settings.put("category", "printers");
        MailFixtures.create(t.admin(), t.tenant(), settings);

        // a customer's mail arrives in the tenant's mailbox and opens a ticket with the customer as its contact,
        // assigned to the least-loaded available agent of the category's team
        String first = Mailbox.send(
                "Carla Customer <" + customer + ">", support, "Printer on fire", "It smokes since this morning.");
        JsonPath ticket = awaitTickets(t, customer, 1).get(0);
        String id = ticket.getString("id");
        String number = ticket.getString("number");
        assertThat(ticket.getString("source")).isEqualTo("email");
        assertThat(ticket.getString("subject")).isEqualTo("Printer on fire");
        assertThat(ticket.getString("status")).isEqualTo("open");
        assertThat(ticket.getString("requester.name")).isEqualTo("Carla Customer");
        assertThat(ticket.getString("category")).isEqualTo("printers");
        assertThat(ticket.getString("teamId")).isEqualTo(team.toString());
        assertThat(ticket.getString("assigneeId")).isEqualTo(t.agent().id());
        String contactId = ticket.getString("requester.contactId");
        as(t.agent(), t.tenant())
                .get("/api/v1/contacts/" + contactId)
                .then()
                .statusCode(200)
                .body("email", equalTo(customer))
                .body("name", equalTo("Carla Customer"));
        as(t.agent(), t.tenant())
                .get("/api/v1/contacts/" + contactId + "/tickets")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(id)));
        assertThat(messages(t, id)).singleElement().satisfies(m -> {
            assertThat(m.getString("sender")).isEqualTo("requester");
            assertThat(m.getString("senderEmail")).isEqualTo(customer);
            assertThat(m.getString("body")).isEqualTo("It smokes since this morning.");
        });

        // an agent replies: the customer receives it, threaded under their own mail, numbered in the subject
        as(t.agent(), t.tenant())
                .body(Map.of("body", "<p>We are sending a <b>technician</b>.</p>", "isHtml", true))
                .post("/api/v1/tickets/" + id + "/messages")
                .then()
                .statusCode(201);
        as(t.agent(), t.tenant())
                .body(Map.of("body", "VIP customer, be quick", "isInternal", true))
                .post("/api/v1/tickets/" + id + "/messages")
                .then()
                .statusCode(201);
        Mail reply = Mailbox.awaitFirst(customer, MAIL);
        assertThat(reply.subject()).isEqualTo("Re: Printer on fire [" + number + "]");
        assertThat(reply.header("In-Reply-To")).isEqualTo(first);
        assertThat(reply.header("References")).isEqualTo(first);
        assertThat(reply.header("Auto-Submitted")).as("a person's reply").isNull();
        assertThat(reply.from()).singleElement().asString().contains(support).contains("ACME Support");
        assertThat(reply.text()).contains("technician");
        assertThat(reply.html()).contains("<b>technician</b>");
        assertThat(reply.messageId()).endsWith("@acme.test>").isNotEqualTo(first);
        // the internal note is never mailed: mail is queued in the transaction of its message, and the one queued
        // (the reply) is sent and the only one
        await().atMost(MAIL)
                .until(() -> MailFixtures.outbound(t.tenant(), customer).equals(Map.of("sent", 1)));
        assertThat(Mailbox.messages(customer))
                .singleElement()
                .satisfies(m -> assertThat(m.body()).doesNotContain("VIP"));

        // waiting on the customer, who answers the mail (their client sets In-Reply-To): the reply reopens the ticket
        patchAs(t.agent(), t.tenant())
                .body(Map.of("status", "pending"))
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(200);
        String answer = Mailbox.send(
                customer,
                support,
                "Re: Printer on fire",
                "The technician fixed it, thanks.",
                Map.of("In-Reply-To", reply.messageId(), "References", first + " " + reply.messageId()));
        await().atMost(MAIL).until(() -> messages(t, id).size() == 4);
        JsonPath joined = messages(t, id).get(3);
        assertThat(joined.getString("sender")).isEqualTo("requester");
        assertThat(joined.getString("body")).contains("fixed it");
        assertThat(MailFixtures.inboundOrEmpty(t.tenant(), answer)).containsExactly("ticket_joined");
        assertThat(as(t.agent(), t.tenant())
                        .get("/api/v1/tickets/" + id)
                        .jsonPath()
                        .getString("status"))
                .as("a requester's reply reopens a pending ticket")
                .isEqualTo("open");

        // a new mail with only the number in its subject joins too
        Mailbox.send(customer, support, "One more thing [" + number + "]", "The scanner is slow as well.");
        await().atMost(MAIL).until(() -> messages(t, id).size() == 5);
        assertThat(awaitTickets(t, customer, 1)).hasSize(1);

        // the agent's next reply references the whole thread
        as(t.agent(), t.tenant())
                .body(Map.of("body", "Glad to hear. Closing this."))
                .post("/api/v1/tickets/" + id + "/messages")
                .then()
                .statusCode(201);
        Mail second = Mailbox.await(customer, m -> m.body().contains("Closing this"), MAIL);
        assertThat(second.subject()).isEqualTo("Re: Printer on fire [" + number + "]");
        assertThat(second.header("References")).startsWith(first + " " + reply.messageId() + " " + answer);

        for (String status : List.of("resolved", "closed")) {
            patchAs(t.agent(), t.tenant())
                    .body(Map.of("status", status))
                    .patch("/api/v1/tickets/" + id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo(status));
        }
        // a mail to a closed ticket opens a new one: a follow-up is a new ticket
        Mailbox.send(customer, support, "Re: Printer on fire [" + number + "]", "It smokes again!");
        assertThat(awaitTickets(t, customer, 2)).hasSize(2);
    }

    @Test
    void automaticMailIsNeverAnsweredAndOpensNothing() throws Exception {
        Team t = Team.of(users, "loop");
        String support = address("support", "acme.test");
        String customer = address("dave", "example.com");
        Map<String, Object> settings = mailbox(support);
        settings.put("sendAcknowledgement", true);
        MailFixtures.create(t.admin(), t.tenant(), settings);

        String first = Mailbox.send(customer, support, "Login broken", "I cannot log in.");
        String id = awaitTickets(t, customer, 1).get(0).getString("id");
        Mail ack = Mailbox.awaitFirst(customer, MAIL);
        assertThat(ack.header("Auto-Submitted")).isEqualTo("auto-replied");
        assertThat(ack.header("In-Reply-To")).isEqualTo(first);
        String number = as(t.agent(), t.tenant())
                .get("/api/v1/tickets/" + id)
                .jsonPath()
                .getString("number");
        assertThat(ack.subject()).isEqualTo("Re: Login broken [" + number + "]");
        patchAs(t.agent(), t.tenant())
                .body(Map.of("status", "pending"))
                .patch("/api/v1/tickets/" + id)
                .then()
                .statusCode(200);

        // the customer's vacation responder answers the acknowledgement: kept as a note, nothing reopens or answers
        String vacation = Mailbox.send(
                customer,
                support,
                "Out of office: " + ack.subject(),
                "I am away until Monday.",
                Map.of("Auto-Submitted", "auto-replied", "In-Reply-To", ack.messageId()));
        // automatic mail without a ticket to join is dropped, whatever marks it
        String bulk = Mailbox.send(
                address("news", "example.com"), support, "Our newsletter", "Buy now", Map.of("Precedence", "bulk"));
        String autoreply = Mailbox.send(
                address("erin", "example.com"), support, "Automatic reply", "Away", Map.of("X-Autoreply", "yes"));
        String suppress = Mailbox.send(
                address("frank", "example.com"),
                support,
                "Automatic reply",
                "Away",
                Map.of("X-Auto-Response-Suppress", "All"));
        String bounce = Mailbox.send(
                "MAILER-DAEMON@example.com", support, "Undelivered Mail Returned to Sender", "550 no such user");
        String own = Mailbox.send(support, support, "Re: Login broken [" + number + "]", "our own mail, come back");

        await().atMost(MAIL)
                .until(() -> !MailFixtures.inboundOrEmpty(t.tenant(), own).isEmpty());
        for (String dropped : List.of(bulk, autoreply, suppress, bounce, own)) {
            await().atMost(MAIL)
                    .until(() -> MailFixtures.inboundOrEmpty(t.tenant(), dropped), o -> o.equals(List.of("dropped")));
        }
        await().atMost(MAIL)
                .until(
                        () -> MailFixtures.inboundOrEmpty(t.tenant(), vacation),
                        o -> o.equals(List.of("automatic_stored")));
        JsonPath note = messages(t, id).get(1);
        assertThat(note.getBoolean("isInternal"))
                .as("agents see it, requesters never")
                .isTrue();
        assertThat(note.getString("body")).contains("away until Monday");
        assertThat(as(t.agent(), t.tenant())
                        .get("/api/v1/tickets/" + id)
                        .jsonPath()
                        .getString("status"))
                .as("an auto-reply does not reopen the ticket")
                .isEqualTo("pending");
        assertThat(as(t.agent(), t.tenant()).get("/api/v1/tickets").jsonPath().getList("items.id"))
                .as("no ticket but the customer's")
                .containsExactly(id);
        // every mail above is imported, and an answer would have been queued in its import: only the acknowledgement
        // was ever queued to the customer, and it is the only mail they got
        await().atMost(MAIL)
                .until(() -> MailFixtures.outbound(t.tenant(), customer).equals(Map.of("sent", 1)));
        assertThat(Mailbox.messages(customer)).hasSize(1);
    }

    @Test
    void aSecondPollOrALostCursorImportsNothingTwice() throws Exception {
        Team t = Team.of(users, "poll");
        String support = address("support", "acme.test");
        String customer = address("gina", "example.com");
        String mailbox = MailFixtures.create(t.admin(), t.tenant(), mailbox(support));
        String one = Mailbox.send(customer, support, "First", "one");
        String two = Mailbox.send(customer, support, "Second", "two");
        List<JsonPath> tickets = awaitTickets(t, customer, 2);

        poller.pollAll();
        MailFixtures.forgetCursor(t.tenant(), mailbox); // as after a UIDVALIDITY change: the whole folder again
        poller.pollAll();
        poller.pollAll();

        assertThat(awaitTickets(t, customer, 2)).hasSize(2);
        for (JsonPath ticket : tickets) {
            assertThat(messages(t, ticket.getString("id"))).hasSize(1);
        }
        assertThat(MailFixtures.inboundOrEmpty(t.tenant(), one)).containsExactly("ticket_created");
        assertThat(MailFixtures.inboundOrEmpty(t.tenant(), two)).containsExactly("ticket_created");
        as(t.admin(), t.tenant())
                .get("/api/v1/helpdesk/mailboxes/" + mailbox)
                .then()
                .statusCode(200)
                .body("lastPollError", equalTo(null));
    }

    @Test
    void aReplyWhileTheMailServerIsDownIsSentOnceWhenItIsBack() throws Exception {
        Team t = Team.of(users, "smtp");
        String support = address("support", "acme.test");
        String customer = address("hank", "example.com");
        String mailbox = MailFixtures.create(t.admin(), t.tenant(), mailbox(support, closedPort()));
        Map<String, Object> body = Fixtures.ticket("Invoice missing");
        body.put("requester", Map.of("email", customer, "name", "Hank"));
        String id = Fixtures.create(t.agent(), t.tenant(), body);

        as(t.agent(), t.tenant())
                .body(Map.of("body", "Here is your invoice."))
                .post("/api/v1/tickets/" + id + "/messages")
                .then()
                .statusCode(201);
        await().atMost(MAIL).until(() -> MailFixtures.attempts(t.tenant(), customer) >= 2);
        assertThat(MailFixtures.outbound(t.tenant(), customer)).isEqualTo(Map.of("queued", 1));
        assertThat(Mailbox.messages(customer)).isEmpty();
        as(t.admin(), t.tenant())
                .get("/api/v1/helpdesk/mailboxes/" + mailbox)
                .then()
                .body("queuedMails", equalTo(1));

        patchAs(t.admin(), t.tenant())
                .body(Map.of("smtp", Map.of("port", io.switchboard.testing.LocalStack.mailSmtpPort())))
                .patch("/api/v1/helpdesk/mailboxes/" + mailbox)
                .then()
                .statusCode(200);
        Mail delivered = Mailbox.awaitFirst(customer, MAIL);
        assertThat(delivered.body()).contains("Here is your invoice.");
        // sent once: the queue holds it as sent (nothing left to retry) and the customer got it once
        await().atMost(MAIL)
                .until(() -> MailFixtures.outbound(t.tenant(), customer).equals(Map.of("sent", 1)));
        assertThat(Mailbox.messages(customer)).hasSize(1);
    }

    @Test
    void mailToAnotherTenantsMailboxNeverLandsHere() throws Exception {
        Team a = Team.of(users, "mia");
        Team b = Team.of(users, "mib");
        String supportA = address("support", "a.test");
        String supportB = address("support", "b.test");
        String customer = address("ivy", "example.com");
        MailFixtures.create(a.admin(), a.tenant(), mailbox(supportA));
        String mailboxB = MailFixtures.create(b.admin(), b.tenant(), mailbox(supportB));

        Mailbox.send(customer, supportB, "For B only", "hello B");
        String ticketB = awaitTickets(b, customer, 1).get(0).getString("id");
        String contactB = as(b.agent(), b.tenant())
                .get("/api/v1/tickets/" + ticketB)
                .jsonPath()
                .getString("requester.contactId");

        // a reply that names B's ticket number, sent to A's mailbox, does not reach B's ticket: it opens one in A
        String numberB = as(b.agent(), b.tenant())
                .get("/api/v1/tickets/" + ticketB)
                .jsonPath()
                .getString("number");
        Mailbox.send(customer, supportA, "Re: For B only [" + numberB + "]", "hello A");
        String ticketA = awaitTickets(a, customer, 1).get(0).getString("id");
        assertThat(ticketA).isNotEqualTo(ticketB);
        assertThat(messages(b, ticketB)).hasSize(1);

        as(a.admin(), a.tenant())
                .get("/api/v1/helpdesk/mailboxes/" + mailboxB)
                .then()
                .statusCode(404);
        patchAs(a.admin(), a.tenant())
                .body(Map.of("name", "mine"))
                .patch("/api/v1/helpdesk/mailboxes/" + mailboxB)
                .then()
                .statusCode(404);
        as(a.admin(), a.tenant())
                .delete("/api/v1/helpdesk/mailboxes/" + mailboxB)
                .then()
                .statusCode(404);
        as(a.admin(), a.tenant())
                .get("/api/v1/helpdesk/mailboxes")
                .then()
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(mailboxB)));
        as(a.agent(), a.tenant()).get("/api/v1/tickets/" + ticketB).then().statusCode(404);
        as(a.agent(), a.tenant()).get("/api/v1/contacts/" + contactB).then().statusCode(404);
        as(a.agent(), a.tenant())
                .get("/api/v1/contacts/" + contactB + "/tickets")
                .then()
                .statusCode(404);
        // tenant A cannot read B's IMAP account through a mailbox of its own
        as(a.admin(), a.tenant())
                .body(mailbox(supportB))
                .post("/api/v1/helpdesk/mailboxes")
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("imap.user"));
    }

    /** The tenant's tickets of this requester, once there are {@code count}. */
    private static List<JsonPath> awaitTickets(Team t, String requester, int count) {
        return await().atMost(MAIL)
                .until(
                        () -> {
                            JsonPath page = as(t.agent(), t.tenant())
                                    .queryParam("requester", requester)
                                    .queryParam("sort", "createdAt")
                                    .get("/api/v1/tickets")
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .jsonPath();
                            int size = page.getList("items").size();
                            return java.util.stream.IntStream.range(0, size)
                                    .mapToObj(i -> new JsonPath(page.prettify()).setRootPath("items[" + i + "]"))
                                    .toList();
                        },
                        list -> list.size() >= count);
    }

    private static List<JsonPath> messages(Team t, String ticketId) {
        JsonPath page = as(t.agent(), t.tenant())
                .get("/api/v1/tickets/" + ticketId + "/messages?size=100")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        int size = page.getList("items").size();
        return java.util.stream.IntStream.range(0, size)
                .mapToObj(i -> new JsonPath(page.prettify()).setRootPath("items[" + i + "]"))
                .toList();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
