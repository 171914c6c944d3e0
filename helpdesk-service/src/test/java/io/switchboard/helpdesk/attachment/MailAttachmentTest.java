package io.switchboard.helpdesk.attachment;

import static io.switchboard.helpdesk.attachment.AttachmentApiTest.BUCKET;
import static io.switchboard.helpdesk.attachment.AttachmentApiTest.png;
import static io.switchboard.helpdesk.attachment.AttachmentApiTest.upload;
import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.MailFixtures.address;
import static io.switchboard.helpdesk.support.MailFixtures.mailbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.helpdesk.support.Fixtures.Team;
import io.switchboard.helpdesk.support.MailFixtures;
import io.switchboard.testing.Mailbox;
import io.switchboard.testing.Mailbox.Mail;
import io.switchboard.testing.StoredObjects;
import io.switchboard.testing.TestUsers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Attachments by mail, against the local mail server and S3 store: a customer's files are kept in the store (those the
 * tenant does not accept keep their metadata only), an agent's files go out with the public reply that names them,
 * and the files of an internal note never leave.
 */
@QuarkusTest
class MailAttachmentTest {

    private static final TestUsers users = new TestUsers();
    private static final Duration MAIL = Duration.ofSeconds(30);

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void aCustomersFilesAreStoredAndDownloadable() throws Exception {
        Team t = Team.of(users, "mailatt");
        String support = address("support", "acme.test");
        String customer = address("carla", "example.com");
        MailFixtures.create(t.admin(), t.tenant(), mailbox(support));
        byte[] screenshot = png(64, 48);
        byte[] program = new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0};

        Mailbox.send(
                "Carla <" + customer + ">",
                support,
                "Broken screen",
                "See the screenshot.",
                List.of(
                        new Mailbox.File("Bildschirm Übersicht.png", "image/png", screenshot),
                        new Mailbox.File("tool.pdf", "application/pdf", program)));

        String ticketId = await().atMost(MAIL).until(() -> ticketOf(t, customer), id -> id != null);
        JsonPath message = as(t.agent(), t.tenant())
                .get("/api/v1/tickets/" + ticketId + "/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("items[0]");
        assertThat(message.getString("body")).contains("See the screenshot.");
        assertThat(message.getList("attachments.fileName")).containsExactly("Bildschirm Übersicht.png", "tool.pdf");
        assertThat(message.getString("attachments[0].id")).isNotNull();

        // the image: detected, stored under the tenant's prefix, downloadable as it was sent
        JsonPath image = as(t.agent(), t.tenant())
                .get("/api/v1/tickets/" + ticketId + "/attachments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("[0]");
        assertThat(image.getString("fileName")).isEqualTo("Bildschirm Übersicht.png");
        assertThat(image.getString("contentType")).isEqualTo("image/png");
        assertThat(image.getString("source")).isEqualTo("mail");
        assertThat(image.getLong("size")).isEqualTo(screenshot.length);
        String imageId = image.getString("id");
        assertThat(StoredObjects.get(BUCKET, t.tenant() + "/helpdesk/" + imageId))
                .hasValue(screenshot);
        var download = as(t.agent(), t.tenant()).get(image.getString("contentPath"));
        download.then().statusCode(200);
        assertThat(download.asByteArray()).isEqualTo(screenshot);
        assertThat(download.contentType()).isEqualTo("image/png");
        assertThat(download.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"Bildschirm _bersicht.png\";"
                        + " filename*=UTF-8''Bildschirm%20%C3%9Cbersicht.png");

        // a program that calls itself a PDF: not a type the tenant accepts, kept as metadata only
        JsonPath refused = as(t.agent(), t.tenant())
                .get("/api/v1/tickets/" + ticketId + "/attachments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("[1]");
        assertThat(refused.getString("fileName")).isEqualTo("tool.pdf");
        assertThat(refused.getString("contentType")).isNotEqualTo("application/pdf");
        assertThat(refused.getString("notStoredReason")).isEqualTo("type_not_allowed");
        assertThat(refused.getString("contentPath")).isNull();
        as(t.agent(), t.tenant())
                .get("/api/v1/tickets/" + ticketId + "/attachments/" + refused.getString("id") + "/content")
                .then()
                .statusCode(404);
        assertThat(StoredObjects.keys(BUCKET, t.tenant() + "/")).containsExactly(t.tenant() + "/helpdesk/" + imageId);
    }

    @Test
    void aPublicReplyMailsItsFilesAnInternalNoteNever() throws Exception {
        Team t = Team.of(users, "mailout");
        String support = address("support", "acme.test");
        String customer = address("dora", "example.com");
        MailFixtures.create(t.admin(), t.tenant(), mailbox(support));
        Mailbox.send(customer, support, "Invoice please", "Can I have the invoice?");
        String ticketId = await().atMost(MAIL).until(() -> ticketOf(t, customer), id -> id != null);

        byte[] invoice = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes();
        String invoiceId = upload(t.agent(), t.tenant(), ticketId, "invoice-2026.pdf", invoice, "application/pdf")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        byte[] secret = "internal numbers".getBytes();
        String secretId = upload(t.agent(), t.tenant(), ticketId, "margins.txt", secret, "text/plain")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        // the internal note carries its file and mails nothing
        as(t.agent(), t.tenant())
                .body(Map.of("body", "margins attached", "isInternal", true, "attachmentIds", List.of(secretId)))
                .post("/api/v1/tickets/" + ticketId + "/messages")
                .then()
                .statusCode(201)
                .body("attachments.id", org.hamcrest.Matchers.equalTo(List.of(secretId)))
                .body("attachments[0].isInternal", org.hamcrest.Matchers.equalTo(true));
        // a file is attached once: the reply cannot take the note's file
        as(t.agent(), t.tenant())
                .body(Map.of("body", "Here it is", "attachmentIds", List.of(invoiceId, secretId)))
                .post("/api/v1/tickets/" + ticketId + "/messages")
                .then()
                .statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("attachmentIds"));
        as(t.agent(), t.tenant())
                .body(Map.of("body", "Here is your invoice.", "attachmentIds", List.of(invoiceId)))
                .post("/api/v1/tickets/" + ticketId + "/messages")
                .then()
                .statusCode(201)
                .body("attachments.id", org.hamcrest.Matchers.equalTo(List.of(invoiceId)));

        Mail reply = Mailbox.await(customer, m -> m.body().contains("Here is your invoice"), MAIL);
        assertThat(reply.attachments()).singleElement().satisfies(file -> {
            assertThat(file.name()).isEqualTo("invoice-2026.pdf");
            assertThat(file.contentType()).isEqualTo("application/pdf");
            assertThat(file.bytes()).isEqualTo(invoice);
        });
        // the reply is the one mail sent, and nothing else ever carries the note's file
        await().atMost(MAIL)
                .until(() -> MailFixtures.outbound(t.tenant(), customer).equals(Map.of("sent", 1)));
        assertThat(Mailbox.messages(customer)).singleElement().satisfies(m -> {
            assertThat(m.body()).doesNotContain("margins");
            assertThat(m.attachments()).extracting(Mailbox.File::name).containsExactly("invoice-2026.pdf");
        });
    }

    private static String ticketOf(Team t, String requester) {
        List<String> ids = as(t.agent(), t.tenant())
                .queryParam("requester", requester)
                .get("/api/v1/tickets")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
        return ids.isEmpty() ? null : ids.get(0);
    }
}
