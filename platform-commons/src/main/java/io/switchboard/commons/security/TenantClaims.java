package io.switchboard.commons.security;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Parses the {@code tenants} claim that Keycloak puts in access tokens from the user attribute tenant-service
 * maintains: {@code {"acme-corp": {"roles": ["agent"], "grants": ["cdr:read"], "revokes": []}}}. Malformed parts are
 * ignored rather than trusted.
 */
public final class TenantClaims {

    public static final String CLAIM = "tenants";

    private TenantClaims() {}

    public static Map<String, Membership> parse(Object claim) {
        JsonObject object = toJsonObject(claim);
        if (object == null) {
            return Map.of();
        }
        Map<String, Membership> result = new HashMap<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            if (!(entry.getValue() instanceof JsonObject membership)) {
                continue;
            }
            Set<String> roles = strings(membership.get("roles"));
            roles.retainAll(Roles.TENANT_ROLES);
            result.put(
                    entry.getKey(),
                    new Membership(roles, strings(membership.get("grants")), strings(membership.get("revokes"))));
        }
        return result;
    }

    private static JsonObject toJsonObject(Object claim) {
        if (claim instanceof JsonObject object) {
            return object;
        }
        String text = claim instanceof JsonString s ? s.getString() : claim instanceof String s ? s : null;
        if (text == null || text.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue() instanceof JsonObject object ? object : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Set<String> strings(JsonValue value) {
        Set<String> result = new LinkedHashSet<>();
        if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item instanceof JsonString s) {
                    result.add(s.getString());
                }
            }
        }
        return result;
    }
}
