package io.switchboard.commons.webhook;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A symmetric signing secret of the Standard Webhooks specification: 24 to 64 random bytes, shown to users as
 * {@code whsec_} followed by their base64 encoding. {@link #toString()} never reveals it.
 */
public final class WebhookSecret {

    public static final String PREFIX = "whsec_";
    public static final int MIN_BYTES = 24;
    public static final int MAX_BYTES = 64;
    /** The length of generated secrets: 256 bits, the HMAC-SHA256 block-size sweet spot. */
    public static final int GENERATED_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key.clone();
    }

    /** A new random secret. */
    public static WebhookSecret generate() {
        byte[] key = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(key);
        return new WebhookSecret(key);
    }

    /**
     * Reads a secret as users see it ({@code whsec_<base64>}); the prefix may be left out, as the specification's
     * libraries accept.
     *
     * @throws IllegalArgumentException naming what is wrong, without echoing the secret
     */
    public static WebhookSecret parse(String serialized) {
        if (serialized == null || serialized.isBlank()) {
            throw new IllegalArgumentException("the secret is empty");
        }
        String encoded = serialized.startsWith(PREFIX) ? serialized.substring(PREFIX.length()) : serialized;
        if (encoded.isBlank()) {
            throw new IllegalArgumentException("the secret is empty");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret must be " + PREFIX + " followed by base64");
        }
        return of(key);
    }

    /** A secret from its raw bytes (24 to 64 of them). */
    public static WebhookSecret of(byte[] key) {
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "the secret must decode to " + MIN_BYTES + " to " + MAX_BYTES + " bytes, not " + key.length);
        }
        return new WebhookSecret(key);
    }

    /** The HMAC key: the base64-decoded part of the serialized secret. */
    byte[] key() {
        return key.clone();
    }

    /** The form shown to users once and stored encrypted: {@code whsec_<base64>}. */
    public String serialized() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret secret && java.security.MessageDigest.isEqual(key, secret.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return PREFIX + "***";
    }
}
