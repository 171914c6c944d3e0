package io.switchboard.chat.upload;

import static io.restassured.RestAssured.given;
import static io.switchboard.chat.support.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.chat.support.ChatSocket;
import io.switchboard.chat.support.Chats;
import io.switchboard.chat.support.Fixtures;
import io.switchboard.chat.support.Fixtures.Team;
import io.switchboard.chat.support.Fixtures.Visit;
import io.switchboard.chat.support.Fixtures.Widget;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.events.Topics;
import io.switchboard.testing.AsyncApiContract;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.StoredObjects;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Files in chats, their bytes in the local S3 store: the visitor's and the agent's uploads become image and file
 * messages on both sockets and in the history, downloadable by both sides; the widget's switch and limits, with
 * refusals that store nothing; nobody outside the session's tenant (or another session's visitor) finds a file.
 */
@QuarkusTest
class ChatUploadTest {

    static final String BUCKET = "switchboard-test";
    private static final TestUsers users = new TestUsers();

    @AfterAll
    static void cleanup() {
        users.close();
    }

    @Test
    void visitorAndAgentSendFilesThatBothSidesReceiveAndDownload() throws Exception {
        Team t = Team.of(users, "upl");
        Widget widget = Fixtures.widget(t.admin(), t.tenant(), Map.of("behaviour", Map.of("allowFileUpload", true)));
        Visit visit = Chats.active(t, widget, "Vera");
        long last = lastSeq(visit);
        byte[] screenshot = png(120, 80);
        try (ChatSocket agent = Fixtures.agentSocket(t.agent(), t.tenant());
                ChatSocket visitor = Fixtures.visitorSocket(visit, last);
                EventCapture events = EventCapture.open(Topics.CHAT_EVENTS)) {
            // the visitor's screenshot, named as text: an image message with the detected type
            Response sent = visitorUpload(visit, "screen.txt", screenshot, "text/plain");
            sent.then().statusCode(201);
            assertThat(sent.jsonPath().getString("type")).isEqualTo("image");
            assertThat(sent.jsonPath().getLong("seq")).isEqualTo(last + 1);
            assertThat(sent.jsonPath().getString("senderType")).isEqualTo("visitor");
            String id = sent.jsonPath().getString("attachment.id");
            assertThat(sent.jsonPath().getString("attachment.name")).isEqualTo("screen.txt");
            assertThat(sent.jsonPath().getString("attachment.contentType")).isEqualTo("image/png");
            assertThat(sent.jsonPath().getLong("attachment.size")).isEqualTo(screenshot.length);
            String url = "/api/v1/chat/sessions/" + visit.sessionId() + "/attachments/" + id + "/content";
            String publicUrl = "/api/v1/chat/public/sessions/" + visit.sessionId() + "/attachments/" + id + "/content";
            assertThat(sent.jsonPath().getString("attachment.url")).isEqualTo(url);
            assertThat(sent.jsonPath().getString("attachment.publicUrl")).isEqualTo(publicUrl);

            // delivered like any message, with the session's sequence, on both sockets
            JsonNode atAgent = agent.await("message.new", f -> f.path("seq").asLong() == last + 1);
            assertThat(atAgent.path("message").path("type").asText()).isEqualTo("image");
            assertThat(atAgent.path("message").path("attachment").path("id").asText())
                    .isEqualTo(id);
            visitor.await("message.new", f -> f.path("seq").asLong() == last + 1);

            // in the S3 store under the tenant's prefix, and downloadable by the agent and the visitor
            assertThat(StoredObjects.get(BUCKET, t.tenant() + "/chat/" + id)).hasValue(screenshot);
            Response asAgent = as(t.agent(), t.tenant()).get(url);
            asAgent.then().statusCode(200);
            assertThat(asAgent.asByteArray()).isEqualTo(screenshot);
            assertThat(asAgent.contentType()).isEqualTo("image/png");
            assertThat(asAgent.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(asAgent.header("Content-Disposition")).startsWith("attachment; filename=\"screen.txt\"");
            // any agent of the tenant (chats:handle), not only the session's
            as(t.supervisor(), t.tenant()).get(url).then().statusCode(200);
            Response asVisitor =
                    Fixtures.visitor().header("X-Chat-Token", visit.token()).get(publicUrl);
            asVisitor.then().statusCode(200);
            assertThat(asVisitor.asByteArray()).isEqualTo(screenshot);

            // the agent's PDF: a file message
            byte[] pdf = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".getBytes();
            Response fromAgent = multipart(t.agent(), t.tenant())
                    .multiPart("file", "label.pdf", pdf, "application/pdf")
                    .post("/api/v1/chat/sessions/" + visit.sessionId() + "/attachments");
            fromAgent.then().statusCode(201);
            assertThat(fromAgent.jsonPath().getString("type")).isEqualTo("file");
            assertThat(fromAgent.jsonPath().getString("senderType")).isEqualTo("agent");
            assertThat(fromAgent.jsonPath().getLong("seq")).isEqualTo(last + 2);
            JsonNode atVisitor = visitor.await("message.new", f -> f.path("seq").asLong() == last + 2);
            String pdfUrl = atVisitor
                    .path("message")
                    .path("attachment")
                    .path("publicUrl")
                    .asText();
            Response pdfAsVisitor =
                    Fixtures.visitor().header("X-Chat-Token", visit.token()).get(pdfUrl);
            assertThat(pdfAsVisitor.asByteArray()).isEqualTo(pdf);

            // history carries both
            List<Map<String, Object>> history = Fixtures.visitor()
                    .header("X-Chat-Token", visit.token())
                    .get("/api/v1/chat/public/sessions/" + visit.sessionId() + "/messages")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("$");
            assertThat(history).extracting(m -> m.get("type")).endsWith("image", "file");

            // chat.message.created says there is a file, without its name or bytes
            var created = events.await(
                    c -> c.event().type().equals(EventTypes.CHAT_MESSAGE_CREATED)
                            && c.key().equals(visit.sessionId())
                            && c.dataAsString().contains("\"hasAttachment\":true"),
                    2,
                    Duration.ofSeconds(30));
            AsyncApiContract contract = AsyncApiContract.load();
            for (var c : created) {
                assertThat(contract.violations(c)).isEmpty();
                assertThat(c.dataAsString()).doesNotContain("screen.txt").doesNotContain("label.pdf");
            }
        }
    }

    @Test
    void theWidgetDecidesAndRefusalsStoreNothing() throws Exception {
        Team t = Team.of(users, "uplim");
        Widget closed = Fixtures.widget(t.admin(), t.tenant(), Map.of());
        Visit visit = Chats.active(t, closed, "Nina");
        visitorUpload(visit, "a.png", png(2, 2), "image/png")
                .then()
                .statusCode(403)
                .body("reason", equalTo("uploads_disabled"));

        Widget limited = Fixtures.widget(
                t.admin(),
                t.tenant(),
                Map.of(
                        "behaviour",
                        Map.of(
                                "allowFileUpload",
                                true,
                                "maxUploadBytes",
                                1024,
                                "allowedUploadTypes",
                                List.of("image/*"))));
        as(t.admin(), t.tenant())
                .get("/api/v1/chat/widgets/" + limited.id())
                .then()
                .body("behaviour.maxUploadBytes", equalTo(1024));
        Visit other = Chats.active(t, limited, "Otto");
        visitorUpload(other, "big.png", png(400, 400), "image/png")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:file-too-large"))
                .body("errors[0].field", equalTo("file"));
        visitorUpload(other, "cv.png", "%PDF-1.4\n%%EOF\n".getBytes(), "image/png")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:file-type-not-allowed"))
                .body("errors[0].field", equalTo("file"))
                .body("contentType", equalTo("application/pdf"));
        multipart(t.agent(), t.tenant())
                .multiPart("file", "x.txt", "plain".getBytes(), "text/plain")
                .post("/api/v1/chat/sessions/" + other.sessionId() + "/attachments")
                .then()
                .statusCode(415);
        // nothing written: no message, no object
        List<String> types = Fixtures.visitor()
                .header("X-Chat-Token", other.token())
                .get("/api/v1/chat/public/sessions/" + other.sessionId() + "/messages")
                .then()
                .statusCode(200)
                .extract()
                .path("type");
        assertThat(types).doesNotContain("image", "file");
        assertThat(StoredObjects.keys(BUCKET, t.tenant() + "/")).isEmpty();

        // the widget's limit stays within the platform's
        Fixtures.patchAs(t.admin(), t.tenant())
                .body(Map.of("behaviour", Map.of("maxUploadBytes", 100L * 1024 * 1024)))
                .patch("/api/v1/chat/widgets/" + limited.id())
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("behaviour.maxUploadBytes"));

        // an ended session takes no files; an agent not in the session sends none
        as(t.supervisor(), t.tenant())
                .post("/api/v1/chat/sessions/" + other.sessionId() + "/end")
                .then()
                .statusCode(200);
        visitorUpload(other, "late.png", png(2, 2), "image/png").then().statusCode(409);
        Visit third = Chats.active(t, limited, "Tom");
        multipart(t.supervisor(), t.tenant())
                .multiPart("file", "a.png", png(2, 2), "image/png")
                .post("/api/v1/chat/sessions/" + third.sessionId() + "/attachments")
                .then()
                .statusCode(403);
        assertThat(StoredObjects.keys(BUCKET, t.tenant() + "/")).isEmpty();
    }

