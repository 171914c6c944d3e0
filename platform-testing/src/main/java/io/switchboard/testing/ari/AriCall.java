package io.switchboard.testing.ari;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One REST invocation as the ARI handlers see it: path variables, query parameters and the JSON body, with Asterisk's
 * parsing rules (integers as {@code atoi}, booleans as {@code ast_true}, multi-valued parameters repeated or
 * comma-separated).
 */
final class AriCall {

    private static final Set<String> TRUE = Set.of("yes", "true", "y", "t", "1", "on");

    final Map<String, String> pathVars;
    final Map<String, List<String>> query;
    final JsonNode body;

    AriCall(Map<String, String> pathVars, Map<String, List<String>> query, JsonNode body) {
        this.pathVars = pathVars;
        this.query = query;
        this.body = body;
    }

    String path(String name) {
        return pathVars.get(name);
    }

    /** A query parameter, or, if the body is a JSON object that has it, the body's value (the body wins). */
    String param(String name) {
        if (body != null && body.isObject() && body.has(name) && !body.get(name).isContainerNode()) {
            return body.get(name).asText();
        }
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    String param(String name, String fallback) {
        String value = param(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    int intParam(String name, int fallback) {
        String value = param(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        return atoi(value);
    }

    long longParam(String name, long fallback) {
        String value = param(name);
        return value == null || value.isEmpty() ? fallback : atoi(value);
    }

    boolean boolParam(String name) {
        String value = param(name);
        return value != null && TRUE.contains(value.strip().toLowerCase());
    }

    /** An allowMultiple parameter: every value, each split on commas. */
    List<String> multiParam(String name) {
        List<String> result = new ArrayList<>();
        List<String> values = query.getOrDefault(name, List.of());
        if (values.isEmpty() && body != null && body.isObject() && body.has(name)) {
            JsonNode node = body.get(name);
            if (node.isArray()) {
                node.forEach(n -> result.add(n.asText()));
                return result;
            }
            values = List.of(node.asText());
        }
        for (String value : values) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    result.add(part.strip());
                }
            }
        }
        return result;
    }

    /** The {@code variables} object of the body, if any. */
    ObjectNode variables() {
        if (body != null && body.isObject() && body.get("variables") instanceof ObjectNode variables) {
            return variables;
        }
        return null;
    }

    private static int atoi(String value) {
        String s = value.strip();
        int end = 0;
        if (end < s.length() && (s.charAt(end) == '-' || s.charAt(end) == '+')) {
            end++;
        }
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        try {
            return end == 0 || (end == 1 && !Character.isDigit(s.charAt(0)))
                    ? 0
                    : Integer.parseInt(s.substring(0, end));
        } catch (NumberFormatException overflow) {
            return 0;
        }
    }
}
