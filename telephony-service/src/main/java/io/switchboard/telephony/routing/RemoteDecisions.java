package io.switchboard.telephony.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.telephony.ara.AraNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads the {@code action} of a routing-service decision into a {@link RoutingDecision}, and refuses what the call's
 * tenant may not use: an endpoint, trunk, queue, mailbox or recording of another tenant is an invalid decision, never a
 * call into someone else's phones. Queue names are the tenant's own ({@code sales}); endpoint and trunk ids are the
 * Asterisk ids telephony-service's API shows ({@code acme-corp-1001}).
 */
final class RemoteDecisions {

    /** How deep fall-backs and menu options may nest; deeper is a loop in the routing configuration. */
    static final int MAX_DEPTH = 16;

    private static final Pattern QUEUE = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9*#]{1,32}");
    private static final Pattern KEY = Pattern.compile("[0-9*#]");
    private static final Pattern SOUND = Pattern.compile("[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*");
    private static final Pattern PLAIN_MEDIA = Pattern.compile("(?:tone|digits|number|characters):[A-Za-z0-9*#+,.-]+");

    private static final Pattern RECORDING = Pattern.compile("-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}");

    private final String tenantId;
    private final Duration defaultRingTimeout;
    private final Predicate<String> ownExtension;
    private final Predicate<String> ownTrunk;

    /**
     * Reads decisions for calls of {@code tenantId}; {@code ownExtension} and {@code ownTrunk} say whether an Asterisk
     * endpoint id is one of the tenant's extensions or trunks (prefixes alone cannot: {@code acme-corp-1001} starts
     * with tenant {@code acme}'s prefix).
     */
    RemoteDecisions(
            String tenantId, Duration defaultRingTimeout, Predicate<String> ownExtension, Predicate<String> ownTrunk) {
        this.tenantId = tenantId;
        this.defaultRingTimeout = defaultRingTimeout;
        this.ownExtension = ownExtension;
        this.ownTrunk = ownTrunk;
    }

    /** A decision routing-service returned that telephony-service will not execute; the message says where. */
    static final class InvalidDecisionException extends RuntimeException {
        InvalidDecisionException(String message) {
            super(message);
        }
    }

    RoutingDecision read(JsonNode action) {
        return read(action, "action", 0);
    }

