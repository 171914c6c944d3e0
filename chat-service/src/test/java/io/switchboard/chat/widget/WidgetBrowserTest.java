package io.switchboard.chat.widget;

import static io.switchboard.chat.support.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.chat.support.ChatSocket;
import io.switchboard.chat.support.Fixtures;
import io.switchboard.chat.support.Fixtures.Team;
import io.switchboard.commons.events.Topics;
import io.switchboard.testing.EventCapture;
import io.switchboard.testing.TestUsers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The widget in a real browser: a test page on 127.0.0.1 embeds it by its embed code, and {@code
 * src/test/browser/widget-flow.mjs} (playwright-core driving Debian's headless Chromium) plays the visitor while this
 * test plays the agent over the API and the agent socket. Screenshots of every state go to {@code
 * target/browser-artefacts/}. Needs {@code /usr/bin/chromium} (or {@code CHROMIUM}), node and npm: {@code make test}
 * installs them through {@code deploy/local/chromium.sh}.
 */
@QuarkusTest
class WidgetBrowserTest {

    private static final TestUsers users = new TestUsers();
    private static final Path BROWSER = Path.of("src/test/browser").toAbsolutePath();
    private static final Path ARTEFACTS = Path.of("target/browser-artefacts").toAbsolutePath();
    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    private static final Duration BROWSER_STEP = Duration.ofSeconds(90);

    private static HttpServer pages;
    private static final Map<String, String> pageByPath = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void browserAndPages() throws IOException, InterruptedException {
        assertThat(Path.of(CHROMIUM))
                .as("Debian's chromium (apt-get install -y chromium, or deploy/local/chromium.sh; CHROMIUM=path)")
                .isExecutable();
        if (!Files.exists(BROWSER.resolve("node_modules/playwright-core/package.json"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(BROWSER.toFile())
                    .inheritIO()
                    .start();
            assertThat(npm.waitFor(5, TimeUnit.MINUTES) && npm.exitValue() == 0)
                    .as("npm ci in " + BROWSER)
                    .isTrue();
        }
        deleteRecursively(ARTEFACTS);
        Files.createDirectories(ARTEFACTS);
        pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pages.createContext("/", exchange -> {
            String page = pageByPath.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "not found" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        pages.start();
    }

    @AfterAll
    static void cleanup() {
        if (pages != null) {
            pages.stop(0);
        }
        users.close();
    }

    @Test
    void visitorChatsWithAnAgentThroughTheEmbeddedWidgetAndAnotherDomainIsRefused() throws Exception {
        Team t = Team.of(users, "widgetui");
        Fixtures.Widget widget = Fixtures.widget(
                t.admin(),
                t.tenant(),
                Map.of(
                        "name",
                        "Acme Shop",
                        "allowedDomains",
                        List.of("127.0.0.1"),
                        "appearance",
                        Map.of(
                                "primaryColor",
                                "#0A7C59",
                                "position",
                                "bottom-left",
                                "welcomeMessage",
                                "Welcome to the shop! Ask us anything."),
                        "behaviour",
                        Map.of(
                                "requireName",
                                true,
                                "requireEmail",
                                true,
                                "allowEmojis",
                                true,
                                "allowFileUpload",
                                true)));
        // never open: business hours on, no hours on any day
        Fixtures.Widget closed = Fixtures.widget(
                t.admin(),
                t.tenant(),
                Map.of(
                        "name",
                        "Acme After Hours",
                        "allowedDomains",
                        List.of("127.0.0.1"),
                        "offlineMessage",
                        "We are closed. Leave us a message.",
                        "businessHours",
                        Map.of("enabled", true, "source", "widget", "weekly", Map.of("monday", List.of()))));
        pageByPath.put("/shop.html", page(t, widget));
        pageByPath.put("/closed.html", page(t, closed));
        Fixtures.agent(
                t.supervisor(),
                t.tenant(),
                t.agent(),
                Map.of("displayName", "Alice", "maxConcurrentChats", 2, "autoAccept", false));

        int port = pages.getAddress().getPort();
        ProcessBuilder node = new ProcessBuilder("node", "widget-flow.mjs")
                .directory(BROWSER.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ARTEFACTS.resolve("widget-flow.log").toFile());
        node.environment()
                .putAll(Map.of(
                        "PAGE_URL",
                        "http://127.0.0.1:" + port + "/shop.html",
                        "REFUSED_URL",
                        "http://localhost:" + port + "/shop.html",
                        "CLOSED_URL",
                        "http://127.0.0.1:" + port + "/closed.html",
                        "ARTEFACTS",
                        ARTEFACTS.toString(),
                        "CHROMIUM",
                        CHROMIUM,
                        "PRIMARY_RGB",
                        "rgb(10, 124, 89)"));
        Process visitor = node.start();
        try (ChatSocket alice = Fixtures.agentSocket(t.agent(), t.tenant());
                var events = EventCapture.open(Topics.CHAT_EVENTS)) {
            awaitArtefact(visitor, "03-queued.png");
            Map<String, Object> queued = as(t.agent(), t.tenant())
                    .get("/api/v1/chat/queue")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("[0]");
            String session = (String) queued.get("id");
            Fixtures.availability(t.agent(), t.tenant(), "online");
            alice.await("session.offered", f -> f.path("sessionId").asText().equals(session));
            as(t.agent(), t.tenant())
                    .post("/api/v1/chat/sessions/" + session + "/accept")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("active"));

            alice.await("typing.start", f -> f.path("by").asText().equals("visitor"));
            JsonNode question = alice.await(
                    "message.new", f -> f.path("message").path("body").asText().equals("Where is my order?"));
            alice.send(Map.of("type", "message.read", "sessionId", session, "upToSeq", question.path("seq")));
            alice.send(Map.of("type", "typing.start", "sessionId", session));
            awaitArtefact(visitor, "05-agent-typing.png");
            alice.send(agentMessage(session, "On its way", "a-1"));
            JsonNode answer = alice.await(
                    "message.new", f -> f.path("message").path("body").asText().equals("On its way"));
            alice.await(
                    "message.read",
                    f -> f.path("by").asText().equals("visitor")
                            && f.path("upToSeq").asLong() >= answer.path("seq").asLong());

            awaitArtefact(visitor, "signal-dropped");
            alice.send(agentMessage(session, "Sent while you were away", "a-2"));
            alice.await(
                    "message.new", f -> f.path("message").path("body").asText().equals("Sent while you were away"));
            Files.writeString(ARTEFACTS.resolve("signal-resume"), "");
            alice.await(
                    "message.new", f -> f.path("message").path("body").asText().equals("Still there?"));

            // the visitor's screenshot arrives as an image message; the agent downloads the very bytes the browser sent
            JsonNode image = alice.await(
                    "message.new", f -> f.path("message").path("type").asText().equals("image"));
            JsonNode file = image.path("message").path("attachment");
            assertThat(file.path("name").asText()).isEqualTo("08-resumed.png");
            assertThat(file.path("contentType").asText()).isEqualTo("image/png");
            byte[] downloaded = as(t.agent(), t.tenant())
                    .get(file.path("url").asText())
                    .then()
                    .statusCode(200)
                    .contentType("image/png")
                    .extract()
                    .asByteArray();
            assertThat(downloaded).isEqualTo(Files.readAllBytes(ARTEFACTS.resolve("08-resumed.png")));
            // the agent sends a PDF back: the widget shows it as a link that downloads it
            byte[] label = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
            RestAssured.given()
                    .auth()
                    .oauth2(t.agent().token())
                    .header("X-Tenant-ID", t.tenant())
                    .multiPart("file", "label.pdf", label, "application/pdf")
                    .post("/api/v1/chat/sessions/" + session + "/attachments")
                    .then()
                    .statusCode(201)
                    .body("type", equalTo("file"));
            awaitArtefact(visitor, "signal-files");
            assertThat(ARTEFACTS.resolve("downloaded-label.pdf")).hasBinaryContent(label);

            as(t.agent(), t.tenant())
                    .post("/api/v1/chat/sessions/" + session + "/end")
                    .then()
                    .statusCode(200)
                    .body("endReason", equalTo("agent"));

            Awaitility.await("the browser's run").atMost(BROWSER_STEP).until(() -> !visitor.isAlive());
            assertThat(visitor.exitValue()).as(log()).isZero();

            List<Map<String, Object>> history = as(t.agent(), t.tenant())
                    .get("/api/v1/chat/sessions/" + session + "/messages")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("");
            assertThat(history)
                    .extracting(m -> m.get("body"))
                    .containsExactly(
                            "Hi, I need help with an order",
                            "Alice joined the chat",
                            "Where is my order?",
                            "On its way",
                            "Sent while you were away",
                            "Still there?",
                            null,
                            null,
                            "The chat has ended");
            assertThat(history)
                    .filteredOn(m -> m.get("body") != null
                            && List.of("Where is my order?", "On its way", "Sent while you were away")
                                    .contains(m.get("body")))
                    .extracting(m -> m.get("read"))
                    .containsOnly(true);
            as(t.agent(), t.tenant())
                    .get("/api/v1/chat/sessions/" + session)
                    .then()
                    .body("status", equalTo("ended"))
                    .body("rating.rating", equalTo(4))
                    .body("rating.comment", equalTo("Quick and friendly"))
                    .body("visitor.name", equalTo("Carla"))
                    .body("visitor.email", equalTo("carla@example.com"))
                    .body("visitor.currentUrl", equalTo("http://127.0.0.1:" + port + "/shop.html"));
            var offline = events.awaitOne(
                    c -> t.tenant().equals(c.event().tenantId())
                            && c.event().type().equals("chat.session.offline_message"),
                    Duration.ofSeconds(20));
            assertThat(offline.dataAsString())
                    .contains("Please call me back tomorrow")
                    .contains("olga@example.com")
                    .contains(closed.id())
                    .contains("offline_form");
            // the page on localhost never got a session (nor did the offline form: it is an event)
            as(t.supervisor(), t.tenant())
                    .get("/api/v1/chat/sessions")
                    .then()
                    .statusCode(200)
                    .body("items.id", equalTo(List.of(session)));
        } finally {
            visitor.destroy();
        }
        for (String shot : List.of(
                "01-launcher",
                "02-prechat",
                "03-queued",
                "04-joined",
                "05-agent-typing",
                "06-conversation",
                "07-offline",
                "08-resumed",
                "09-ended",
                "10-refused-origin",
                "11-offline-form",
                "12-rating-prompt",
                "13-rated",
                "14-upload-sent",
                "15-file-received")) {
            assertThat(ARTEFACTS.resolve(shot + ".png")).isNotEmptyFile();
        }
    }

    /** A shop page with the widget's embed code, the script loaded from the service under test. */
    private static String page(Team t, Fixtures.Widget widget) {
        String embed = as(t.admin(), t.tenant())
                .get("/api/v1/chat/widgets/" + widget.id() + "/embed-code")
                .then()
                .statusCode(200)
                .extract()
                .path("html");
        assertThat(embed).contains("/api/v1/chat/public/widget.js\" data-widget-key=\"" + widget.key() + "\"");
        // the embed code names the public URL (the gateway); here the page loads the script from the service itself
        String service = "http://127.0.0.1:" + RestAssured.port;
        return "<!doctype html><html><head><title>Acme Shop</title>"
                + "<style>* { color: red !important; font-size: 30px !important; }</style></head>"
                + "<body><h1>Acme Shop</h1><p>Products and more.</p>"
                + embed.replaceFirst("src=\"[^\"]*/api/v1/chat/", "src=\"" + service + "/api/v1/chat/")
                + "</body></html>";
    }

    private static Map<String, Object> agentMessage(String session, String body, String clientId) {
        return Map.of("type", "message.send", "sessionId", session, "body", body, "clientMessageId", clientId);
    }

    /** Waits for a file the browser script writes when it reached a state; fails as soon as the script died. */
    private static void awaitArtefact(Process visitor, String name) {
        Awaitility.await(name)
                .atMost(BROWSER_STEP)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (Files.exists(ARTEFACTS.resolve(name))) {
                        return true;
                    }
                    assertThat(visitor.isAlive())
                            .as("the browser script ended before " + name + ": " + log())
                            .isTrue();
                    return false;
                });
    }

    private static String log() {
        try {
            return Files.readString(ARTEFACTS.resolve("widget-flow.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
