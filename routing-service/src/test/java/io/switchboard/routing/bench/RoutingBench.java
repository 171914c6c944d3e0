package io.switchboard.routing.bench;

import static io.switchboard.routing.support.Scenario.route;
import static io.switchboard.routing.support.Scenario.target;
import static io.switchboard.routing.support.Scenario.then;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.switchboard.routing.support.Fixtures;
import io.switchboard.routing.support.Numbers;
import io.switchboard.routing.support.Scenario;
import io.switchboard.testing.LocalStack;
import io.switchboard.testing.ServiceProcess;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.ari.AriSimulator;
import io.switchboard.testing.ari.EndpointBehaviour;
import io.switchboard.testing.ari.InboundCall;
import io.switchboard.testing.ari.SimCall;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Decision benchmark (make bench routing): the packaged routing-service in its own JVM, one tenant with 200 DIDs
 * (queues, extensions with voicemail, menus, schedules with closed-hours targets; no webhook routes), asked as
 * telephony-service asks. Measures the latency of decisions at a steady 1,000 per second (open loop: each request is
 * timed from when it was due, so a stall counts for every request it delays) as the client and as the service sees
 * it, and the most decisions per second a closed loop of {@code bench.concurrency} clients gets; then, when
 * telephony-service is built, call setups end to end through it and the ARI simulator with this service deciding. Not a
 * test: it asserts nothing and prints its figures.
 */
