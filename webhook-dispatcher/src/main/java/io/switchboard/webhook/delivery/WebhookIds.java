package io.switchboard.webhook.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Ids derived from what they identify rather than drawn at random, so that the same event reaching the dispatcher
 * again (a Kafka redelivery, a consumer restarted without its offsets) maps to the same message and delivery rows, and
 * so to the same {@code webhook-id}: receivers deduplicate on it. Name-based UUIDs (RFC 9562 version 8 carrying the
 * first 122 bits of a SHA-256).
 */
public final class WebhookIds {

    private static final String PREFIX = "msg_";

    private WebhookIds() {}

    /** The message of an event in one scope (a tenant, or the platform). */
    public static UUID message(String scope, String eventId) {
        return nameBased("message", scope, eventId);
    }

    /** The delivery of an event to one subscription. */
    public static UUID delivery(String eventId, UUID subscriptionId) {
        return nameBased("delivery", eventId, subscriptionId.toString());
    }

    /** {@code webhook-id}: {@code msg_} and the delivery id's 32 hex digits (no '.', as the signature requires). */
    public static String webhookId(UUID deliveryId) {
        return PREFIX + deliveryId.toString().replace("-", "");
    }

    /** The delivery id inside a webhook id, if it is one of ours. */
    public static Optional<UUID> deliveryOf(String webhookId) {
        if (webhookId == null || !webhookId.startsWith(PREFIX) || webhookId.length() != PREFIX.length() + 32) {
            return Optional.empty();
        }
        try {
            byte[] bytes = HexFormat.of().parseHex(webhookId.substring(PREFIX.length()));
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return Optional.of(new UUID(buffer.getLong(), buffer.getLong()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static UUID nameBased(String kind, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kind.getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                sha.update((byte) 0);
                sha.update(part.getBytes(StandardCharsets.UTF_8));
            }
            ByteBuffer hash = ByteBuffer.wrap(sha.digest());
            long high = (hash.getLong() & ~0xF000L) | 0x8000L; // version 8
            long low = (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
            return new UUID(high, low);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
