package io.switchboard.telephony.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Call-setup benchmark (make bench calls): the built telephony-service jar against the ARI simulator, as against
 * Asterisk. Internal calls between two extensions of one tenant, {@code bench.concurrency} at a time for
 * {@code bench.seconds}: each enters Stasis, is admitted (the concurrent-call count in PostgreSQL), routed, rings the
 * callee, is bridged when it answers, and is hung up. Measures completed call setups per second, the latency from
 * StasisStart to the first ARI command about the call (as the simulator sees it on the wire), and from StasisStart
 * to the bridge. Not a test: it asserts nothing and prints its figures.
 */
public final class CallSetupBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(System.getProperty("bench.jar"));
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        int seconds = Integer.getInteger("bench.seconds", 20);
        int concurrency = Integer.getInteger("bench.concurrency", 20);
        Files.createDirectories(out);

        String tenant = TenantFixtures.newTenantId("bench");
        TenantFixtures.publishActive(tenant, TenantFixtures.ALL_FEATURES, 100_000);
        try (AriSimulator sim = AriSimulator.start("switchboard", "bench", "bench");
                TestUsers users = new TestUsers()) {
            sim.endpoints().setDefault(EndpointBehaviour.answerAfter(Duration.ZERO));
            sim.setRecordEvents(false);
            try (ServiceProcess service = ServiceProcess.start(
                    jar,
                    out.resolve("telephony-service.log"),
                    List.of(
                            "-Xmx512m",
                            "-Dquarkus.datasource.jdbc.url=" + LocalStack.testDatabaseUrl(),
                            "-Dmp.messaging.incoming.tenant-events.group.id=telephony-bench-" + UUID.randomUUID(),
                            "-Dmp.messaging.incoming.tenant-dialplan.group.id=telephony-bench-" + UUID.randomUUID(),
                            "-Dswitchboard.telephony.ari.url=" + sim.baseUrl(),
                            "-Dswitchboard.telephony.ari.username=bench",
                            "-Dswitchboard.telephony.ari.password=bench",
                            "-Dquarkus.log.level=WARN"),
                    Map.of())) {
                int port = service.port();
                TenantFixtures.awaitInDirectory("telephony_service", tenant, "active");
                sim.awaitApplication("switchboard", Duration.ofSeconds(60));
                String token = users.member(tenant, "tenant_admin").token();
                createExtension(port, token, tenant, "1001");
                createExtension(port, token, tenant, "1002");

                run(sim, tenant, concurrency, Duration.ofSeconds(5)); // warm-up
                sim.clearRequests();
                Result result = run(sim, tenant, concurrency, Duration.ofSeconds(seconds));
                List<Duration> firstCommand = new ArrayList<>(sim.stasisStartLatencies());
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("measuredAt", Instant.now().toString());
                figures.put("seconds", seconds);
                figures.put("concurrency", concurrency);
                figures.put("callsCompleted", result.completed());
                figures.put("callsFailed", result.failed());
                figures.put("failures", result.failures());
                figures.put("callSetupsPerSecond", Math.round(result.completed() / result.elapsed() * 10) / 10.0);
                figures.put("stasisStartToFirstCommandP50Ms", percentile(firstCommand, 50));
                figures.put("stasisStartToFirstCommandP99Ms", percentile(firstCommand, 99));
                figures.put("stasisStartToBridgedP50Ms", percentile(result.setups(), 50));
                figures.put("stasisStartToBridgedP99Ms", percentile(result.setups(), 99));
                String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures);
                Files.writeString(out.resolve("call-setup.json"), json);
                System.out.println("call setup benchmark:\n" + json);
            }
        }
    }

    /** What one measured run gave. */
    private record Result(
            int completed, int failed, double elapsed, List<Duration> setups, Map<String, Integer> failures) {}

    private static Result run(AriSimulator sim, String tenant, int concurrency, Duration length) throws Exception {
        Semaphore slots = new Semaphore(concurrency);
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Map<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Duration> setups = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        AtomicLong lastCompleted = new AtomicLong(start);
        long end = start + length.toNanos();
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            while (System.nanoTime() < end) {
                slots.acquire();
                calls.submit(() -> {
                    try {
                        long placed = System.nanoTime();
                        SimCall call = sim.inboundCall(InboundCall.internal(tenant, "1001", "1002"));
                        call.awaitBridgedWith("PJSIP/" + tenant + "_1002", Duration.ofSeconds(30));
                        setups.add(Duration.ofNanos(System.nanoTime() - placed));
                        call.hangup();
                        call.awaitHangup(Duration.ofSeconds(30));
                        completed.incrementAndGet();
                        lastCompleted.accumulateAndGet(System.nanoTime(), Math::max);
                    } catch (RuntimeException | AssertionError e) {
                        failed.incrementAndGet();
                        failures.merge(
                                String.valueOf(e.getMessage())
                                        .lines()
                                        .findFirst()
                                        .orElse("?"),
                                1,
                                Integer::sum);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        // up to the last completed call: a call still failing after the window must not dilute the rate
        double elapsed = (lastCompleted.get() - start) / 1e9;
        return new Result(completed.get(), failed.get(), elapsed, List.copyOf(setups), Map.copyOf(failures));
    }

    private static void createExtension(int port, String token, String tenant, String number) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/extensions"))
                                .header("Authorization", "Bearer " + token)
                                .header("X-Tenant-ID", tenant)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"number\": \"" + number + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating extension " + number + ": " + response.body());
        }
    }

    private static double percentile(List<Duration> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> micros =
                new ArrayList<>(values.stream().map(d -> d.toNanos() / 1_000).toList());
        Collections.sort(micros);
        int index = Math.min(micros.size() - 1, (int) Math.ceil(percentile / 100.0 * micros.size()) - 1);
        return Math.round(micros.get(Math.max(0, index)) / 10.0) / 100.0;
    }

    private CallSetupBench() {}
}
