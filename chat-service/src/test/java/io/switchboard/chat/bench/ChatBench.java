package io.switchboard.chat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.testing.DirectoryFixtures;
import io.switchboard.testing.ServiceProcess;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;

/**
 * Chat at scale (make bench chat): the packaged chat-service holds {@code bench.connections} WebSocket connections,
 * {@code bench.agents} agents' sockets and one visitor socket per started session, all as the real endpoints require
 * (an agent's socket ticket from their Keycloak token; a visitor's session token from the widget key, from an allowed
 * Origin). Then messages at a steady {@code bench.rate} per second (open loop) for {@code bench.seconds}, in random
 * sessions, by the visitor or the agent in turn; the latency is from when a message was due to when the other party's
 * socket received it. Reports connect rates, connections held, p50/p90/p99/max, lost messages and the service's
 * memory. Not a test: it asserts nothing and prints its figures.
 */
public final class ChatBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGIN = "https://shop.example.com";
    private static final String MARK = "bench-latency ";

    /** A started session: its token for the visitor's socket, and the agent it was given to. */
    private record Visit(String sessionId, String token, String agentId) {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        int seconds = Integer.getInteger("bench.seconds", 25);
        int rate = Integer.getInteger("bench.rate", 200);
        int connections = Integer.getInteger("bench.connections", 10_000);
        int agents = Integer.getInteger("bench.agents", 100);
        int sessions = connections - agents;
        int perAgent = Math.min(100, (sessions + agents - 1) / agents);
        if ((long) perAgent * agents < sessions) {
            throw new IllegalArgumentException(
                    sessions + " sessions need more than " + agents + " agents of 100 chats");
        }
        String database = System.getProperty("bench.db", "jdbc:postgresql://127.0.0.1:5432/switchboard_bench");
        Files.createDirectories(out);
        Path jar = privateCopy(Path.of(System.getProperty("bench.jar")), out.resolve("chat-app"));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("measuredAt", Instant.now().toString());
        figures.put("connectionsWanted", connections);
        figures.put("agents", agents);
        figures.put("sessions", sessions);
        figures.put("chatsPerAgent", perAgent);
        figures.put("seconds", seconds);
        figures.put("ratePerSecond", rate);
        figures.put("openFilesLimit", openFilesLimit());

        int tenants = Math.max(1, Math.min(agents, Integer.getInteger("bench.tenants", 10)));
        figures.put("tenants", tenants);
        try (TestUsers users = new TestUsers();
                ServiceProcess service = ServiceProcess.start(
                        jar,
                        out.resolve("chat.log"),
                        jvmOptions(
                                "-Xmx" + System.getProperty("bench.service.heap", "1g"),
                                "-Dquarkus.datasource.jdbc.url=" + database,
                                // the bench database outlives migrations that parallel work numbers out of order
                                "-Dquarkus.flyway.out-of-order=true",
                                "-Dmp.messaging.incoming.tenant-events.group.id=chat-bench-" + UUID.randomUUID(),
                                "-Dswitchboard.chat.token-key="
                                        + Base64.getEncoder().encodeToString(key)),
                        Map.of())) {
            long servicePid = servicePid(jar);
            figures.put("serviceRssAtStartMb", rssMb(servicePid));
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            String base = service.url();
            String wsBase = base.replace("http://", "ws://");
            Receivers receivers = new Receivers();
            List<HttpClient> socketClients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                socketClients.add(HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(30))
                        .build());
            }

            // tenants, each with a widget and its share of the agents: Keycloak users, online with room for their
            // share of the sessions, each on their socket
            List<String> widgetKeys = new ArrayList<>();
            Map<String, WebSocket> agentSockets = new ConcurrentHashMap<>();
            long agentsStart = System.nanoTime();
            for (int t = 0; t < tenants; t++) {
                String tenant = TenantFixtures.newTenantId("chatbench");
                TenantFixtures.publish(
                        EventTypes.TENANT_CREATED,
                        tenant,
                        "active",
                        TenantFixtures.ALL_FEATURES,
                        Map.of("maxAgents", agents + 10, "maxDids", 20, "maxConcurrentCalls", 10),
                        TenantFixtures.defaultSettings());
                TenantFixtures.awaitInDirectory("chat_service", tenant, "active", database);
                TestUsers.TestUser admin = users.member(tenant, "tenant_admin");
                JsonNode widget = call(
                        http,
                        "POST",
                        base + "/api/v1/chat/widgets",
                        admin.token(),
                        tenant,
                        Map.of("name", "Bench shop", "allowedDomains", List.of("*.example.com")),
                        201);
                widgetKeys.add(widget.path("widgetKey").asText());
                for (int i = t; i < agents; i += tenants) {
                    TestUsers.TestUser agent = users.member(tenant, "agent");
                    // the membership as tenant-service announces it; the service knows the agent once it consumed it
                    DirectoryFixtures.publishMember(tenant, agent.id(), "active", "agent");
                    Map<String, Object> profile = Map.of(
                            "displayName", "Agent " + i, "availability", "online", "maxConcurrentChats", perAgent);
                    Awaitility.await("agent " + agent.id() + " known to the service")
                            .atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(200))
                            .ignoreExceptionsInstanceOf(IllegalStateException.class)
                            .until(() -> call(
                                            http,
                                            "PATCH",
                                            base + "/api/v1/chat/agents/" + agent.id(),
                                            admin.token(),
                                            tenant,
                                            profile,
                                            200)
                                    != null);
                    JsonNode ticket = call(
                            http,
                            "POST",
                            base + "/api/v1/chat/agents/me/socket-ticket",
                            agent.token(),
                            tenant,
                            null,
                            200);
                    WebSocket socket = open(
                                    socketClients.get(i % socketClients.size()),
                                    wsBase + ticket.path("path").asText(),
                                    Map.of(),
                                    receivers.listener("agent", agent.id()))
                            .join();
                    agentSockets.put(agent.id(), socket);
                }
            }
            figures.put("agentsReadySeconds", round((System.nanoTime() - agentsStart) / 1e9));

            // sessions: started through the widget, each assigned at once, then the visitor's socket
            List<Visit> visits = Collections.synchronizedList(new ArrayList<>());
            Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
            long startSessions = System.nanoTime();
            try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
                Semaphore inFlight = new Semaphore(16);
                for (int i = 0; i < sessions; i++) {
                    inFlight.acquire();
                    int n = i;
                    starters.submit(() -> {
                        try {
                            HttpResponse<String> response = http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/api/v1/chat/public/widgets/"
                                                    + widgetKeys.get(n % widgetKeys.size()) + "/sessions"))
                                            .header("Origin", ORIGIN)
                                            .header("Content-Type", "application/json")
                                            .timeout(Duration.ofSeconds(30))
                                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                                    Map.of("name", "Visitor " + n, "currentUrl", ORIGIN + "/cart"))))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 201) {
                                failures.computeIfAbsent(
                                                "start HTTP " + response.statusCode(), k -> new AtomicInteger())
                                        .incrementAndGet();
                                return null;
                            }
                            JsonNode started = JSON.readTree(response.body());
                            visits.add(new Visit(
                                    started.path("session").path("id").asText(),
                                    started.path("token").asText(),
                                    started.path("session").path("assignedTo").asText(null)));
                        } catch (IOException | RuntimeException e) {
                            failures.computeIfAbsent("start " + e.getClass().getSimpleName(), k -> new AtomicInteger())
                                    .incrementAndGet();
                        } finally {
                            inFlight.release();
                        }
                        return null;
                    });
                }
            }
            double startSeconds = (System.nanoTime() - startSessions) / 1e9;
            figures.put("sessionsStarted", visits.size());
            figures.put("sessionsPerSecond", round(visits.size() / startSeconds));
            figures.put(
                    "sessionsAssigned",
                    visits.stream().filter(v -> v.agentId() != null).count());

            Map<String, WebSocket> visitorSockets = new ConcurrentHashMap<>();
            long connectStart = System.nanoTime();
            Semaphore connecting = new Semaphore(64);
            CountDownLatch opened = new CountDownLatch(visits.size());
            for (int i = 0; i < visits.size(); i++) {
                Visit visit = visits.get(i);
                connecting.acquire();
                open(
                                socketClients.get(i % socketClients.size()),
                                wsBase + "/api/v1/chat/ws/visitor?token=" + visit.token() + "&lastSeq=0",
                                Map.of("Origin", ORIGIN),
                                receivers.listener("visitor", visit.sessionId()))
                        .whenComplete((socket, failure) -> {
                            connecting.release();
                            opened.countDown();
                            if (failure != null) {
                                failures.computeIfAbsent(
                                                "visitor socket " + rootCause(failure), k -> new AtomicInteger())
                                        .incrementAndGet();
                            } else {
                                visitorSockets.put(visit.sessionId(), socket);
                            }
                        });
            }
            opened.await(5, TimeUnit.MINUTES);
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            figures.put("visitorSocketsOpened", visitorSockets.size());
            figures.put("visitorSocketsPerSecond", round(visitorSockets.size() / connectSeconds));
            Thread.sleep(2000); // the ready frames and history replays settle
            figures.put("connectionsHeld", receivers.open.get());
            figures.put("serviceRssWithConnectionsMb", rssMb(servicePid));
            System.out.println("chat benchmark: " + receivers.open.get() + " sockets open (" + agentSockets.size()
                    + " agents, " + visitorSockets.size() + " visitors)");

            // messages at a steady rate, in random assigned sessions, visitor and agent in turn
            List<Visit> live = visits.stream()
                    .filter(v -> v.agentId() != null
                            && visitorSockets.containsKey(v.sessionId())
                            && agentSockets.containsKey(v.agentId()))
                    .toList();
            Map<String, Object> warmup = send(receivers, live, visitorSockets, agentSockets, rate, 5);
            figures.put("warmUp", warmup);
            receivers.reset();
            Map<String, Object> steady = send(receivers, live, visitorSockets, agentSockets, rate, seconds);
            figures.put("steady", steady);
            figures.put("connectionsHeldAfter", receivers.open.get());
            figures.put("socketsClosedOrFailed", receivers.closed.get());
            figures.put("serviceRssAfterMessagesMb", rssMb(servicePid));
            figures.put("failures", failures.isEmpty() ? Map.of() : new LinkedHashMap<>(failures));
            figures.put("errorFrames", receivers.errors.get());

            List<CompletableFuture<?>> closing = new ArrayList<>();
            visitorSockets
                    .values()
                    .forEach(s -> closing.add(s.sendClose(WebSocket.NORMAL_CLOSURE, "bench over")
                            .toCompletableFuture()
                            .exceptionally(e -> null)));
            agentSockets
                    .values()
                    .forEach(s -> closing.add(s.sendClose(WebSocket.NORMAL_CLOSURE, "bench over")
                            .toCompletableFuture()
                            .exceptionally(e -> null)));
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures);
        Files.writeString(out.resolve("chat.json"), json);
        System.out.println("chat benchmark:\n" + json);
    }

    /**
     * Open loop: message i is due at start + i / rate; the body carries its number, and the latency counts from when
     * it was due to when the other party's socket received it.
     */
    private static Map<String, Object> send(
            Receivers receivers,
            List<Visit> live,
            Map<String, WebSocket> visitorSockets,
            Map<String, WebSocket> agentSockets,
            int rate,
            int seconds)
            throws Exception {
        int total = rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        AtomicInteger sendFailures = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Visit visit = live.get(ThreadLocalRandom.current().nextInt(live.size()));
            String sessionId = visit.sessionId();
            String agentId = visit.agentId();
            boolean fromVisitor = i % 2 == 0;
            long id = receivers.expect(due, fromVisitor ? "agent" : "visitor");
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("type", "message.send");
            if (!fromVisitor) {
                frame.put("sessionId", sessionId);
            }
            frame.put("body", MARK + id + " hello, I have a question about my order");
            frame.put("clientMessageId", UUID.randomUUID().toString());
            WebSocket socket = fromVisitor ? visitorSockets.get(sessionId) : agentSockets.get(agentId);
            try {
                // one sender thread, and each send completes before the next: a socket takes one text at a time
                socket.sendText(JSON.writeValueAsString(frame), true).join();
            } catch (RuntimeException e) {
                sendFailures.incrementAndGet();
            }
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (receivers.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<Long> sorted = new ArrayList<>(receivers.micros);
        Collections.sort(sorted);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sent", total);
        result.put("sentPerSecond", round(total / sendSeconds));
        result.put("received", sorted.size());
        result.put("lostAfter10s", receivers.pending());
        result.put("sendFailures", sendFailures.get());
        result.put("p50Ms", percentile(sorted, 50));
        result.put("p90Ms", percentile(sorted, 90));
        result.put("p99Ms", percentile(sorted, 99));
        result.put("p999Ms", percentile(sorted, 99.9));
        result.put("maxMs", sorted.isEmpty() ? Double.NaN : sorted.getLast() / 1000.0);
        return result;
    }

    /** Every socket's listener, and the messages on their way: their due time and which side must receive them. */
    private static final class Receivers {
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicLong nextId = new AtomicLong();
        final Map<Long, long[]> expected = new ConcurrentHashMap<>(); // id -> {due, receiver 0 visitor / 1 agent}
        final ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();

        long expect(long due, String receiver) {
            long id = nextId.incrementAndGet();
            expected.put(id, new long[] {due, receiver.equals("agent") ? 1 : 0});
            return id;
        }

        int pending() {
            return expected.size();
        }

        void reset() {
            expected.clear();
            micros.clear();
        }

        void received(String kind, String text) {
            long now = System.nanoTime();
            int at = text.indexOf(MARK);
            if (at < 0) {
                if (text.contains("\"type\":\"error\"")) {
                    errors.incrementAndGet();
                }
                return;
            }
            int from = at + MARK.length();
            int to = from;
            while (to < text.length() && Character.isDigit(text.charAt(to))) {
                to++;
            }
            long id = Long.parseLong(text.substring(from, to));
            long[] wanted = expected.get(id);
            // the sender's own socket gets the message too; only the other party's counts
            if (wanted != null && wanted[1] == (kind.equals("agent") ? 1 : 0) && expected.remove(id) != null) {
                micros.add((now - wanted[0]) / 1_000);
            }
        }

        WebSocket.Listener listener(String kind, String name) {
            return new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public void onOpen(WebSocket webSocket) {
                    open.incrementAndGet();
                    webSocket.request(1);
                }

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        String text = partial.toString();
                        partial.setLength(0);
                        received(kind, text);
                    }
                    webSocket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                    open.decrementAndGet();
                    closed.incrementAndGet();
                    return null;
                }

                @Override
                public void onError(WebSocket webSocket, Throwable error) {
                    open.decrementAndGet();
                    closed.incrementAndGet();
                }
            };
        }
    }

    private static CompletableFuture<WebSocket> open(
            HttpClient client, String url, Map<String, String> headers, WebSocket.Listener listener) {
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        return builder.buildAsync(URI.create(url), listener);
    }

    private static JsonNode call(
            HttpClient http, String method, String url, String token, String tenant, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("X-Tenant-ID", tenant)
                .timeout(Duration.ofSeconds(30));
        String type = method.equals("PATCH") ? "application/merge-patch+json" : "application/json";
        request.header("Content-Type", type);
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    /** The service's process: this JVM's child running the jar. */
    private static long servicePid(Path jar) {
        return ProcessHandle.current()
                .children()
                .filter(p -> p.info()
                        .commandLine()
                        .map(c -> c.contains(jar.toString()))
                        .orElse(false))
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElse(-1);
    }

    /** Resident memory of a process from /proc, in MB (-1 where unknown). */
    private static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static String openFilesLimit() {
        try {
            return Files.readAllLines(Path.of("/proc/self/limits")).stream()
                    .filter(l -> l.startsWith("Max open files"))
                    .findFirst()
                    .map(l -> l.replaceAll("\\s+", " ").replace("Max open files ", ""))
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        Throwable cause = root;
        return Optional.ofNullable(cause.getMessage())
                .map(m -> cause.getClass().getSimpleName() + ": " + (m.length() > 80 ? m.substring(0, 80) : m))
                .orElse(cause.getClass().getSimpleName());
    }

    private static double percentile(List<Long> sortedMicros, double percentile) {
        if (sortedMicros.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, Math.min(sortedMicros.size() - 1, index))) / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /**
     * The service's JVM options, plus those of {@code bench.service.jvm} (space-separated), e.g. a flight recording:
     * {@code -XX:StartFlightRecording=filename=/tmp/chat.jfr,settings=profile}.
     */
    private static List<String> jvmOptions(String... options) {
        List<String> all = new ArrayList<>(List.of(options));
        String extra = System.getProperty("bench.service.jvm", "").strip();
        if (!extra.isEmpty()) {
            all.addAll(List.of(extra.split("\\s+")));
        }
        return all;
    }

    /**
     * A copy of the packaged application ({@code quarkus-app}, beside {@code jar}) under {@code dir}, and its jar: a
     * build of the module while the benchmark runs (other work on the same checkout) replaces those files under the
     * running service, which then fails to load its classes.
     */
    private static Path privateCopy(Path jar, Path dir) throws IOException {
        Path app = jar.toAbsolutePath().getParent();
        if (Files.exists(dir)) {
            try (var old = Files.walk(dir)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (var files = Files.walk(app)) {
            for (Path source : files.toList()) {
                Path target = dir.resolve(app.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return dir.resolve(jar.getFileName().toString());
    }

    private ChatBench() {}
}