public final class RoutingBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(System.getProperty("bench.jar"));
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        int seconds = Integer.getInteger("bench.seconds", 25);
        int rate = Integer.getInteger("bench.rate", 1_000);
        int concurrency = Integer.getInteger("bench.concurrency", 16);
        Files.createDirectories(out);

        try (ServiceProcess service = start(jar, out);
                TestUsers users = new TestUsers()) {
            int port = service.port();
            RestAssured.port = port;
            Scenario scenario = Scenario.standard(users, "bench-routing", 1_000, TenantFixtures.defaultSettings());
            List<String> dids = dids(scenario, 200);
            String token = Fixtures.serviceToken();
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor())
                    .build();
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/routing/decisions");
            Asker asker = new Asker(http, uri, token, scenario.tenant, dids);

            closedLoop(asker, concurrency, Duration.ofSeconds(10)); // warm-up: the JIT of both sides
            Closed closed = closedLoop(asker, concurrency, Duration.ofSeconds(seconds));
            Steady steady = steady(asker, rate, Duration.ofSeconds(seconds));
            Map<String, Double> server = serverMetrics(http, port);

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("measuredAt", Instant.now().toString());
            figures.put("seconds", seconds);
            figures.put("dids", dids.size());
            figures.put("steadyRatePerSecond", rate);
            figures.put("steadyDecisions", steady.latencies().size());
            figures.put("steadyErrors", steady.errors());
            figures.put(
                    "steadyAchievedPerSecond", Math.round(steady.latencies().size() / steady.elapsed() * 10) / 10.0);
            figures.put("steadyClientP50Ms", percentile(steady.latencies(), 50));
            figures.put("steadyClientP99Ms", percentile(steady.latencies(), 99));
            figures.put("steadyClientP999Ms", percentile(steady.latencies(), 99.9));
            figures.put("steadyClientMaxMs", percentile(steady.latencies(), 100));
            figures.put("serviceDecisionP50Ms", server.get("0.5"));
            figures.put("serviceDecisionP99Ms", server.get("0.99"));
            figures.put("closedLoopConcurrency", concurrency);
            figures.put("closedLoopDecisionsPerSecond", Math.round(closed.completed() / closed.elapsed() * 10) / 10.0);
            figures.put("closedLoopErrors", closed.errors());
            figures.put("closedLoopClientP50Ms", percentile(closed.latencies(), 50));
            figures.put("closedLoopClientP99Ms", percentile(closed.latencies(), 99));
            Path telephony = LocalStack.repoRoot().resolve("telephony-service/target/quarkus-app/quarkus-run.jar");
            if (Files.exists(telephony)) {
                figures.putAll(callSetups(telephony, service, users, out, seconds));
            } else {
                System.out.println("call-setup phase skipped: " + telephony + " is missing (make build)");
            }
            String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures);
            Files.writeString(out.resolve("routing-" + Instant.now().getEpochSecond() + ".json"), json);
            System.out.println("routing decision benchmark:\n" + json);
        }
        System.exit(0);
    }

    /** DIDs with every kind of fixed route: queue chains, extensions, menus, and open/closed hours by schedule. */
    private static List<String> dids(Scenario scenario, int count) {
        String menu = scenario.menu(
                "Bench " + UUID.randomUUID(),
                Map.of(
                        "1",
                        target("queue", "sales"),
                        "2",
                        target("endpoint", "1002"),
                        "3",
                        target("voicemail", "2000")),
                target("voicemail", "2000"));
        Map<String, Object> weekly = new LinkedHashMap<>();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
            weekly.put(
                    day, List.of(Map.of("start", "08:00", "end", "12:00"), Map.of("start", "13:00", "end", "18:00")));
        }
        String schedule = Fixtures.as(scenario.admin.token(), scenario.tenant)
                .body(Map.of(
                        "name",
                        "Bench " + UUID.randomUUID(),
                        "timezone",
                        "Europe/Berlin",
                        "weekly",
                        weekly,
                        "holidays",
                        List.of(Map.of("date", "2026-12-25"))))
                .post("/api/v1/routing/schedules")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("id");
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String number = Numbers.berlin();
            Map<String, Object> routeOf = switch (i % 4) {
                case 0 ->
                    route(then(
                            target("queue", "sales"), then(target("endpoint", "1002"), target("voicemail", "2000"))));
                case 1 -> route(target("endpoint", "1001"));
                case 2 -> route(target("ivr", menu));
                default ->
                    Map.of(
                            "target", target("queue", "support"),
                            "closedTarget", target("voicemail", "2000"),
                            "scheduleId", schedule);
            };
            scenario.did(number, routeOf);
            numbers.add(number);
        }
        return numbers;
    }

    /**
     * Inbound calls end to end: the packaged telephony-service, connected to an ARI simulator and asking this
     * routing-service, takes calls to a DID routed to an extension, {@code 20} at a time: StasisStart, admission,
     * the decision over HTTP, ringing, bridge, hangup. The same measures as {@code bench calls} (which routes
     * directly), so the difference is what asking routing-service adds to a call's setup.
     */
    private static Map<String, Object> callSetups(
            Path telephonyJar, ServiceProcess routing, TestUsers users, Path out, int seconds) throws Exception {
        try (AriSimulator sim = AriSimulator.start("switchboard", "bench", "bench");
                ServiceProcess telephony = ServiceProcess.start(
                        telephonyJar,
                        out.resolve("telephony-service-routed.log"),
                        List.of(
                                "-Xmx512m",
                                "-Dquarkus.datasource.jdbc.url=" + LocalStack.testDatabaseUrl(),
                                "-Dmp.messaging.incoming.tenant-events.group.id=telephony-bench-" + UUID.randomUUID(),
                                "-Dmp.messaging.incoming.tenant-dialplan.group.id=telephony-bench-" + UUID.randomUUID(),
                                "-Dswitchboard.telephony.ari.url=" + sim.baseUrl(),
                                "-Dswitchboard.telephony.ari.username=bench",
                                "-Dswitchboard.telephony.ari.password=bench",
                                "-Dswitchboard.telephony.routing.url=" + routing.url(),
                                "-Dquarkus.log.level=WARN"),
                        Map.of())) {
            sim.endpoints().setDefault(EndpointBehaviour.answerAfter(Duration.ZERO));
            sim.setRecordEvents(false);
            sim.awaitApplication("switchboard", Duration.ofSeconds(60));
            Scenario scenario = Scenario.withTelephony(users, "bench-calls", telephony.url(), 100_000);
            String did = Numbers.berlin();
            scenario.did(did, route(target("endpoint", "1002")));
            calls(sim, scenario.tenant, did, Duration.ofSeconds(5)); // warm-up
            sim.clearRequests();
            Calls calls = calls(sim, scenario.tenant, did, Duration.ofSeconds(seconds));
            List<Long> firstCommand =
                    sim.stasisStartLatencies().stream().map(Duration::toNanos).toList();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("callSetupConcurrency", 20);
            figures.put("callsCompleted", calls.setups().size());
            figures.put("callsFailed", calls.failed());
            figures.put("callSetupsPerSecond", Math.round(calls.setups().size() / calls.elapsed() * 10) / 10.0);
            figures.put("stasisStartToFirstCommandP50Ms", percentile(firstCommand, 50));
            figures.put("stasisStartToFirstCommandP99Ms", percentile(firstCommand, 99));
            figures.put("stasisStartToBridgedP50Ms", percentile(calls.setups(), 50));
            figures.put("stasisStartToBridgedP99Ms", percentile(calls.setups(), 99));
            return figures;
        }
    }

    private record Calls(List<Long> setups, int failed, double elapsed) {}

    private static Calls calls(AriSimulator sim, String tenant, String did, Duration length) throws Exception {
        Semaphore slots = new Semaphore(20);
        AtomicInteger failed = new AtomicInteger();
        ConcurrentLinkedQueue<Long> setups = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            while (System.nanoTime() < end) {
                slots.acquire();
                calls.submit(() -> {
                    try {
                        long placed = System.nanoTime();
                        SimCall call = sim.inboundCall(InboundCall.fromTrunk(
                                tenant,
                                "carrier",
                                "+4930555" + ThreadLocalRandom.current().nextInt(1000, 9999),
                                did));
                        call.awaitBridgedWith("PJSIP/" + tenant + "_1002", Duration.ofSeconds(30));
                        setups.add(System.nanoTime() - placed);
                        call.hangup();
                        call.awaitHangup(Duration.ofSeconds(30));
                    } catch (RuntimeException | AssertionError e) {
                        failed.incrementAndGet();
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        return new Calls(List.copyOf(setups), failed.get(), (System.nanoTime() - start) / 1e9);
    }

    /** Sends decision requests as telephony-service does. */
    private record Asker(HttpClient http, URI uri, String token, String tenant, List<String> dids) {

        CompletableFuture<HttpResponse<String>> ask() {
            String did = dids.get(ThreadLocalRandom.current().nextInt(dids.size()));
            String body = "{\"tenantId\":\"" + tenant + "\",\"callId\":\"" + UUID.randomUUID()
                    + "\",\"direction\":\"inbound\",\"caller\":\"+4930555"
                    + ThreadLocalRandom.current().nextInt(1000, 9999)
                    + "\",\"called\":\"" + did + "\",\"sourceEndpoint\":\"" + tenant + "_trunk-carrier\",\"time\":\""
                    + Instant.now() + "\"}";
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private record Steady(List<Long> latencies, int errors, double elapsed) {}

    /** {@code rate} requests per second for {@code length}, each timed from when it was due (open loop). */
    private static Steady steady(Asker asker, int rate, Duration length) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long total = length.toSeconds() * rate;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            pending.add(asker.ask().whenComplete((response, failure) -> {
                if (failure != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                } else {
                    latencies.add(System.nanoTime() - due);
                }
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .exceptionally(e -> null)
                .get(60, TimeUnit.SECONDS);
        return new Steady(List.copyOf(latencies), errors.get(), (System.nanoTime() - start) / 1e9);
    }

    private record Closed(int completed, int errors, double elapsed, List<Long> latencies) {}

    /** {@code concurrency} clients, each asking again as soon as it has its answer. */
    private static Closed closedLoop(Asker asker, int concurrency, Duration length) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            clients.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = asker.ask().get(10, TimeUnit.SECONDS);
                        if (response.statusCode() == 200) {
                            latencies.add(System.nanoTime() - sent);
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
        return new Closed(latencies.size(), errors.get(), (System.nanoTime() - start) / 1e9, List.copyOf(latencies));
    }

    /**
     * The service's own decision-latency quantiles in milliseconds ({@code 0.5}, {@code 0.99}) from its Prometheus
     * endpoint: a sliding window of about two minutes, so the closed-loop phase counts too.
     */
    private static Map<String, Double> serverMetrics(HttpClient http, int port) throws Exception {
        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, Double> values = new LinkedHashMap<>();
        for (String line : metrics.split("\n")) {
            double value = line.startsWith("#") ? 0 : parseLast(line);
            if (line.startsWith("switchboard_routing_decision_seconds{") && line.contains("quantile=\"")) {
                String quantile = line.substring(line.indexOf("quantile=\"") + 10);
                quantile = quantile.substring(0, quantile.indexOf('"'));
                values.put(quantile, Math.round(value * 1e5) / 100.0);
            }
        }
        return values;
    }

    private static double parseLast(String line) {
        try {
            return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static ServiceProcess start(Path jar, Path out) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return ServiceProcess.start(
                jar,
                out.resolve("routing-service.log"),
                List.of(
                        "-Xmx512m",
                        "-Dquarkus.datasource.jdbc.url=" + LocalStack.testDatabaseUrl(),
                        "-Dmp.messaging.incoming.tenant-events.group.id=routing-bench-" + UUID.randomUUID(),
                        "-Dmp.messaging.incoming.telephony-events.group.id=routing-bench-" + UUID.randomUUID(),
                        "-Dswitchboard.routing.encryption-key="
                                + Base64.getEncoder().encodeToString(key)),
                Map.of());
    }

    /** The {@code percentile} of nanosecond latencies, in milliseconds with two decimals. */
    private static double percentile(List<Long> nanos, double percentile) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return Math.round(sorted.get(Math.max(0, index)) / 10_000.0) / 100.0;
    }
}
