package io.switchboard.webhook.delivery;

import static io.switchboard.webhook.support.Api.as;
import static io.switchboard.webhook.support.Api.subscription;
import static io.switchboard.webhook.support.Deliveries.WAIT;
import static io.switchboard.webhook.support.Deliveries.byMarker;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.commons.events.Topics;
import io.switchboard.webhook.support.Api;
import io.switchboard.webhook.support.Api.Created;
import io.switchboard.webhook.support.Db;
import io.switchboard.webhook.support.Deliveries;
import io.switchboard.webhook.support.Events;
import io.switchboard.webhook.support.Receiver;
import io.switchboard.webhook.support.SuperadminTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The retention job removes what is older than the retention period, and only that. */
@QuarkusTest
class RetentionTest extends SuperadminTest {

    @Inject
    DeliveryJobs jobs;

    @Test
    void finishedDeliveriesTheirMessagesAndExpiredSecretsAreRemovedAfterTheRetention() {
        String tenant = Api.newTenant("retention");
        try (Receiver receiver = Receiver.start()) {
            Created sub = Api.subscribe(superadmin, tenant, receiver.url("/"), "*");
            UUID id = UUID.fromString(sub.id());
            String marker = Api.marker();
            Events.publish(Topics.TELEPHONY_EVENTS, Events.callEnded(tenant, marker));
            String webhookId = receiver.await(byMarker(marker), 1, WAIT).get(0).webhookId();
            Deliveries.awaitDelivery(superadmin, tenant, sub.id(), webhookId, "succeeded");
            as(superadmin, tenant)
                    .body(Map.of("gracePeriod", "PT0S"))
                    .post(subscription(sub.id()) + "/secret/rotate")
                    .then()
                    .statusCode(200);
            assertThat(secrets(tenant, id)).isEqualTo(2);
            // the subscription (*) also receives its own events; let them all finish first
            receiver.await(r -> r.type().equals("webhook.subscription.secret_rotated"), 1, WAIT);
            Awaitility.await()
                    .atMost(WAIT)
                    .until(() -> Db.count(
                                    tenant,
                                    "select count(*) from delivery where subscription_id = ? and status = 'pending'",
                                    id)
                            == 0);

            jobs.purgeOlderThan(Instant.now().minus(Duration.ofDays(1)));
            assertThat(finishedDeliveries(tenant, id)).isPositive(); // younger than the cutoff: kept

            jobs.purgeOlderThan(Instant.now().plusSeconds(1));
            assertThat(finishedDeliveries(tenant, id)).isZero();
            assertThat(Db.count(
                            tenant,
                            "select count(*) from message m where m.tenant_id = ? and not exists"
                                    + " (select 1 from delivery d where d.message_id = m.id)",
                            tenant))
                    .isZero();
            assertThat(secrets(tenant, id)).isEqualTo(1);
            as(superadmin, tenant).get(subscription(sub.id())).then().statusCode(200);
        }
    }

    private static long finishedDeliveries(String tenant, UUID subscription) {
        // finished ones: a pending delivery (of the subscription's own webhook events, say) is never removed
        return Db.count(
                tenant,
                "select count(*) from delivery where subscription_id = ? and status <> 'pending'",
                subscription);
    }

    private static long secrets(String tenant, UUID subscription) {
        return Db.count(tenant, "select count(*) from subscription_secret where subscription_id = ?", subscription);
    }
}
