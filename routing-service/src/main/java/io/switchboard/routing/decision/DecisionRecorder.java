package io.switchboard.routing.decision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.tenant.TenantTasks;
import io.switchboard.routing.RoutingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Emits each decision's {@code routing.call.routed} event, keyed by the call id, through the outbox. A decision changes
 * no state, so its event need not share a transaction with anything: the decision hands it over and answers at once,
 * and one writer thread commits what has queued up in batches (one transaction for up to 500 events), which keeps the
 * database out of the call's setup time. An event is lost only if the instance dies in the few milliseconds between
 * the answer and the batch's commit, or if the queue is full (counted in
 * {@code switchboard_routing_events_dropped_total}); the call itself is routed either way.
 */
@ApplicationScoped
public class DecisionRecorder {

    private static final int BATCH = 500;
    private static final int CAPACITY = 50_000;

    /** An event waiting for its batch, with the trace of the request that decided (carried into the outbox row). */
    private record Pending(String tenantId, CallRouted routed, Context trace) {}

    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final RoutingEvents events;
    private final TenantTasks tasks;
    private final Counter dropped;
    private volatile boolean running;
    private Thread writer;

    public DecisionRecorder(RoutingEvents events, TenantTasks tasks, MeterRegistry metrics) {
        this.events = events;
        this.tasks = tasks;
        this.dropped = Counter.builder("switchboard.routing.events.dropped")
                .description("routing.call.routed events not written because the queue was full")
                .register(metrics);
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        writer = Thread.ofPlatform().name("routing-decision-recorder").daemon().start(this::loop);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false; // the writer empties the queue and ends within a second or so
        if (writer != null) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Queues the event of a decision; never blocks. */
    public void routed(String tenantId, CallRouted routed) {
        if (!queue.offer(new Pending(tenantId, routed, Context.current()))) {
            dropped.increment();
            Log.warnf("The routing.call.routed event of call %s was dropped: the event queue is full", routed.callId());
        }
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = running ? queue.poll(1, TimeUnit.SECONDS) : queue.poll();
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                tasks.run(null, () -> store(batch)); // intercepted self-invocation: a transaction
                return;
            } catch (RuntimeException e) {
                if (attempt == 3 || !running) {
                    dropped.increment(batch.size());
                    Log.errorf(e, "%d routing.call.routed events could not be written", batch.size());
                    return;
                }
                Log.warnf("Writing %d routing.call.routed events failed, retrying: %s", batch.size(), e.toString());
                Thread.sleep(500L * attempt);
            }
        }
    }

    @Transactional
    void store(List<Pending> batch) {
        for (Pending pending : batch) {
            try (Scope scope = pending.trace().makeCurrent()) {
                events.emit(
                        EventTypes.ROUTING_CALL_ROUTED,
                        pending.tenantId(),
                        "call",
                        pending.routed().callId(),
                        pending.routed());
            }
        }
    }
}