    private RoutingDecision read(JsonNode node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw invalid(path, "nests deeper than " + MAX_DEPTH + " decisions");
        }
        if (node == null || !node.isObject()) {
            throw invalid(path, "must be an object");
        }
        String type = text(node, path, "type");
        return switch (type) {
            case "endpoint" ->
                new RoutingDecision.DialEndpoint(
                        own(node, path, "endpointId", ownExtension, "extension"),
                        ringTimeout(node, path),
                        optional(node, path, "onNoAnswer", depth));
            case "external" ->
                new RoutingDecision.External(
                        matching(node, path, "number", NUMBER),
                        own(node, path, "trunkEndpointId", ownTrunk, "trunk"),
                        ringTimeout(node, path),
                        optional(node, path, "onNoAnswer", depth));
            case "queue" ->
                new RoutingDecision.Queue(
                        AraNames.queue(tenantId, matching(node, path, "queueName", QUEUE)),
                        Duration.ofSeconds(wholeNumber(node, path, "maxWaitSeconds", 0, 0, 86_400)),
                        optional(node, path, "onOverflow", depth));
            case "ivr" -> ivr(node, path, depth);
            case "voicemail" -> new RoutingDecision.Voicemail(mailbox(node, path));
            case "hangup" ->
                new RoutingDecision.Hangup(
                        (int) wholeNumber(node, path, "cause", 16, 1, 127),
                        node.hasNonNull("announcement")
                                ? media(node.get("announcement"), path + ".announcement")
                                : null);
            default -> throw invalid(path + ".type", "is not one of endpoint, external, queue, ivr, voicemail, hangup");
        };
    }

    private RoutingDecision.Ivr ivr(JsonNode node, String path, int depth) {
        Map<String, RoutingDecision> options = new LinkedHashMap<>();
        JsonNode given = node.path("options");
        if (!given.isMissingNode() && !given.isNull() && !given.isObject()) {
            throw invalid(path + ".options", "must map keys to decisions");
        }
        for (Map.Entry<String, JsonNode> option : given.properties()) {
            String where = path + ".options." + option.getKey();
            if (!KEY.matcher(option.getKey()).matches()) {
                throw invalid(where, "is not a key of a phone (0-9, *, #)");
            }
            options.put(option.getKey(), read(option.getValue(), where, depth + 1));
        }
        RoutingDecision onFailure = optional(node, path, "onFailure", depth);
        return new RoutingDecision.Ivr(
                text(node, path, "menuId"),
                mediaList(node.get("greeting"), path + ".greeting"),
                options,
                Duration.ofSeconds(wholeNumber(node, path, "timeoutSeconds", 5, 1, 60)),
                (int) wholeNumber(node, path, "maxRetries", 2, 0, 10),
                mediaList(node.get("invalidPrompt"), path + ".invalidPrompt"),
                onFailure != null ? onFailure : new RoutingDecision.Hangup(16, null),
                node.path("directDial").asBoolean(false));
    }

    private RoutingDecision optional(JsonNode node, String path, String field, int depth) {
        JsonNode next = node.get(field);
        return next == null || next.isNull() ? null : read(next, path + "." + field, depth + 1);
    }

    private Duration ringTimeout(JsonNode node, String path) {
        return node.hasNonNull("ringTimeoutSeconds")
                ? Duration.ofSeconds(wholeNumber(node, path, "ringTimeoutSeconds", 0, 1, 600))
                : defaultRingTimeout;
    }

    /** The endpoint id of one of the tenant's extensions or trunks. */
    private String own(JsonNode node, String path, String field, Predicate<String> owned, String kind) {
        String id = text(node, path, field);
        if (!AraNames.belongsTo(id, tenantId) || !owned.test(id)) {
            throw invalid(path + "." + field, "is not the endpoint of a " + kind + " of tenant " + tenantId);
        }
        return id;
    }

    /** {@code 1001@acme-corp}, or {@code 1001} in the tenant's voicemail context. */
    private String mailbox(JsonNode node, String path) {
        String mailbox = text(node, path, "mailbox");
        String context = AraNames.voicemailContext(tenantId);
        String box = mailbox.endsWith("@" + context)
                ? mailbox.substring(0, mailbox.length() - context.length() - 1)
                : mailbox;
        if (!box.matches("[0-9]{1,20}")) {
            throw invalid(path + ".mailbox", "is not a mailbox of tenant " + tenantId);
        }
        return box + "@" + context;
    }

    private List<String> mediaList(JsonNode node, String path) {
        List<String> media = new ArrayList<>();
        if (node == null || node.isNull()) {
            return media;
        }
        if (node.isTextual()) {
            media.add(media(node, path));
            return media;
        }
        if (!node.isArray()) {
            throw invalid(path, "must be a media URI or a list of them");
        }
        for (int i = 0; i < node.size(); i++) {
            media.add(media(node.get(i), path + "[" + i + "]"));
        }
        return media;
    }

    /**
     * An ARI media URI the tenant may play: Asterisk's sounds, tones and spoken digits, the tenant's own recordings
     * ({@code recording:acme-corp-<call id>}) and sounds ({@code sound:custom/acme-corp/...}).
     */
    private String media(JsonNode node, String path) {
        String uri = node.isTextual() ? node.asText() : "";
        boolean allowed;
        if (uri.startsWith("sound:")) {
            String sound = uri.substring("sound:".length());
            allowed = SOUND.matcher(sound).matches()
                    && (!sound.startsWith("custom/") || sound.startsWith("custom/" + tenantId + "/"));
        } else if (uri.startsWith("recording:")) {
            String recording = uri.substring("recording:".length());
            allowed = recording.startsWith(tenantId)
                    && RECORDING.matcher(recording.substring(tenantId.length())).matches();
        } else {
            allowed = PLAIN_MEDIA.matcher(uri).matches();
        }
        if (!allowed) {
            throw invalid(path, "is not a media URI tenant " + tenantId + " may play");
        }
        return uri;
    }

    private static String text(JsonNode node, String path, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid(path + "." + field, "is required");
        }
        return value.asText();
    }

    private static String matching(JsonNode node, String path, String field, Pattern pattern) {
        String value = text(node, path, field);
        if (!pattern.matcher(value).matches()) {
            throw invalid(path + "." + field, "is not valid: " + value);
        }
        return value;
    }

    private static long wholeNumber(JsonNode node, String path, String field, long absent, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw invalid(path + "." + field, "must be a whole number from " + min + " to " + max);
        }
        return value.asLong();
    }

    private static InvalidDecisionException invalid(String path, String problem) {
        return new InvalidDecisionException(path + " " + problem);
    }
}
