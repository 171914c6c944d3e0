package io.switchboard.commons.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing and verifying webhooks the Standard Webhooks way (https://www.standardwebhooks.com, symmetric scheme
 * {@code v1}): the signed content is {@code <webhook-id>.<webhook-timestamp>.<body>}, signed with HMAC-SHA256 under
 * the base64-decoded part of each live {@code whsec_} secret; {@code webhook-signature} lists one {@code v1,<base64>}
 * per secret, space-separated, so that a receiver keeps working while a secret is rotated.
 */
public final class WebhookSignature {

    public static final String HEADER_ID = "webhook-id";
    public static final String HEADER_TIMESTAMP = "webhook-timestamp";
    public static final String HEADER_SIGNATURE = "webhook-signature";
    /** The version tag of HMAC-SHA256 signatures. */
    public static final String VERSION = "v1";
    /** How far a receiver lets {@code webhook-timestamp} drift from its clock, as the specification's libraries do. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String HMAC = "HmacSHA256";

    private WebhookSignature() {}

    /** The {@code webhook-signature} value: one {@code v1,<base64>} per secret, in the order given. */
    public static String sign(String webhookId, long timestamp, byte[] body, List<WebhookSecret> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is needed to sign");
        }
        byte[] content = signedContent(webhookId, timestamp, body);
        List<String> signatures = new ArrayList<>(secrets.size());
        for (WebhookSecret secret : secrets) {
            signatures.add(VERSION + "," + Base64.getEncoder().encodeToString(hmac(secret.key(), content)));
        }
        return String.join(" ", signatures);
    }

    /** The three Standard Webhooks headers of one attempt, in the order the specification lists them. */
    public static Map<String, String> headers(
            String webhookId, Instant attemptTime, byte[] body, List<WebhookSecret> secrets) {
        long timestamp = attemptTime.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HEADER_ID, webhookId);
        headers.put(HEADER_TIMESTAMP, Long.toString(timestamp));
        headers.put(HEADER_SIGNATURE, sign(webhookId, timestamp, body, secrets));
        return headers;
    }

    /**
     * Checks a received webhook: the timestamp within {@code tolerance} of {@code now} and at least one {@code v1}
     * signature made with {@code secret} (compared in constant time).
     *
     * @return empty when valid, otherwise why not
     */
    public static Optional<String> verify(
            String webhookId,
            String timestampHeader,
            String signatureHeader,
            byte[] body,
            WebhookSecret secret,
            Duration tolerance,
            Instant now) {
        if (webhookId == null || timestampHeader == null || signatureHeader == null) {
            return Optional.of("missing " + HEADER_ID + ", " + HEADER_TIMESTAMP + " or " + HEADER_SIGNATURE);
        }
        if (webhookId.contains(".")) {
            return Optional.of(HEADER_ID + " must not contain '.'");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return Optional.of(HEADER_TIMESTAMP + " is not a unix timestamp");
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return Optional.of(HEADER_TIMESTAMP + " is outside the tolerance of " + tolerance);
        }
        byte[] expected = hmac(secret.key(), signedContent(webhookId, timestamp, body));
        for (String candidate : signatureHeader.trim().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !VERSION.equals(candidate.substring(0, comma))) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return Optional.empty();
            }
        }
        return Optional.of("no " + VERSION + " signature matches the secret");
    }

    private static byte[] signedContent(String webhookId, long timestamp, byte[] body) {
        if (webhookId.contains(".")) {
            throw new IllegalArgumentException("a webhook id must not contain '.'");
        }
        byte[] prefix = (webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return content;
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(content);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
