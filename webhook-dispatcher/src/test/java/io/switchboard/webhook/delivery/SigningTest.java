package io.switchboard.webhook.delivery;

import static io.switchboard.webhook.support.Api.as;
import static io.switchboard.webhook.support.Api.subscription;
import static io.switchboard.webhook.support.Deliveries.WAIT;
import static io.switchboard.webhook.support.Deliveries.byMarker;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.commons.events.Topics;
import io.switchboard.webhook.support.Api;
import io.switchboard.webhook.support.Api.Created;
import io.switchboard.webhook.support.Events;
import io.switchboard.webhook.support.Receiver;
import io.switchboard.webhook.support.Receiver.Request;
import io.switchboard.webhook.support.SpecVerifier;
import io.switchboard.webhook.support.SuperadminTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets as a receiver experiences them: rotation with a grace period (two signatures), and a secret of its own. */
@QuarkusTest
class SigningTest extends SuperadminTest {

    @Test
    void duringARotationEveryWebhookCarriesASignaturePerLiveSecret() {
        String tenant = Api.newTenant("rotate");
        try (Receiver receiver = Receiver.start()) {
            Created sub = Api.subscribe(superadmin, tenant, receiver.url("/"), "*");
            String first = sub.secret();
            Request before = deliver(tenant, receiver);
            assertThat(signers(before, first)).containsExactly(first);
            assertThat(SpecVerifier.signatureCount(before)).isEqualTo(1);

            JsonPath rotated = rotate(tenant, sub.id(), "PT1H");
            String second = rotated.getString("secret");
            assertThat(second).startsWith("whsec_").isNotEqualTo(first);
            assertThat(Instant.parse(rotated.getString("previousSecretExpiresAt")))
                    .isAfter(Instant.now().plus(Duration.ofMinutes(55)));
            Request during = deliver(tenant, receiver);
            assertThat(SpecVerifier.signatureCount(during)).isEqualTo(2);
            assertThat(signers(during, first, second)).containsExactly(first, second);

            // Retiring the second at once: the first is still in its hour of grace, the third is current.
            String third = rotate(tenant, sub.id(), "PT0S").getString("secret");
            Request after = deliver(tenant, receiver);
            assertThat(SpecVerifier.signatureCount(after)).isEqualTo(2);
            assertThat(signers(after, first, second, third)).containsExactly(first, third);
        }
    }

    @Test
    void aSubscriberMayBringItsOwnSecret() {
        String tenant = Api.newTenant("own-secret");
        // the Standard Webhooks test-vector secret, as a receiver might already use with another provider
        String own = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        try (Receiver receiver = Receiver.start()) {
            Created sub = Api.subscribe(superadmin, tenant, Api.body(receiver.url("/"), List.of("*"), "secret", own));
            assertThat(sub.secret()).isEqualTo(own);
            assertThat(SpecVerifier.verifies(deliver(tenant, receiver), own)).isTrue();
        }
    }

    private static Request deliver(String tenant, Receiver receiver) {
        String marker = Api.marker();
        Events.publish(Topics.TELEPHONY_EVENTS, Events.callEnded(tenant, marker));
        return receiver.await(byMarker(marker), 1, WAIT).get(0);
    }

    private static List<String> signers(Request request, String... secrets) {
        return SpecVerifier.matchingSecrets(
                request.header("webhook-id"),
                request.header("webhook-timestamp"),
                request.header("webhook-signature"),
                request.body(),
                List.of(secrets),
                request.receivedAt());
    }

    private static JsonPath rotate(String tenant, String id, String grace) {
        return as(superadmin, tenant)
                .body(Map.of("gracePeriod", grace))
                .post(subscription(id) + "/secret/rotate")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
