package io.switchboard.webhook.bench;

import com.sun.net.httpserver.HttpServer;
import io.restassured.RestAssured;
import io.switchboard.commons.webhook.WebhookSecret;
import io.switchboard.commons.webhook.WebhookSignature;
import io.switchboard.testing.Database;
import io.switchboard.testing.LocalStack;
import io.switchboard.testing.ServiceProcess;
import io.switchboard.testing.TestUsers;
import io.switchboard.testing.TestUsers.TestUser;
import io.switchboard.webhook.http.HttpAttempt;
import io.switchboard.webhook.http.WebhookClient;
import io.switchboard.webhook.http.WebhookClientProducer;
import io.switchboard.webhook.support.Api;
import io.switchboard.webhook.support.Events;
import io.switchboard.webhook.target.HostResolver;
import io.switchboard.webhook.target.TargetPolicy;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook benchmark behind {@code make bench} (deploy/local/bench.sh): not a test, a program.
 *
 * <ol>
 *   <li><b>Raw ceiling</b>: the dispatcher's own HTTP client ({@link WebhookClient}, same settings), signing each
 *       request, posts to a local receiver from as many threads as the dispatcher allows per endpoint.
 *   <li><b>Sustained throughput</b>: events are committed as fast as possible into an outbox (the dispatcher's own
 *       {@code outbox} table, published by platform-commons' OutboxRelay, the code every source service runs), then
 *       Kafka, the fan-out, the durable schedule and the dispatcher carry them to the same receiver, one subscription.
 *   <li><b>Latency</b>: events committed at a steady rate well below that throughput; the latency is from the source
 *       transaction's commit (the outbox row's time, which becomes the body's {@code timestamp}) to the receiver.
 * </ol>
 *
 * The dispatcher runs from its packaged jar in its own process, with production settings except the database
 * ({@code switchboard_test}), a fresh consumer group, a generated encryption key, and local targets allowed.
 */
public final class WebhookBench {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private WebhookBench() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(System.getProperty("bench.jar", "webhook-dispatcher/target/quarkus-app/quarkus-run.jar"));
        int seconds = Integer.getInteger("bench.seconds", 25);
        int concurrency = Integer.getInteger("bench.concurrency", 8);
        Path out = Path.of(System.getProperty("bench.out", ".local/bench"));
        Files.createDirectories(out);
        List<String> report = new ArrayList<>();
        report.add("webhook benchmark " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        report.add("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, Java " + Runtime.version() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        report.add("receiver: JDK HttpServer on 127.0.0.1 answering 200 at once; " + concurrency
                + " requests in flight at most (the dispatcher's per-endpoint limit); phases of " + seconds + " s");

        try (BenchReceiver receiver = new BenchReceiver();
                TestUsers users = new TestUsers()) {
            report.add(rawCeiling(receiver, concurrency, seconds));

            String run = UUID.randomUUID().toString().substring(0, 8);
            try (ServiceProcess dispatcher = startDispatcher(jar, concurrency, out, run)) {
                RestAssured.baseURI = "http://127.0.0.1";
                RestAssured.port = dispatcher.port();
                TestUser superadmin = users.superadmin();
                String tenant = Api.newTenant("bench");
                Api.subscribe(superadmin, tenant, receiver.url("/bench"), "*");
                // a fresh consumer group reads from the end of the topics: wait for its partitions before publishing
                Events.awaitConsumerGroups(Map.of("webhook-dispatcher-bench-" + run, 18));
                warmUp(receiver, tenant);

                int burst = Integer.getInteger("bench.burst", 10_000);
                Result sustained = drive(receiver, tenant, "burst", 0, burst);
                report.add(sustained.describe(burst + " events committed as fast as possible"));
                int rate = Math.max(20, (int) (sustained.deliveredPerSecond() * 0.5));
                Result steady = drive(receiver, tenant, "steady", rate, rate * seconds);
                report.add(steady.describe("steady " + rate + " events/s (half the sustained rate)"));
            }
        }
        Path file = out.resolve("webhook-" + LocalDateTime.now().format(STAMP) + ".txt");
        Files.write(file, report);
        report.forEach(System.out::println);
        System.out.println("written to " + file);
    }

    /** The same client the dispatcher uses, signing every request, closed loop from {@code concurrency} threads. */
    private static String rawCeiling(BenchReceiver receiver, int concurrency, int seconds) throws Exception {
        Vertx vertx = Vertx.vertx();
        WebhookClient client = new WebhookClient(
                vertx,
                new TargetPolicy(false, true, HostResolver.SYSTEM),
                new WebhookClient.Settings(
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(15),
                        1024,
                        64,
                        WebhookClientProducer.userAgent("bench")));
        List<WebhookSecret> secrets = List.of(WebhookSecret.generate());
        byte[] body = ("{\"type\":\"telephony.call.ended\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"data\":"
                        + "{\"callId\":\"raw\",\"tenantId\":\"bench\",\"durationSeconds\":42}}")
                .getBytes(StandardCharsets.UTF_8);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong failures = new AtomicLong();
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        long end = warmUntil + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < concurrency; i++) {
            threads.submit(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
                    Map<String, String> headers = WebhookSignature.headers(id, Instant.now(), body, secrets);
                    HttpAttempt attempt = client.post(receiver.url("/raw"), headers, body);
                    if (start >= warmUntil) {
                        if (attempt.succeeded()) {
                            latencies.add(System.nanoTime() - start);
                        } else {
                            failures.incrementAndGet();
                        }
                    }
                }
            });
        }
        threads.shutdown();
        threads.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return String.format(
                Locale.ROOT,
                "raw ceiling (same HTTP client, %d threads): %.0f requests/s, round trip p50 %.1f ms, p99 %.1f ms,"
                        + " %d failed",
                concurrency,
                sorted.size() / (double) seconds,
                percentile(sorted, 0.50) / 1e6,
                percentile(sorted, 0.99) / 1e6,
                failures.get());
    }

    /** One phase's outcome at the receiver. */
    record Result(int committed, int delivered, double seconds, List<Long> latenciesMillis) {
        double deliveredPerSecond() {
            return delivered / seconds;
        }

        String describe(String phase) {
            return String.format(
                    Locale.ROOT,
                    "%s: %d committed, %d delivered, %.0f deliveries/s; commit-to-receiver p50 %d ms, p99 %d ms,"
                            + " max %d ms",
                    phase,
                    committed,
                    delivered,
                    deliveredPerSecond(),
                    percentile(latenciesMillis, 0.50),
                    percentile(latenciesMillis, 0.99),
                    latenciesMillis.isEmpty() ? 0 : latenciesMillis.get(latenciesMillis.size() - 1));
        }
    }

    /**
     * Commits {@code count} events (as fast as 4 connections can, or at {@code rate} per second), waits until they are
     * all delivered, and measures at the receiver: the delivery rate from the first arrival to the last, and each
     * event's latency from its commit.
     */
    private static Result drive(BenchReceiver receiver, String tenant, String phase, int rate, int count)
            throws Exception {
        String batch = phase + "-" + UUID.randomUUID();
        AtomicLong committed = new AtomicLong();
        int writers = rate == 0 ? 4 : 1;
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        for (int w = 0; w < writers; w++) {
            threads.submit(() -> {
                try (Connection db = Database.connectAs("webhook_dispatcher");
                        PreparedStatement insert = db.prepareStatement("insert into outbox (id, topic, type,"
                                + " tenant_id, aggregate_type, aggregate_id, payload, actor)"
                                + " values (?, 'telephony.events', 'telephony.call.ended', ?, 'call', ?, ?::json,"
                                + " 'bench')")) {
                    long next = System.nanoTime();
                    while (true) {
                        if (rate > 0) {
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                            next += TimeUnit.SECONDS.toNanos(1) / rate;
                        }
                        long n = committed.incrementAndGet();
                        if (n > count) {
                            break;
                        }
                        insert.setObject(1, UUID.randomUUID());
                        insert.setString(2, tenant);
                        insert.setString(3, "call-" + n);
                        insert.setString(
                                4,
                                "{\"callId\":\"call-" + n + "\",\"batch\":\"" + batch + "\",\"durationSeconds\":42}");
                        insert.executeUpdate(); // autocommit: one transaction per event, like a source service
                    }
                }
                return null;
            });
        }
        threads.shutdown();
        threads.awaitTermination(10, TimeUnit.MINUTES);
        try {
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> receiver.arrivals(batch).size() >= count);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // what did not arrive in 3 minutes counts as lost in the figures below
        }
        List<long[]> arrived = receiver.arrivals(batch);
        List<Long> latencies = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (long[] arrival : arrived) {
            latencies.add(arrival[1]);
            first = Math.min(first, arrival[0]);
            last = Math.max(last, arrival[0]);
        }
        Collections.sort(latencies);
        double span = arrived.isEmpty() ? 0.001 : Math.max(0.001, (last - first) / 1000.0);
        return new Result(count, arrived.size(), span, latencies);
    }

    /** One event end to end, so the consumer group is assigned and every path is warm before measuring. */
    private static void warmUp(BenchReceiver receiver, String tenant) throws Exception {
        Result warm = drive(receiver, tenant, "warm", 20, 60);
        if (warm.delivered() < warm.committed()) {
            throw new IllegalStateException("the dispatcher did not deliver the warm-up events");
        }
    }

    private static ServiceProcess startDispatcher(Path jar, int concurrency, Path out, String run) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<String> options = new ArrayList<>(List.of("-Xmx512m"));
        String extra = System.getProperty("bench.dispatcher.jvm", "");
        if (!extra.isBlank()) {
            options.addAll(List.of(extra.split(" ")));
        }
        options.addAll(List.of(
                "-Dquarkus.log.level=WARN",
                "-Dmp.messaging.incoming.webhook-fanout.group.id=webhook-dispatcher-bench-" + run,
                "-Dmp.messaging.incoming.webhook-fanout.auto.offset.reset=latest",
                "-Dmp.messaging.incoming.tenant-events.group.id=webhook-dispatcher-bench-directory-" + run,
                "-Dswitchboard.webhook.delivery.max-concurrency-per-endpoint=" + concurrency));
        return ServiceProcess.start(
                jar,
                out.resolve("webhook-dispatcher-bench.log"),
                options,
                Map.of(
                        "DB_URL",
                        LocalStack.testDatabaseUrl(),
                        "SWITCHBOARD_WEBHOOK_ENCRYPTION_KEY",
                        Base64.getEncoder().encodeToString(key),
                        "SWITCHBOARD_WEBHOOK_TARGETS_ALLOW_PRIVATE",
                        "true",
                        "SWITCHBOARD_WEBHOOK_TARGETS_REQUIRE_HTTPS",
                        "false"));
    }

    /**
     * The receiver: answers 200 at once and, instead of keeping requests, notes per batch when each arrived and how
     * long after its commit (the body's {@code timestamp}), so that bookkeeping does not compete with the dispatcher.
     */
    static final class BenchReceiver implements AutoCloseable {
        private static final byte[] OK = "{}".getBytes(StandardCharsets.UTF_8);
        private final HttpServer server;
        private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        private final Map<String, ConcurrentLinkedQueue<long[]>> batches = new ConcurrentHashMap<>();

        BenchReceiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
            server.setExecutor(executor);
            server.createContext("/", exchange -> {
                try (exchange) {
                    long now = System.currentTimeMillis();
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    String batch = member(body, "\"batch\":\"");
                    if (batch != null) {
                        long committed =
                                Instant.parse(member(body, "\"timestamp\":\"")).toEpochMilli();
                        batches.computeIfAbsent(batch, b -> new ConcurrentLinkedQueue<>())
                                .add(new long[] {now, now - committed});
                    }
                    exchange.sendResponseHeaders(200, OK.length);
                    exchange.getResponseBody().write(OK);
                }
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        /** [arrival millis, commit-to-arrival millis] of each request of the batch. */
        List<long[]> arrivals(String batch) {
            return List.copyOf(batches.getOrDefault(batch, new ConcurrentLinkedQueue<>()));
        }

        private static String member(String body, String prefix) {
            int start = body.indexOf(prefix);
            if (start < 0) {
                return null;
            }
            start += prefix.length();
            return body.substring(start, body.indexOf('"', start));
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
