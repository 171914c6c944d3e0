package io.switchboard.webhook.subscription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.commons.security.SecretCipher;
import io.switchboard.commons.webhook.WebhookSecret;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What a subscription keeps encrypted: its signing secrets and its custom headers (which often carry credentials).
 * Each value is bound to its subscription (and secret row), so it cannot be moved to another row.
 */
@ApplicationScoped
public class SubscriptionSecrets {

    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {};

    private final SecretCipher cipher;
    private final ObjectMapper mapper;

    public SubscriptionSecrets(SecretCipher cipher, ObjectMapper mapper) {
        this.cipher = cipher;
        this.mapper = mapper;
    }

    public String encryptSecret(UUID subscriptionId, UUID secretId, WebhookSecret secret) {
        return cipher.encrypt(secret.serialized(), secretContext(subscriptionId, secretId));
    }

    public WebhookSecret decryptSecret(UUID subscriptionId, UUID secretId, String stored) {
        return WebhookSecret.parse(cipher.decrypt(stored, secretContext(subscriptionId, secretId)));
    }

    /** Null for no headers. */
    public String encryptHeaders(UUID subscriptionId, Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        try {
            return cipher.encrypt(mapper.writeValueAsString(headers), "headers:" + subscriptionId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, String> decryptHeaders(UUID subscriptionId, String stored) {
        if (stored == null) {
            return Map.of();
        }
        try {
            return mapper.readValue(cipher.decrypt(stored, "headers:" + subscriptionId), HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored headers of subscription " + subscriptionId + " are unreadable", e);
        }
    }

    private static String secretContext(UUID subscriptionId, UUID secretId) {
        return "secret:" + subscriptionId + ":" + secretId;
    }
}
