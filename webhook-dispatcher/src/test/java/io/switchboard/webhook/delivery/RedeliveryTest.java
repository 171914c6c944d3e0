package io.switchboard.webhook.delivery;

import static io.switchboard.webhook.support.Deliveries.WAIT;
import static io.switchboard.webhook.support.Deliveries.byMarker;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.events.Topics;
import io.switchboard.webhook.support.Api;
import io.switchboard.webhook.support.Api.Created;
import io.switchboard.webhook.support.Db;
import io.switchboard.webhook.support.Events;
import io.switchboard.webhook.support.Receiver;
import io.switchboard.webhook.support.SuperadminTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * At-least-once from Kafka, once to the receiver: an event that Kafka delivers again is not sent again, and even with
 * its processed-event record gone it maps to the same delivery and webhook-id.
 */
@QuarkusTest
class RedeliveryTest extends SuperadminTest {

    @Test
    void anEventRedeliveredByKafkaIsSentOnceWithOneWebhookId() {
        String tenant = Api.newTenant("redeliver");
        try (Receiver receiver = Receiver.start()) {
            Created sub = Api.subscribe(superadmin, tenant, receiver.url("/"), "*");
            String marker = Api.marker();
            DomainEvent event =
                    Events.event("telephony.call.ended", tenant, "call-" + marker, Map.of("marker", marker));
            Events.publish(Topics.TELEPHONY_EVENTS, event);
            Events.publish(Topics.TELEPHONY_EVENTS, event); // what a producer retry or a relay replay looks like
            // same key, same partition: once the next event arrived, both copies were consumed before it
            String after = Api.marker();
            Events.publish(
                    Topics.TELEPHONY_EVENTS,
                    Events.event("telephony.call.ended", tenant, "call-" + marker, Map.of("marker", after)));
            receiver.await(byMarker(after), 1, WAIT);
            assertThat(receiver.matching(byMarker(marker))).hasSize(1);
            String webhookId = receiver.matching(byMarker(marker)).get(0).webhookId();

            // The second wall: forget that the event was processed, and deliver it again.
            assertThat(Db.execute(
                            null,
                            "delete from processed_event where consumer = 'webhook-fanout' and event_id = ?",
                            event.id()))
                    .isEqualTo(1);
            Events.publish(Topics.TELEPHONY_EVENTS, event);
            String last = Api.marker();
            Events.publish(
                    Topics.TELEPHONY_EVENTS,
                    Events.event("telephony.call.ended", tenant, "call-" + marker, Map.of("marker", last)));
            receiver.await(byMarker(last), 1, WAIT);
            assertThat(Db.count(null, "select count(*) from processed_event where event_id = ?", event.id()))
                    .isEqualTo(1);
            assertThat(receiver.matching(byMarker(marker))).hasSize(1);
            assertThat(Db.count(
                            tenant,
                            "select count(*) from delivery d join message m on m.id = d.message_id"
                                    + " where m.event_id = ? and d.subscription_id = ?::uuid",
                            event.id(),
                            sub.id()))
                    .isEqualTo(1);
            assertThat(WebhookIds.webhookId(WebhookIds.delivery(event.id(), java.util.UUID.fromString(sub.id()))))
                    .isEqualTo(webhookId);
        }
    }
}
