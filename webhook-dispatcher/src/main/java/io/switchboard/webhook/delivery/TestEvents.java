package io.switchboard.webhook.delivery;

import io.switchboard.webhook.delivery.DeliveryViews.TestResult;
import io.switchboard.webhook.http.HttpAttempt;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * "Send test event": a {@code webhook.test} delivery sent at once, outside the schedule, whose single attempt is
 * recorded in the log and returned. It is not retried and never changes the subscription's state.
 */
@ApplicationScoped
public class TestEvents {

    private final DeliveryService service;
    private final DeliverySender sender;

    public TestEvents(DeliveryService service, DeliverySender sender) {
        this.service = service;
        this.sender = sender;
    }

    /** Blocking for up to the HTTP timeout. */
    public TestResult send(String scope, UUID subscriptionId, String actor) {
        DueDelivery delivery = service.prepareTest(scope, subscriptionId, actor);
        HttpAttempt attempt = sender.send(delivery);
        service.record(delivery, attempt, AttemptCause.TEST);
        return new TestResult(
                delivery.id(),
                delivery.webhookId(),
                attempt.succeeded(),
                attempt.outcome(),
                attempt.statusCode(),
                attempt.durationMs(),
                attempt.responseSnippet(),
                attempt.error());
    }
}
