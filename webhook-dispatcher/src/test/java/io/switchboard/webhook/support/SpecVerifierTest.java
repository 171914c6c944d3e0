package io.switchboard.webhook.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.commons.webhook.WebhookSecret;
import io.switchboard.commons.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tests' independent receiver-side verifier is right: it accepts the specification's published test vector and
 * rejects tampering, so a delivery it accepts is signed the Standard Webhooks way.
 */
class SpecVerifierTest {

    // Published test vector of the Standard Webhooks reference libraries (github.com/standard-webhooks/
    // standard-webhooks at b2fa7b8719fb: libraries/go/webhook_test.go TestWebhookSign, the same values in
    // libraries/javascript/src/webhook.test.ts and libraries/java/.../TestScenario.java).
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TIMESTAMP = "1614265330";
    private static final byte[] PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final Instant SIGNED_AT = Instant.ofEpochSecond(1614265330L);

    @Test
    void acceptsThePublishedTestVector() {
        assertThat(SpecVerifier.matchingSecrets(MSG_ID, TIMESTAMP, SIGNATURE, PAYLOAD, List.of(SECRET), SIGNED_AT))
                .containsExactly(SECRET);
    }

    @Test
    void rejectsAChangedBodyIdTimestampOrSecretAndAStaleTimestamp() {
        byte[] changed = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertThat(SpecVerifier.matchingSecrets(MSG_ID, TIMESTAMP, SIGNATURE, changed, List.of(SECRET), SIGNED_AT))
                .isEmpty();
        assertThat(SpecVerifier.matchingSecrets("msg_other", TIMESTAMP, SIGNATURE, PAYLOAD, List.of(SECRET), SIGNED_AT))
                .isEmpty();
        assertThat(SpecVerifier.matchingSecrets(MSG_ID, "1614265331", SIGNATURE, PAYLOAD, List.of(SECRET), SIGNED_AT))
                .isEmpty();
        assertThat(SpecVerifier.matchingSecrets(
                        MSG_ID,
                        TIMESTAMP,
                        SIGNATURE,
                        PAYLOAD,
                        List.of(WebhookSecret.generate().serialized()),
                        SIGNED_AT))
                .isEmpty();
        assertThat(SpecVerifier.matchingSecrets(
                        MSG_ID, TIMESTAMP, SIGNATURE, PAYLOAD, List.of(SECRET), SIGNED_AT.plusSeconds(301)))
                .isEmpty();
    }

    @Test
    void findsEachSecretOfASpaceSeparatedRotationHeader() {
        String previous = WebhookSecret.generate().serialized();
        String current = WebhookSecret.generate().serialized();
        Instant now = Instant.now();
        Map<String, String> headers = WebhookSignature.headers(
                "msg_rotation", now, PAYLOAD, List.of(WebhookSecret.parse(current), WebhookSecret.parse(previous)));
        assertThat(SpecVerifier.matchingSecrets(
                        headers.get("webhook-id"),
                        headers.get("webhook-timestamp"),
                        headers.get("webhook-signature"),
                        PAYLOAD,
                        List.of(previous, current, WebhookSecret.generate().serialized()),
                        now))
                .containsExactly(previous, current);
    }
}
