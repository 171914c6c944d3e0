package io.switchboard.webhook.delivery;

import static io.switchboard.webhook.support.Api.as;
import static io.switchboard.webhook.support.Api.subscription;
import static io.switchboard.webhook.support.Deliveries.WAIT;
import static io.switchboard.webhook.support.Deliveries.markerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.commons.events.Topics;
import io.switchboard.testing.TestUsers.TestUser;
import io.switchboard.webhook.support.Api;
import io.switchboard.webhook.support.Api.Created;
import io.switchboard.webhook.support.Deliveries;
import io.switchboard.webhook.support.Events;
import io.switchboard.webhook.support.Receiver;
import io.switchboard.webhook.support.Receiver.Reply;
import io.switchboard.webhook.support.Receiver.Request;
import io.switchboard.webhook.support.SpecVerifier;
import io.switchboard.webhook.support.SuperadminTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delivery log: filters, pages, attempt details, replay of one or of all failed, and "send test event". */
@QuarkusTest
class DeliveryLogTest extends SuperadminTest {

    private static TestUser admin;
    private static String tenant;

    @BeforeEach
    void setUp() {
        if (admin == null) {
            tenant = Api.newTenant("log");
            admin = users.member(tenant, "tenant_admin");
            Events.registerTenant(tenant);
        }
    }

    @Test
    void theLogIsFilteredPagedAndFailedDeliveriesAreReplayed() {
        AtomicBoolean failTickets = new AtomicBoolean(true);
        try (Receiver receiver = Receiver.start()
                .answering(r -> failTickets.get() && r.type().equals("helpdesk.ticket.created")
                        ? Reply.status(500)
                        : Reply.ok())) {
            Created sub = Api.subscribe(admin, tenant, receiver.url("/"), "*");
            String path = subscription(sub.id());
            Instant start = Instant.now().minusSeconds(1);
            String batch = Api.marker();
            Events.publishCalls(tenant, batch + "-call", 3);
            for (int i = 0; i < 2; i++) {
                Events.publish(
                        Topics.HELPDESK_EVENTS,
                        Events.event(
                                "helpdesk.ticket.created",
                                tenant,
                                "ticket-" + i,
                                Map.of("marker", batch + "-ticket-" + i)));
            }
            receiver.await(r -> markerOf(r).startsWith(batch + "-call"), 3, WAIT);
            List<Request> failures = receiver.await(r -> markerOf(r).startsWith(batch + "-ticket"), 8, WAIT);
            Awaitility.await()
                    .atMost(WAIT)
                    .untilAsserted(() -> as(admin, tenant)
                            .get(path + "/deliveries?status=failed")
                            .then()
                            .body("totalItems", equalTo(2)));

            // (the subscription, for *, also received its own webhook.subscription.created)
            as(admin, tenant)
                    .get(path + "/deliveries?eventType=helpdesk.*")
                    .then()
                    .statusCode(200)
                    .body("totalItems", equalTo(2));
            as(admin, tenant)
                    .get(path + "/deliveries?status=failed")
                    .then()
                    .body("items.eventType", everyItem(equalTo("helpdesk.ticket.created")))
                    .body("items.attempts", everyItem(equalTo(4)))
                    .body("items.lastStatusCode", everyItem(equalTo(500)));
            as(admin, tenant)
                    .get(path + "/deliveries?eventType=telephony.*")
                    .then()
                    .body("totalItems", equalTo(3))
                    .body("items.status", everyItem(equalTo("succeeded")));
            as(admin, tenant)
                    .get(path + "/deliveries?eventType=helpdesk.ticket.*&status=succeeded")
                    .then()
                    .body("totalItems", equalTo(0));
            as(admin, tenant)
                    .get(path + "/deliveries?eventType=telephony.*&size=2&sort=-createdAt")
                    .then()
                    .body("items.size()", equalTo(2))
                    .body("totalItems", equalTo(3))
                    .body("totalPages", equalTo(2));
            as(admin, tenant)
                    .get(path + "/deliveries?eventType=telephony.*&size=2&page=1")
                    .then()
                    .body("items.size()", equalTo(1));
            as(admin, tenant)
                    .get(path + "/deliveries?since=" + Instant.now().plusSeconds(60))
                    .then()
                    .body("totalItems", equalTo(0));
            as(admin, tenant).get(path + "/deliveries?until=" + start).then().body("totalItems", equalTo(0));
            as(admin, tenant)
                    .get(path + "/deliveries?status=lost&eventType=Bad&since=yesterday")
                    .then()
                    .statusCode(400)
                    .body("errors.field", containsInAnyOrder("status", "eventType", "since"));

            as(admin, tenant)
                    .get(path + "/attempts?status=http_error")
                    .then()
                    .body("totalItems", equalTo(8))
                    .body("items.statusCode", everyItem(equalTo(500)));
            as(admin, tenant)
                    .get(path + "/attempts?status=succeeded&eventType=telephony.call.ended")
                    .then()
                    .body("totalItems", equalTo(3));

            String firstFailed = failures.get(0).webhookId();
            JsonPath failed = Deliveries.awaitDelivery(admin, tenant, sub.id(), firstFailed, "failed");
            JsonPath detail = as(admin, tenant)
                    .get(path + "/deliveries/" + failed.getString("id"))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(detail.getList("attemptLog.outcome")).containsOnly("http_error");
            assertThat(detail.getList("attemptLog.cause")).containsOnly("scheduled");
            assertThat(detail.getList("attemptLog.attempt", Integer.class)).containsExactly(1, 2, 3, 4);
            assertThat(detail.getList("attemptLog.responseSnippet")).containsOnly("status 500");
            assertThat(detail.getString("payload.type")).isEqualTo("helpdesk.ticket.created");

            failTickets.set(false);
            as(admin, tenant)
                    .post(path + "/deliveries/" + failed.getString("id") + "/replay")
                    .then()
                    .statusCode(202);
            Request replayed = receiver.await(r -> r.webhookId().equals(firstFailed), 5, WAIT)
                    .get(4);
            assertThat(SpecVerifier.verifies(replayed, sub.secret())).isTrue();
            Deliveries.awaitDelivery(admin, tenant, sub.id(), firstFailed, "succeeded");
            as(admin, tenant)
                    .get(path + "/deliveries/" + failed.getString("id"))
                    .then()
                    .body("attemptLog[4].cause", equalTo("replay"))
                    .body("attemptLog[4].statusCode", equalTo(200));

            as(admin, tenant)
                    .body(Map.of(
                            "since", start.toString(), "until", Instant.now().toString()))
                    .post(path + "/deliveries/replay")
                    .then()
                    .statusCode(202)
                    .body("replayed", equalTo(1));
            Awaitility.await()
                    .atMost(WAIT)
                    .untilAsserted(() -> as(admin, tenant)
                            .get(path + "/deliveries?eventType=helpdesk.*&status=succeeded")
                            .then()
                            .body("totalItems", equalTo(2)));
            as(admin, tenant)
                    .body(Map.of("until", "soon"))
                    .post(path + "/deliveries/replay")
                    .then()
                    .statusCode(400)
                    .body("errors.field", containsInAnyOrder("since", "until"));

            as(admin, tenant)
                    .contentType("application/merge-patch+json")
                    .body("{\"enabled\": false}")
                    .patch(path)
                    .then()
                    .statusCode(200);
            as(admin, tenant)
                    .post(path + "/deliveries/" + failed.getString("id") + "/replay")
                    .then()
                    .statusCode(409)
                    .body("type", equalTo("urn:switchboard:problem:conflict"));
        }
    }

