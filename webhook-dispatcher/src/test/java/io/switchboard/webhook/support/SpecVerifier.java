package io.switchboard.webhook.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver's verification, written for the tests from the text of the Standard Webhooks specification
 * (github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md, "Signature scheme", "Webhook headers" and
 * "Verifying signatures"), independently of the code under test:
 *
 * <ul>
 *   <li>the signed content is {@code msg_id.timestamp.payload}, the raw body as received;
 *   <li>symmetric secrets are {@code whsec_} + base64; the HMAC-SHA256 key is the decoded base64 part;
 *   <li>{@code webhook-signature} is a space-delimited list of {@code <version>,<base64 signature>}, {@code v1} for
 *       HMAC-SHA256; a receiver tries each until one matches, comparing in constant time;
 *   <li>{@code webhook-timestamp} is integer unix seconds and must be within a tolerance of now (5 minutes here).
 * </ul>
 */
public final class SpecVerifier {

    private static final long TOLERANCE_SECONDS = 5 * 60;

    private SpecVerifier() {}

    /** The secrets (as given) whose {@code v1} signature is in the header, in the order given; empty if none. */
    public static List<String> matchingSecrets(
            String msgId, String timestamp, String signatureHeader, byte[] payload, List<String> secrets, Instant now) {
        List<String> matching = new ArrayList<>();
        if (msgId == null || timestamp == null || signatureHeader == null) {
            return matching;
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return matching;
        }
        if (Math.abs(now.getEpochSecond() - sentAt) > TOLERANCE_SECONDS) {
            return matching;
        }
        for (String secret : secrets) {
            byte[] expected = hmacSha256(
                    Base64.getDecoder().decode(secret.substring("whsec_".length())),
                    (msgId + "." + timestamp + "." + new String(payload, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8));
            for (String versioned : signatureHeader.split(" ")) {
                String[] parts = versioned.split(",", 2);
                if (parts.length == 2
                        && parts[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    matching.add(secret);
                    break;
                }
            }
        }
        return matching;
    }

    /** Whether a received request verifies with {@code secret}, at the time it was received. */
    public static boolean verifies(Receiver.Request request, String secret) {
        return !matchingSecrets(
                        request.header("webhook-id"),
                        request.header("webhook-timestamp"),
                        request.header("webhook-signature"),
                        request.body(),
                        List.of(secret),
                        request.receivedAt())
                .isEmpty();
    }

    /** The number of signatures in a {@code webhook-signature} header. */
    public static int signatureCount(Receiver.Request request) {
        return request.header("webhook-signature").trim().split(" ").length;
    }

    private static byte[] hmacSha256(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
