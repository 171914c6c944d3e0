package io.switchboard.chat.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.chat.config.ChatConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, self-contained tokens that need no Keycloak: a visitor's session token (for its REST calls and WebSocket) and
 * an agent's short-lived socket ticket (browsers cannot send an Authorization header when they open a WebSocket). The
 * format is {@code base64url(json).base64url(HMAC-SHA256)}, verified in constant time; every replica shares the key.
 */
@ApplicationScoped
public class ChatTokens {

    /** What a visitor token says: the tenant, widget, session and visitor it was issued for, and until when. */
    public record VisitorClaims(
            String kind, String tenantId, UUID widgetId, UUID sessionId, UUID visitorId, long exp) {}

    /** What an agent ticket says: the tenant and user it was issued to, the user's name, and until when. */
    public record AgentClaims(String kind, String tenantId, String userId, String name, long exp) {}

    private static final String VISITOR = "visitor";
    private static final String AGENT = "agent";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final ObjectMapper mapper;
    private final ChatConfig config;
    private final byte[] key;

    public ChatTokens(ObjectMapper mapper, ChatConfig config) {
        this.mapper = mapper;
        this.config = config;
        this.key = Base64.getDecoder().decode(config.tokenKey().strip());
        if (key.length < 32) {
            throw new IllegalStateException("switchboard.chat.token-key must be at least 32 bytes (base64)");
        }
    }

    public String visitorToken(String tenantId, UUID widgetId, UUID sessionId, UUID visitorId) {
        long exp = Instant.now().plus(config.visitorTokenTtl()).getEpochSecond();
        return sign(new VisitorClaims(VISITOR, tenantId, widgetId, sessionId, visitorId, exp));
    }

    public String agentTicket(String tenantId, String userId, String name) {
        long exp = Instant.now().plus(config.agentTicketTtl()).getEpochSecond();
        return sign(new AgentClaims(AGENT, tenantId, userId, name, exp));
    }

    public Optional<VisitorClaims> verifyVisitor(String token) {
        return verify(token, VisitorClaims.class).filter(c -> VISITOR.equals(c.kind()) && !expired(c.exp()));
    }

    public Optional<AgentClaims> verifyAgent(String token) {
        return verify(token, AgentClaims.class).filter(c -> AGENT.equals(c.kind()) && !expired(c.exp()));
    }

    private static boolean expired(long exp) {
        return Instant.now().getEpochSecond() >= exp;
    }

    private String sign(Object claims) {
        try {
            String payload = ENCODER.encodeToString(mapper.writeValueAsBytes(claims));
            return payload + "." + ENCODER.encodeToString(mac(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> Optional<T> verify(String token, Class<T> type) {
        if (token == null || token.length() > 4096) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            byte[] given = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(payload))) {
                return Optional.empty();
            }
            return Optional.of(mapper.readValue(DECODER.decode(payload), type));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
