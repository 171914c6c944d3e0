package io.switchboard.webhook.delivery;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.webhook.config.WebhookConfig;
import io.switchboard.webhook.delivery.RetryPolicy.Action;
import io.switchboard.webhook.http.HttpAttempt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends due deliveries. One loop claims them from the database in batches (a lease, so that a crashed instance's
 * claims return to the pool) and hands each to the lane of its subscription. A lane sends at most
 * {@code max-concurrency-per-endpoint} requests at once and honours the subscription's rate limit; while a lane is
 * full its subscription is left out of the next claims, so a slow or dead endpoint only ever occupies its own lane and
 * never delays the others. Each request runs on a virtual thread; its outcome is recorded in its own transaction.
 * The loop wakes when the consumer created deliveries or a lane has room, and polls as a fallback.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final int RECORDING_CONCURRENCY = 12;

    private final DeliveryTasks tasks;
    private final DeliverySender sender;
    private final DeliveryMetrics metrics;
    private final WebhookConfig.Delivery config;
    private final Duration httpTimeout;
    private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();
    /** Claimed deliveries not finished yet, all lanes together. */
    private final AtomicInteger load = new AtomicInteger();
    /**
     * Outcomes recorded at once: far fewer than requests in flight, so that a burst of answers queues here instead of
     * exhausting the connection pool that the API and the consumer need too.
     */
    private final Semaphore recording = new Semaphore(RECORDING_CONCURRENCY);

    private final Object signal = new Object();
    private boolean woken; // guarded by signal
    private volatile boolean running;
    private Thread loop;
    private ExecutorService workers;
    private ScheduledExecutorService timers;

    public DeliveryDispatcher(
            DeliveryTasks tasks, DeliverySender sender, DeliveryMetrics metrics, WebhookConfig config) {
        this.tasks = tasks;
        this.sender = sender;
        this.metrics = metrics;
        this.config = config.delivery();
        this.httpTimeout = config.http().timeout();
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            Log.info("Webhook delivery is disabled on this instance");
            return;
        }
        workers = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("webhook-send-", 0).factory());
        timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("webhook-rate").daemon().factory());
        running = true;
        loop = Thread.ofPlatform().name("webhook-dispatcher").daemon().start(this::loop);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (!running) {
            return;
        }
        running = false;
        wake();
        try {
            loop.join(Duration.ofSeconds(5));
            workers.shutdown();
            // attempts under way finish and are recorded; claimed ones not started return after their lease
            workers.awaitTermination(httpTimeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
    }

    /** Asks the loop to look for due deliveries now (new ones were created, or capacity became free). */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        Duration backoff = Duration.ofMillis(500);
        while (running) {
            boolean more;
            try {
                more = claimRound();
                backoff = Duration.ofMillis(500);
            } catch (Exception e) {
                Log.warnf("Claiming due webhook deliveries failed (will retry): %s", e.toString());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(15)) > 0
                        ? Duration.ofSeconds(15)
                        : backoff.multipliedBy(2);
                continue;
            }
            if (!more) {
                await(config.pollInterval());
            }
        }
    }

    /** Claims one batch; returns whether it is worth claiming again right away. */
    private boolean claimRound() {
        int free = config.maxInFlight() - load.get();
        if (free <= 0) {
            return false;
        }
        lanes.values().removeIf(Lane::idle);
        int limit = Math.min(config.batchSize(), free);
        List<UUID> busy = lanes.values().stream()
                .filter(Lane::busy)
                .map(lane -> lane.subscriptionId)
                .toList();
        List<DueDelivery> due = tasks.claim(limit, config.maxConcurrencyPerEndpoint(), busy, UUID.randomUUID());
        for (DueDelivery delivery : due) {
            load.incrementAndGet();
            lanes.computeIfAbsent(delivery.subscriptionId(), Lane::new).offer(delivery);
        }
        return due.size() == limit;
    }

    private void send(Lane lane, DueDelivery delivery) {
        HttpAttempt attempt;
        try {
            attempt = sender.send(delivery);
        } finally {
            // the endpoint's slot is free as soon as it answered: recording the outcome does not hold it
            lane.finished();
            lane.pump();
            if (lane.hungry()) {
                wake();
            }
        }
        try {
            AttemptCause cause =
                    delivery.attempts() > 0 && delivery.retryStep() == 0 ? AttemptCause.REPLAY : AttemptCause.SCHEDULED;
            Action action = record(delivery, attempt, cause);
            metrics.attempt(delivery, attempt, action);
            if (action == null) {
                Log.debugf("Delivery %s was taken over by another instance; its outcome is theirs", delivery.id());
            }
        } catch (RuntimeException e) {
            // the lease runs out and the delivery is claimed again
            Log.warnf(e, "Delivery %s could not be recorded; it will be retried after its lease", delivery.id());
        } finally {
            if (load.getAndDecrement() >= config.maxInFlight()) {
                wake();
            }
        }
    }

    /** Records an outcome; a transaction that lost a deadlock or a connection is tried again twice. */
    private Action record(DueDelivery delivery, HttpAttempt attempt, AttemptCause cause) {
        for (int tries = 1; ; tries++) {
            recording.acquireUninterruptibly();
            try {
                return tasks.record(delivery, attempt, cause);
            } catch (RuntimeException e) {
                if (tries == 3 || !running) {
                    throw e;
                }
                Log.debugf("Recording delivery %s failed (%s), trying again", delivery.id(), e.toString());
            } finally {
                recording.release();
            }
            sleep(Duration.ofMillis(100L * tries));
        }
    }

    private void await(Duration timeout) {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(Math.max(1, timeout.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The deliveries of one subscription that this instance holds: queued, and being sent. */
    private final class Lane {
        final UUID subscriptionId;
        private final ArrayDeque<DueDelivery> queue = new ArrayDeque<>();
        private int sending;
        private RateLimiter limiter;
        private boolean pumpScheduled;

        Lane(UUID subscriptionId) {
            this.subscriptionId = subscriptionId;
        }

        /** Full: no more claims for this subscription until it drains. */
        synchronized boolean busy() {
            return queue.size() + sending >= config.maxConcurrencyPerEndpoint()
                    || (limiter != null && !queue.isEmpty());
        }

        /**
         * Down to half its concurrency: worth a claim now. Waiting for that (rather than for the first free slot)
         * claims a batch per half-lane instead of one claim per delivery.
         */
        synchronized boolean hungry() {
            return (queue.size() + sending) * 2 <= config.maxConcurrencyPerEndpoint();
        }

        /** Nothing held, and a rate limit's bucket full again: the lane can be forgotten. */
        synchronized boolean idle() {
            return queue.isEmpty()
                    && sending == 0
                    && !pumpScheduled
                    && (limiter == null || limiter.full(System.nanoTime()));
        }

        synchronized void offer(DueDelivery delivery) {
            limiter = RateLimiter.forRate(limiter, delivery.rateLimit(), System.nanoTime());
            queue.add(delivery);
            pump();
        }

        synchronized void finished() {
            sending--;
        }

        synchronized void pump() {
            while (running && sending < config.maxConcurrencyPerEndpoint() && !queue.isEmpty()) {
                long wait = limiter == null ? 0 : limiter.tryAcquire(System.nanoTime());
                if (wait > 0) {
                    if (!pumpScheduled) {
                        pumpScheduled = true;
                        timers.schedule(this::scheduledPump, wait, TimeUnit.NANOSECONDS);
                    }
                    return;
                }
                DueDelivery delivery = queue.poll();
                sending++;
                try {
                    workers.execute(() -> send(this, delivery));
                } catch (RejectedExecutionException stopping) {
                    sending--;
                    return; // shutting down: the claim returns to the pool when its lease ends
                }
            }
        }

        private void scheduledPump() {
            synchronized (this) {
                pumpScheduled = false;
            }
            pump();
        }
    }
}
