package io.switchboard.webhook.messaging;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.switchboard.commons.events.CloudEventCodec;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.webhook.delivery.DeliveryDispatcher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes every domain topic and fans each event out to the matching subscriptions, a polled batch at a time, through
 * the idempotent-consumer guard: the deliveries and the processed-event records commit together, the Kafka offsets
 * only afterwards, and a redelivered event creates nothing. A failing database is retried rather than an event
 * skipped.
 */
@ApplicationScoped
public class FanOutConsumer {

    /** The channel of all domain topics (see application.properties); one consumer group, ordered per partition. */
    public static final String CHANNEL = "webhook-fanout";

    private final FanOutTransaction transaction;
    private final DeliveryDispatcher dispatcher;

    public FanOutConsumer(FanOutTransaction transaction, DeliveryDispatcher dispatcher) {
        this.transaction = transaction;
        this.dispatcher = dispatcher;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Retry(maxRetries = -1, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 1, durationUnit = ChronoUnit.HOURS)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void onEvents(ConsumerRecords<String, byte[]> records) {
        List<DomainEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                DomainEvent event = CloudEventCodec.fromRecord(record);
                if (!EventTypes.WEBHOOK_TEST.equals(event.type())) { // test events are sent on request only
                    events.add(event);
                }
            } catch (RuntimeException e) {
                Log.warnf(
                        "Skipping %s-%d@%d: not a CloudEvent (%s)",
                        record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }
        if (!events.isEmpty() && transaction.fanOut(events) > 0) {
            dispatcher.wake();
        }
    }
}