    @Test
    void aTestEventIsSentAtOnceAndItsOutcomeReturned() {
        try (Receiver ok = Receiver.start();
                Receiver broken = Receiver.start().answering(Reply.status(503))) {
            Created good = Api.subscribe(admin, tenant, ok.url("/"), "tenant.tenant.updated");
            JsonPath result = as(admin, tenant)
                    .post(subscription(good.id()) + "/test")
                    .then()
                    .statusCode(200)
                    .body("delivered", equalTo(true))
                    .body("outcome", equalTo("succeeded"))
                    .body("statusCode", equalTo(200))
                    .extract()
                    .jsonPath();
            Request request = ok.requests().get(0);
            assertThat(request.type()).isEqualTo("webhook.test");
            assertThat(request.json().path("data").path("subscriptionId").asText())
                    .isEqualTo(good.id());
            assertThat(request.webhookId()).isEqualTo(result.getString("webhookId"));
            assertThat(SpecVerifier.verifies(request, good.secret())).isTrue();

            Created bad = Api.subscribe(admin, tenant, broken.url("/"), "tenant.tenant.updated");
            as(admin, tenant)
                    .post(subscription(bad.id()) + "/test")
                    .then()
                    .statusCode(200)
                    .body("delivered", equalTo(false))
                    .body("outcome", equalTo("http_error"))
                    .body("statusCode", equalTo(503))
                    .body("responseSnippet", equalTo("status 503"));
            // logged, not retried, and the subscription is untouched
            as(admin, tenant)
                    .get(subscription(bad.id()) + "/deliveries?eventType=webhook.test")
                    .then()
                    .body("totalItems", equalTo(1))
                    .body("items[0].status", equalTo("failed"));
            as(admin, tenant)
                    .get(subscription(bad.id()))
                    .then()
                    .body("enabled", equalTo(true))
                    .body("failingSince", equalTo(null));
            assertThat(broken.requests()).hasSize(1);
        }
    }
}
