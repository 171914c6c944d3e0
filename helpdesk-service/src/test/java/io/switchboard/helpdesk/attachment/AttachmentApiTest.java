package io.switchboard.helpdesk.attachment;

import static io.restassured.RestAssured.given;
import static io.switchboard.helpdesk.support.Fixtures.as;
import static io.switchboard.helpdesk.support.Fixtures.create;
import static io.switchboard.helpdesk.support.Fixtures.patchAs;
import static io.switchboard.helpdesk.support.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.helpdesk.support.Fixtures;
import io.switchboard.helpdesk.support.Fixtures.Team;
import io.switchboard.helpdesk.ticket.TicketRetention;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.Database;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.EventCapture.Captured;
import io.switchboard.testing.StoredObjects;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Ticket attachments through the API, their bytes in the local S3 store (read back directly with the SDK to prove
 * where they live): detected types, the tenant's limits with refusals that store nothing, visibility of internal notes'
 * files, soft-deleted tickets, retention, and tenants that never see each other's files.
 */
@QuarkusTest
class AttachmentApiTest {

    static final String BUCKET = "switchboard-test";
    private static final TestUsers users = new TestUsers();

    @Inject
    TicketRetention retention;

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void uploadListReadDownloadDelete() throws Exception {
        Team t = Team.of(users, "att");
        String ticketId = create(t.agent(), t.tenant(), ticket("Screen is blank"));
        byte[] png = png(40, 30);

        // a PNG that the client calls text: the bytes decide
        JsonPath uploaded = upload(t.agent(), t.tenant(), ticketId, "../screenshot.txt", png, "text/plain")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String id = uploaded.getString("id");
        assertThat(uploaded.getString("contentType")).isEqualTo("image/png");
        assertThat(uploaded.getString("fileName")).isEqualTo("screenshot.txt");
        assertThat(uploaded.getLong("size")).isEqualTo(png.length);
        assertThat(uploaded.getString("sha256")).isEqualTo(sha256(png));
        assertThat(uploaded.getString("source")).isEqualTo("upload");
        assertThat(uploaded.getString("uploadedBy")).isEqualTo(t.agent().id());
        assertThat(uploaded.getBoolean("isInternal")).isFalse();
        assertThat(uploaded.getString("messageId")).isNull();
        String contentPath = "/api/v1/tickets/" + ticketId + "/attachments/" + id + "/content";
        assertThat(uploaded.getString("contentPath")).isEqualTo(contentPath);

        // the bytes live in the S3 store under the tenant's prefix, typed as detected
        String key = t.tenant() + "/helpdesk/" + id;
        assertThat(StoredObjects.get(BUCKET, key)).hasValue(png);
        assertThat(StoredObjects.contentType(BUCKET, key)).isEqualTo("image/png");

        // read: metadata and list for tickets:read (a viewer too), the download as a file that is never sniffed
        as(t.viewer(), t.tenant())
                .get("/api/v1/tickets/" + ticketId + "/attachments")
                .then()
                .statusCode(200)
                .body("id", equalTo(List.of(id)));
        as(t.viewer(), t.tenant())
                .get("/api/v1/tickets/" + ticketId + "/attachments/" + id)
                .then()
                .statusCode(200)
                .body("fileName", equalTo("screenshot.txt"));
        Response download = as(t.viewer(), t.tenant()).get(contentPath);
        download.then().statusCode(200);
        assertThat(download.asByteArray()).isEqualTo(png);
        assertThat(download.contentType()).isEqualTo("image/png");
        assertThat(download.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"screenshot.txt\"; filename*=UTF-8''screenshot.txt");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Content-Length")).isEqualTo(String.valueOf(png.length));

        // writing needs tickets:handle
        upload(t.viewer(), t.tenant(), ticketId, "x.png", png, "image/png")
                .then()
                .statusCode(403);
        as(t.viewer(), t.tenant())
                .delete("/api/v1/tickets/" + ticketId + "/attachments/" + id)
                .then()
                .statusCode(403);

        as(t.agent(), t.tenant())
                .delete("/api/v1/tickets/" + ticketId + "/attachments/" + id)
                .then()
                .statusCode(204);
        assertThat(StoredObjects.get(BUCKET, key)).isEmpty();
        as(t.agent(), t.tenant()).get(contentPath).then().statusCode(404);
        as(t.agent(), t.tenant())
                .get("/api/v1/tickets/" + ticketId + "/attachments")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void tooLargeAndDisallowedTypesAreRefusedAndStoreNothing() throws Exception {
        Team t = Team.of(users, "attlim");
        String ticketId = create(t.agent(), t.tenant(), ticket("Limits"));
        as(t.agent(), t.tenant())
                .get("/api/v1/helpdesk/settings")
                .then()
                .statusCode(200)
                .body("maxAttachmentBytes", equalTo(10 * 1024 * 1024))
                .body("platformMaxAttachmentBytes", equalTo(25 * 1024 * 1024));
        patchAs(t.admin(), t.tenant())
                .body(Map.of("maxAttachmentBytes", 2048, "allowedAttachmentTypes", List.of("image/*", "text/plain")))
                .patch("/api/v1/helpdesk/settings")
                .then()
                .statusCode(200)
                .body("maxAttachmentBytes", equalTo(2048))
                .body("allowedAttachmentTypes", equalTo(List.of("image/*", "text/plain")));

        // past the limit: 413, the field named
        upload(
                        t.agent(),
                        t.tenant(),
                        ticketId,
                        "notes.txt",
                        "a".repeat(64 * 1024).getBytes(),
                        "text/plain")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:file-too-large"))
                .body("errors[0].field", equalTo("file"))
                .body("maxBytes", equalTo(2048));
        // HTML that claims to be text, a PDF: the detected types are not allowed, 415
        upload(
                        t.agent(),
                        t.tenant(),
                        ticketId,
                        "notes.txt",
                        "<html><script>alert(1)</script></html>".getBytes(),
                        "text/plain")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:file-type-not-allowed"))
                .body("errors[0].field", equalTo("file"))
                .body("contentType", equalTo("text/html"));
        upload(t.agent(), t.tenant(), ticketId, "invoice.pdf", "%PDF-1.7\n%%EOF\n".getBytes(), "application/pdf")
                .then()
                .statusCode(415)
                .body("contentType", equalTo("application/pdf"));
        // an empty file, no file part, a malformed messageId
        upload(t.agent(), t.tenant(), ticketId, "empty.txt", new byte[0], "text/plain")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("file"));
        given().auth()
                .oauth2(t.agent().token())
                .header("X-Tenant-ID", t.tenant())
                .multiPart("messageId", "x")
                .post("/api/v1/tickets/" + ticketId + "/attachments")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("file"));
        multipart(t.agent(), t.tenant())
                .multiPart("messageId", "not-a-uuid")
                .multiPart("file", "ok.txt", "fine".getBytes(), "text/plain")
                .post("/api/v1/tickets/" + ticketId + "/attachments")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("messageId"));

        // not multipart at all
        as(t.agent(), t.tenant())
                .body(Map.of("file", "x"))
                .post("/api/v1/tickets/" + ticketId + "/attachments")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:unsupported-media-type"));

        // nothing written: no row, no object
        as(t.agent(), t.tenant())
                .get("/api/v1/tickets/" + ticketId + "/attachments")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        assertThat(StoredObjects.keys(BUCKET, t.tenant() + "/")).isEmpty();

        // what fits is taken
        upload(t.agent(), t.tenant(), ticketId, "fits.txt", "a".repeat(2048).getBytes(), "text/plain")
                .then()
                .statusCode(201)
                .body("contentType", equalTo("text/plain"));

        // the limits stay within the platform's maximum and are media types
        patchAs(t.admin(), t.tenant())
                .body(Map.of("maxAttachmentBytes", 100L * 1024 * 1024))
                .patch("/api/v1/helpdesk/settings")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("maxAttachmentBytes"));
        patchAs(t.admin(), t.tenant())
                .body(Map.of("allowedAttachmentTypes", List.of("PDF")))
                .patch("/api/v1/helpdesk/settings")
                .then()
                .statusCode(400);
        // null goes back to the defaults
        java.util.HashMap<String, Object> reset = new java.util.HashMap<>();
        reset.put("maxAttachmentBytes", null);
        reset.put("allowedAttachmentTypes", null);
        patchAs(t.admin(), t.tenant())
                .body(reset)
                .patch("/api/v1/helpdesk/settings")
                .then()
                .statusCode(200)
                .body("maxAttachmentBytes", equalTo(10 * 1024 * 1024))
                .body("allowedAttachmentTypes", org.hamcrest.Matchers.hasItem("application/pdf"));
    }

    @Test
    void largeFilesStreamInPartsAndAnOversizeOneIsCutOff() throws Exception {
        Team t = Team.of(users, "attbig");
        String ticketId = create(t.agent(), t.tenant(), ticket("Big log"));
        // larger than one 5 MiB part: a multipart upload to the store, read back whole
        byte[] log = ("0123456789 abcdefghijklmnopqrstuvwxyz log line\n")
                .repeat(6 * 1024 * 1024 / 47 + 1)
                .getBytes();
        JsonPath big = upload(t.agent(), t.tenant(), ticketId, "server-log.txt", log, "text/plain")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(big.getLong("size")).isEqualTo(log.length);
        assertThat(big.getString("sha256")).isEqualTo(sha256(log));
        assertThat(StoredObjects.get(BUCKET, t.tenant() + "/helpdesk/" + big.getString("id")))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(log));

        // past the default 10 MiB: refused while it streams, nothing kept (no part left behind either)
        byte[] huge = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        upload(t.agent(), t.tenant(), ticketId, "huge.txt", huge, "text/plain")
                .then()
                .statusCode(413)
                .body("maxBytes", equalTo(10 * 1024 * 1024));
        assertThat(StoredObjects.keys(BUCKET, t.tenant() + "/"))
                .containsExactly(t.tenant() + "/helpdesk/" + big.getString("id"));
    }

    @Test
    void filesOfInternalNotesAreOnlyForThoseWhoSeeInternalNotes() throws Exception {
        Team t = Team.of(users, "attint");
        String ticketId = create(t.agent(), t.tenant(), ticket("Internal"));
        String note = as(t.agent(), t.tenant())
                .body(Map.of("body", "see the log", "isInternal", true))
                .post("/api/v1/tickets/" + ticketId + "/messages")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        JsonPath file = multipart(t.agent(), t.tenant())
                .multiPart("messageId", note)
                .multiPart("file", "server-log.txt", "ERROR disk full\n".getBytes(), "text/plain")
                .post("/api/v1/tickets/" + ticketId + "/attachments")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String id = file.getString("id");
        assertThat(file.getString("messageId")).isEqualTo(note);
        assertThat(file.getBoolean("isInternal")).isTrue();
        String ticketFile = upload(t.agent(), t.tenant(), ticketId, "a.png", png(2, 2), "image/png")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        // the note shows its file to agents
        as(t.agent(), t.tenant())
                .get("/api/v1/tickets/" + ticketId + "/messages/" + note)
                .then()
                .statusCode(200)
                .body("attachments.id", equalTo(List.of(id)))
                .body("attachments[0].fileName", equalTo("server-log.txt"));
        // a viewer sees neither the note nor its file, only the ticket's own file
        as(t.viewer(), t.tenant())
                .get("/api/v1/tickets/" + ticketId + "/attachments")
                .then()
                .statusCode(200)
                .body("id", equalTo(List.of(ticketFile)));
        as(t.viewer(), t.tenant())
                .get("/api/v1/tickets/" + ticketId + "/attachments/" + id)
                .then()
                .statusCode(404);
        as(t.viewer(), t.tenant())
                .get("/api/v1/tickets/" + ticketId + "/attachments/" + id + "/content")
                .then()
                .statusCode(404);
        // a message of another ticket is no target
        String other = create(t.agent(), t.tenant(), ticket("Other"));
        multipart(t.agent(), t.tenant())
                .multiPart("messageId", note)
                .multiPart("file", "b.png", png(2, 2), "image/png")
                .post("/api/v1/tickets/" + other + "/attachments")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("messageId"));
        assertThat(StoredObjects.keys(BUCKET, t.tenant() + "/")).hasSize(2);
    }

    @Test
    void deletedTicketsServeNoFilesAndRetentionRemovesTheObjects() throws Exception {
        Team t = Team.of(users, "attdel");
        String ticketId = create(t.agent(), t.tenant(), ticket("Going away"));
        String id = upload(t.agent(), t.tenant(), ticketId, "a.png", png(3, 3), "image/png")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String content = "/api/v1/tickets/" + ticketId + "/attachments/" + id + "/content";
        as(t.admin(), t.tenant()).delete("/api/v1/tickets/" + ticketId).then().statusCode(204);
        as(t.admin(), t.tenant()).get(content).then().statusCode(404);
        as(t.admin(), t.tenant())
                .get("/api/v1/tickets/" + ticketId + "/attachments")
                .then()
                .statusCode(404);
        upload(t.agent(), t.tenant(), ticketId, "b.png", png(3, 3), "image/png")
                .then()
                .statusCode(404);
        as(t.admin(), t.tenant())
                .post("/api/v1/tickets/" + ticketId + "/restore")
                .then()
                .statusCode(200);
        as(t.admin(), t.tenant()).get(content).then().statusCode(200);

        // deleted long ago: the retention job removes the ticket and its objects
        as(t.admin(), t.tenant()).delete("/api/v1/tickets/" + ticketId).then().statusCode(204);
        try (Connection db = Database.connectAs(Fixtures.ROLE)) {
            db.setAutoCommit(false);
            try (PreparedStatement tenant = db.prepareStatement("select set_config('app.tenant_id', ?, true)");
                    PreparedStatement age =
                            db.prepareStatement("update ticket set deleted_at = ? where id = ?::uuid")) {
                tenant.setString(1, t.tenant());
                tenant.execute();
                age.setObject(1, java.sql.Timestamp.from(Instant.now().minus(31, ChronoUnit.DAYS)));
                age.setString(2, ticketId);
                assertThat(age.executeUpdate()).isEqualTo(1);
            }
            db.commit();
        }
        assertThat(StoredObjects.keys(BUCKET, t.tenant() + "/")).hasSize(1);
        assertThat(retention.purgeDeletedBefore(Instant.now().minus(30, ChronoUnit.DAYS)))
                .isGreaterThanOrEqualTo(1);
        assertThat(StoredObjects.keys(BUCKET, t.tenant() + "/")).isEmpty();
    }

    @Test
    void anotherTenantGets404OnEveryAttachmentEndpoint() throws Exception {
        Team a = Team.of(users, "atta");
        Team b = Team.of(users, "attb");
        String ticketId = create(a.agent(), a.tenant(), ticket("A's"));
        String id = upload(a.agent(), a.tenant(), ticketId, "a.png", png(4, 4), "image/png")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String base = "/api/v1/tickets/" + ticketId + "/attachments";
        as(b.agent(), b.tenant()).get(base).then().statusCode(404);
        as(b.agent(), b.tenant()).get(base + "/" + id).then().statusCode(404);
        as(b.agent(), b.tenant()).get(base + "/" + id + "/content").then().statusCode(404);
        as(b.agent(), b.tenant()).delete(base + "/" + id).then().statusCode(404);
        upload(b.agent(), b.tenant(), ticketId, "b.png", png(4, 4), "image/png")
                .then()
                .statusCode(404);
        // B's own ticket does not reach A's file either
        String own = create(b.agent(), b.tenant(), ticket("B's"));
        as(b.agent(), b.tenant())
                .get("/api/v1/tickets/" + own + "/attachments/" + id + "/content")
                .then()
                .statusCode(404);
        assertThat(StoredObjects.keys(BUCKET, b.tenant() + "/")).isEmpty();
        as(a.agent(), a.tenant()).get(base + "/" + id).then().statusCode(200).body("notStoredReason", nullValue());
    }

    @Test
    void attachmentEventsCarryMetadataOnlyAsTheCatalogueSays() throws Exception {
        Team t = Team.of(users, "attevt");
        String ticketId = create(t.agent(), t.tenant(), ticket("Events"));
        try (EventCapture events = EventCapture.open(Topics.HELPDESK_EVENTS)) {
            String id = upload(t.agent(), t.tenant(), ticketId, "a.png", png(5, 5), "image/png")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            String reply = as(t.agent(), t.tenant())
                    .body(Map.of("body", "with the file", "attachmentIds", List.of(id)))
                    .post("/api/v1/tickets/" + ticketId + "/messages")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            as(t.agent(), t.tenant())
                    .delete("/api/v1/tickets/" + ticketId + "/attachments/" + id)
                    .then()
                    .statusCode(204);
            List<String> types = List.of(
                    EventTypes.HELPDESK_TICKET_ATTACHMENT_ADDED,
                    EventTypes.HELPDESK_MESSAGE_CREATED,
                    EventTypes.HELPDESK_TICKET_ATTACHMENT_DELETED);
            List<Captured> emitted = events.await(
                    c -> t.tenant().equals(c.event().tenantId())
                            && ticketId.equals(c.key())
                            && types.contains(c.event().type()),
                    3,
                    Duration.ofSeconds(30));
            assertThat(emitted).extracting(c -> c.event().type()).containsExactlyElementsOf(types);
            AsyncApiContract contract = AsyncApiContract.load();
            for (Captured captured : emitted) {
                assertThat(contract.violations(captured))
                        .as("%s %s", captured.event().type(), captured.dataAsString())
                        .isEmpty();
            }
            assertThat(emitted.get(1).dataAsString())
                    .contains("\"id\":\"" + reply + "\"")
                    .contains("\"attachments\":[{\"id\":\"" + id + "\"");
            assertThat(emitted.get(2).dataAsString()).contains("\"messageId\":\"" + reply + "\"");
        }
    }

    static RequestSpecification multipart(TestUser user, String tenant) {
        return given().auth().oauth2(user.token()).header("X-Tenant-ID", tenant);
    }

    static Response upload(TestUser user, String tenant, String ticketId, String name, byte[] bytes, String type) {
        return multipart(user, tenant)
                .multiPart("file", name, bytes, type)
                .post("/api/v1/tickets/" + ticketId + "/attachments");
    }

    /** A real PNG image. */
    static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            image.setRGB(x, x % height, 0x1F6FEB);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
