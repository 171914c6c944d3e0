package io.switchboard.webhook.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.switchboard.webhook.delivery.RetryPolicy.Action;
import io.switchboard.webhook.http.HttpAttempt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Delivery metrics, tagged by tenant ({@code platform} for the platform scope): deliveries by final result, failed
 * attempts by outcome, retries, queue depth (pending deliveries), attempt duration and the latency from the event's
 * commit to its successful delivery.
 */
@ApplicationScoped
public class DeliveryMetrics {

    private final MeterRegistry registry;
    private final MultiGauge queueDepth;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.queueDepth = MultiGauge.builder("switchboard.webhook.queue.depth")
                .description("Deliveries waiting for their next attempt")
                .register(registry);
    }

    void attempt(DueDelivery delivery, HttpAttempt attempt, Action action) {
        String tenant = delivery.scope();
        Timer.builder("switchboard.webhook.attempt.duration")
                .description("Duration of delivery attempts")
                .tag("tenant", tenant)
                .register(registry)
                .record(Duration.ofMillis(attempt.durationMs()));
        if (!attempt.succeeded()) {
            Counter.builder("switchboard.webhook.failures")
                    .description("Failed delivery attempts, by outcome")
                    .tag("tenant", tenant)
                    .tag("outcome", attempt.outcome().value())
                    .register(registry)
                    .increment();
        }
        if (action == null) {
            return;
        }
        switch (action) {
            case SUCCEEDED -> {
                deliveries(tenant, "succeeded");
                Timer.builder("switchboard.webhook.delivery.latency")
                        .description("From the event's commit to its successful delivery")
                        .tag("tenant", tenant)
                        .publishPercentiles(0.5, 0.99)
                        .register(registry)
                        .record(Duration.between(delivery.occurredAt(), Instant.now()));
            }
            case RETRY ->
                Counter.builder("switchboard.webhook.retries")
                        .description("Retries scheduled")
                        .tag("tenant", tenant)
                        .register(registry)
                        .increment();
            case FAILED, GONE -> deliveries(tenant, "failed");
        }
    }

    private void deliveries(String tenant, String result) {
        Counter.builder("switchboard.webhook.deliveries")
                .description("Deliveries that ended, by result")
                .tag("tenant", tenant)
                .tag("result", result)
                .register(registry)
                .increment();
    }

    void queueDepth(Map<String, Long> pendingByScope) {
        List<MultiGauge.Row<?>> rows = pendingByScope.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("tenant", e.getKey()), e.getValue()))
                .toList();
        queueDepth.register(rows, true);
    }
}
