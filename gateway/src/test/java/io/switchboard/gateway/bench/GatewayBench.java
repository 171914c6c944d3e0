package io.switchboard.gateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.testing.LocalStack;
import io.switchboard.testing.ServiceProcess;
import io.switchboard.testing.TenantFixtures;
import io.switchboard.testing.TestUsers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gateway overhead (make bench gateway): the same requests, from the same client, to a local service directly and
 * through the packaged gateway (token validation, tenant resolution, both rate-limit buckets, proxying, access log),
 * in the same run. Closed loop with {@code bench.concurrency} virtual threads for {@code bench.seconds} each, after a
 * warm-up; reports requests per second and p50/p99 latency of both, and the difference. Not a test: it asserts
 * nothing and prints its figures.
 */
public final class GatewayBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] BODY = "{\"id\":\"42\",\"name\":\"bench\"}".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(System.getProperty("bench.jar"));
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        int seconds = Integer.getInteger("bench.seconds", 20);
        int concurrency = Integer.getInteger("bench.concurrency", 16);
        Files.createDirectories(out);

        HttpServer service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        service.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        service.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, BODY.length);
            exchange.getResponseBody().write(BODY);
            exchange.close();
        });
        service.start();
        String direct = "http://127.0.0.1:" + service.getAddress().getPort();

        String tenant = TenantFixtures.newTenantId("bench");
        try (TestUsers users = new TestUsers();
                ServiceProcess gateway = ServiceProcess.start(
                        jar,
                        out.resolve("gateway.log"),
                        jvmOptions(
                                "-Xmx384m",
                                "-Dquarkus.datasource.jdbc.url=" + LocalStack.testDatabaseUrl(),
                                "-Dmp.messaging.incoming.tenant-events.group.id=gateway-bench-" + UUID.randomUUID(),
                                "-Dswitchboard.gateway.routes.bench.url=" + direct,
                                "-Dswitchboard.gateway.routes.bench.paths=/api/v1/bench",
                                // buckets large enough never to refuse, so that their cost is measured, not their limit
                                "-Dswitchboard.gateway.rate-limit.plans.standard.requests-per-second=1000000",
                                "-Dswitchboard.gateway.rate-limit.plans.standard.burst=1000000",
                                "-Dswitchboard.gateway.rate-limit.per-client.requests-per-second=1000000",
                                "-Dswitchboard.gateway.rate-limit.per-client.burst=1000000"),
                        Map.of())) {
            String token = users.member(tenant, "agent").token();
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String viaGateway = gateway.url();

            run(http, direct, token, concurrency, Duration.ofSeconds(5)); // warm-up
            run(http, viaGateway, token, concurrency, Duration.ofSeconds(5));
            Result directResult = run(http, direct, token, concurrency, Duration.ofSeconds(seconds));
            Result gatewayResult = run(http, viaGateway, token, concurrency, Duration.ofSeconds(seconds));

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("measuredAt", Instant.now().toString());
            figures.put("seconds", seconds);
            figures.put("concurrency", concurrency);
            figures.put("direct", directResult.figures());
            figures.put("gateway", gatewayResult.figures());
            figures.put("addedLatencyP50Ms", round(gatewayResult.p50() - directResult.p50()));
            figures.put("addedLatencyP99Ms", round(gatewayResult.p99() - directResult.p99()));
            figures.put("throughputRatio", round(gatewayResult.perSecond() / directResult.perSecond()));
            String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures);
            Files.writeString(out.resolve("gateway.json"), json);
            System.out.println("gateway benchmark:\n" + json);
        } finally {
            service.stop(0);
        }
    }

    private record Result(int ok, int failed, double perSecond, double p50, double p99) {
        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("requests", ok);
            figures.put("failed", failed);
            figures.put("requestsPerSecond", round(perSecond));
            figures.put("p50Ms", round(p50));
            figures.put("p99Ms", round(p99));
            return figures;
        }
    }

    private static Result run(HttpClient http, String base, String token, int concurrency, Duration length)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/bench/items/42?expand=owner"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .build();
        ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        long end = System.nanoTime() + length.toNanos();
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            if (response.statusCode() == 200) {
                                micros.add((System.nanoTime() - sent) / 1_000);
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return new Result(
                sorted.size(), failed.get(), sorted.size() / elapsed, percentile(sorted, 50), percentile(sorted, 99));
    }

    private static double percentile(List<Long> sortedMicros, int percentile) {
        if (sortedMicros.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, Math.min(sortedMicros.size() - 1, index))) / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private GatewayBench() {}

    /**
     * The gateway's JVM options, plus those of {@code bench.gateway.jvm} (space-separated), e.g. to profile it with
     * {@code -XX:StartFlightRecording=filename=.local/bench/gateway.jfr} or to turn its access log off.
     */
    private static List<String> jvmOptions(String... options) {
        List<String> all = new java.util.ArrayList<>(List.of(options));
        String extra = System.getProperty("bench.gateway.jvm", "").strip();
        if (!extra.isEmpty()) {
            all.addAll(List.of(extra.split("\\s+")));
        }
        return all;
    }
}
