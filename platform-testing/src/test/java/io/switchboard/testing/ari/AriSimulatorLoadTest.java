package io.switchboard.testing.ari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.loway.oss.ari4java.ARI;
import ch.loway.oss.ari4java.AriVersion;
import ch.loway.oss.ari4java.generated.models.ChannelDestroyed;
import ch.loway.oss.ari4java.generated.models.Message;
import ch.loway.oss.ari4java.generated.models.StasisStart;
import ch.loway.oss.ari4java.tools.AriCallback;
import ch.loway.oss.ari4java.tools.RestException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How many inbound calls per second the simulator carries with ari4java as the application (StasisStart -> answer ->
 * hangup), on this machine. A measurement, not a test: run it with
 * {@code ./mvnw -pl platform-testing test -Dtest=AriSimulatorLoadTest -Dari.load=true [-Dari.load.calls=5000]}.
 */
@EnabledIfSystemProperty(named = "ari.load", matches = "true")
class AriSimulatorLoadTest {

    @Test
    void inboundCallsAnsweredAndHungUpPerSecond() throws Exception {
        int calls = Integer.getInteger("ari.load.calls", 3000);
        int concurrency = Integer.getInteger("ari.load.concurrency", 100);
        try (AriSimulator sim = AriSimulator.start("switchboard", "ariuser", "aripass")) {
            sim.setRecordRequests(false);
            sim.setRecordEvents(false);
            ARI ari = ARI.build(sim.baseUrl(), "switchboard", "ariuser", "aripass", AriVersion.ARI_10_0_0);
            AtomicInteger destroyed = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            Semaphore inFlight = new Semaphore(concurrency);
            // ari4java's async execute() parks one of its three Netty threads per request until the response, so
            // concurrent requests go through the blocking API from the application's own threads, as a service would
            ExecutorService workers = Executors.newFixedThreadPool(8);
            ari.eventsCallback(new AriCallback<>() {
                @Override
                public void onSuccess(Message message) {
                    if (message instanceof StasisStart start) {
                        String id = start.getChannel().getId();
                        workers.execute(() -> {
                            try {
                                ari.channels().answer(id).execute();
                                ari.channels().hangup(id).execute();
                            } catch (RestException e) {
                                failures.incrementAndGet();
                            }
                        });
                    } else if (message instanceof ChannelDestroyed) {
                        destroyed.incrementAndGet();
                        inFlight.release();
                    }
                }

                @Override
                public void onFailure(RestException e) {
                    failures.incrementAndGet();
                }
            });
            sim.awaitApplication("switchboard", Duration.ofSeconds(10));

            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                assertThat(inFlight.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
                sim.inboundCall(new InboundCall(
                        "acme-corp-trunk1",
                        "+49301" + i,
                        "Load",
                        "+4930123456",
                        "from-trunk-acme-corp",
                        List.of("inbound", "acme-corp")));
            }
            await().atMost(Duration.ofMinutes(5)).until(() -> destroyed.get() == calls);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Long> micros = sim.stasisStartLatencies().stream()
                    .map(d -> d.toNanos() / 1000)
                    .sorted()
                    .toList();
            System.out.printf(
                    "ARI simulator load: %d calls in %.1f s = %.0f calls/s (answer + hangup by ari4java, %d in"
                            + " flight); StasisStart -> answer request p50 %d us, p99 %d us; failures %d%n",
                    calls,
                    seconds,
                    calls / seconds,
                    concurrency,
                    micros.get(micros.size() / 2),
                    micros.get(micros.size() * 99 / 100),
                    failures.get());
            assertThat(failures.get()).isZero();
            workers.shutdown();
            ari.cleanup();
        }
    }
}
