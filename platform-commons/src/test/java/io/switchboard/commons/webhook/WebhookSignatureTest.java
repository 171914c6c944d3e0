package io.switchboard.commons.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    // The published test vector of the Standard Webhooks libraries: github.com/standard-webhooks/standard-webhooks,
    // libraries/go/webhook_test.go TestWebhookSign (the same values in libraries/javascript/src/webhook.test.ts and
    // libraries/java/src/test/java/com/standardwebhooks/TestScenario.java), commit b2fa7b8719fb.
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsThePublishedTestVector() {
        WebhookSecret secret = WebhookSecret.parse(SPEC_SECRET);
        assertThat(WebhookSignature.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, List.of(secret)))
                .isEqualTo(SPEC_SIGNATURE);
        assertThat(WebhookSecret.parse(SPEC_SECRET.substring(WebhookSecret.PREFIX.length())))
                .isEqualTo(secret);
    }

    @Test
    void verifiesThePublishedTestVectorWithinTheTolerance() {
        WebhookSecret secret = WebhookSecret.parse(SPEC_SECRET);
        Instant signedAt = Instant.ofEpochSecond(SPEC_TIMESTAMP);
        assertThat(verify(SPEC_SIGNATURE, secret, signedAt.plusSeconds(299))).isEmpty();
        assertThat(verify(SPEC_SIGNATURE, secret, signedAt.plusSeconds(301)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("tolerance"));
        assertThat(verify("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLawdd", secret, signedAt))
                .isPresent();
        assertThat(verify("v2," + SPEC_SIGNATURE.substring(3), secret, signedAt))
                .isPresent();
        assertThat(verify(SPEC_SIGNATURE, WebhookSecret.generate(), signedAt)).isPresent();
    }

    @Test
    void severalLiveSecretsGiveSpaceSeparatedSignaturesEachVerifiable() {
        WebhookSecret current = WebhookSecret.generate();
        WebhookSecret previous = WebhookSecret.generate();
        Instant now = Instant.now();
        Map<String, String> headers = WebhookSignature.headers("msg_1", now, SPEC_BODY, List.of(current, previous));
        assertThat(headers)
                .containsEntry(WebhookSignature.HEADER_ID, "msg_1")
                .containsEntry(WebhookSignature.HEADER_TIMESTAMP, Long.toString(now.getEpochSecond()));
        String signature = headers.get(WebhookSignature.HEADER_SIGNATURE);
        assertThat(signature.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        for (WebhookSecret secret : List.of(current, previous)) {
            assertThat(WebhookSignature.verify(
                            "msg_1",
                            headers.get(WebhookSignature.HEADER_TIMESTAMP),
                            signature,
                            SPEC_BODY,
                            secret,
                            WebhookSignature.DEFAULT_TOLERANCE,
                            now))
                    .isEmpty();
        }
    }

    @Test
    void secretsAreGeneratedSerializedAndNeverPrinted() {
        WebhookSecret secret = WebhookSecret.generate();
        assertThat(secret.serialized()).startsWith("whsec_").hasSize("whsec_".length() + 44);
        assertThat(WebhookSecret.parse(secret.serialized())).isEqualTo(secret);
        assertThat(secret.toString()).isEqualTo("whsec_***");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_")).hasMessageContaining("empty");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ=")).hasMessageContaining("24 to 64 bytes");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_!!!")).hasMessageContaining("base64");
    }

    @Test
    void anIdWithADotCannotBeSigned() {
        assertThatThrownBy(
                        () -> WebhookSignature.sign("msg.1", 1L, SPEC_BODY, List.of(WebhookSecret.parse(SPEC_SECRET))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static java.util.Optional<String> verify(String signature, WebhookSecret secret, Instant now) {
        return WebhookSignature.verify(
                SPEC_ID,
                Long.toString(SPEC_TIMESTAMP),
                signature,
                SPEC_BODY,
                secret,
                WebhookSignature.DEFAULT_TOLERANCE,
                now);
    }
}