    @Test
    void anotherTenantsAgentAndAnotherSessionsVisitorFindNothing() throws Exception {
        Team a = Team.of(users, "upla");
        Team b = Team.of(users, "uplb");
        Widget widget = Fixtures.widget(a.admin(), a.tenant(), Map.of("behaviour", Map.of("allowFileUpload", true)));
        Visit visit = Chats.active(a, widget, "Ada");
        String id = visitorUpload(visit, "a.png", png(3, 3), "image/png")
                .then()
                .statusCode(201)
                .extract()
                .path("attachment.id");
        String url = "/api/v1/chat/sessions/" + visit.sessionId() + "/attachments/" + id + "/content";
        String publicUrl = "/api/v1/chat/public/sessions/" + visit.sessionId() + "/attachments/" + id + "/content";

        // tenant B's agent: 404 for the download and the upload
        as(b.agent(), b.tenant()).get(url).then().statusCode(404);
        multipart(b.agent(), b.tenant())
                .multiPart("file", "b.png", png(3, 3), "image/png")
                .post("/api/v1/chat/sessions/" + visit.sessionId() + "/attachments")
                .then()
                .statusCode(404);
        assertThat(StoredObjects.keys(BUCKET, b.tenant() + "/")).isEmpty();

        // another session's visitor, with their own valid token: their session has no such file; A's is not theirs
        Visit stranger = Chats.active(a, widget, "Eve");
        Fixtures.visitor()
                .header("X-Chat-Token", stranger.token())
                .get("/api/v1/chat/public/sessions/" + stranger.sessionId() + "/attachments/" + id + "/content")
                .then()
                .statusCode(404);
        Fixtures.visitor()
                .header("X-Chat-Token", stranger.token())
                .get(publicUrl)
                .then()
                .statusCode(401);
        // no token, or from another origin: refused as the rest of the visitor API
        given().header("Origin", Fixtures.ORIGIN).get(publicUrl).then().statusCode(401);
        given().header("Origin", "https://evil.test")
                .header("X-Chat-Token", visit.token())
                .get(publicUrl)
                .then()
                .statusCode(403);
        Fixtures.visitor()
                .header("X-Chat-Token", visit.token())
                .get(publicUrl)
                .then()
                .statusCode(200);
    }

    static long lastSeq(Visit visit) {
        List<Integer> seqs = Fixtures.visitor()
                .header("X-Chat-Token", visit.token())
                .get("/api/v1/chat/public/sessions/" + visit.sessionId() + "/messages")
                .then()
                .statusCode(200)
                .extract()
                .path("seq");
        return seqs.get(seqs.size() - 1);
    }

    static Response visitorUpload(Visit visit, String name, byte[] bytes, String type) {
        return given().header("Origin", Fixtures.ORIGIN)
                .header("X-Chat-Token", visit.token())
                .multiPart("file", name, bytes, type)
                .post("/api/v1/chat/public/sessions/" + visit.sessionId() + "/attachments");
    }

    static RequestSpecification multipart(TestUser user, String tenant) {
        return given().auth().oauth2(user.token()).header("X-Tenant-ID", tenant);
    }

    /** A real PNG image, with noise so that its size grows with its area. */
    static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(width * 31L + height);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
