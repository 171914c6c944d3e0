package io.switchboard.routing.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * What a tenant's system answered to a webhook route: {@code {"action": "route|hangup|voicemail", "target": ...,
 * "message": ...}}. {@code route} names an extension number, a queue name or a menu id; {@code voicemail} a mailbox
 * number; {@code hangup} needs no target. {@code message} is kept in the webhook log.
 */
public record WebhookAnswer(String action, String target, String message) {

    public static final String ROUTE = "route";
    public static final String HANGUP = "hangup";
    public static final String VOICEMAIL = "voicemail";
    private static final Set<String> ACTIONS = Set.of(ROUTE, HANGUP, VOICEMAIL);

    /** The answer in a response body, or why the body is not a valid answer. */
    public static Optional<WebhookAnswer> read(JsonNode body, StringBuilder problem) {
        if (body == null || !body.isObject()) {
            problem.append("the answer is not a JSON object");
            return Optional.empty();
        }
        JsonNode action = body.get("action");
        if (action == null || !action.isTextual() || !ACTIONS.contains(action.asText())) {
            problem.append("action must be one of route, hangup, voicemail");
            return Optional.empty();
        }
        JsonNode target = body.get("target");
        if (target != null
                && !target.isNull()
                && (!target.isTextual() || target.asText().length() > 200)) {
            problem.append("target must be a string of at most 200 characters");
            return Optional.empty();
        }
        String targetText =
                target == null || target.isNull() ? null : target.asText().strip();
        if (!action.asText().equals(HANGUP) && (targetText == null || targetText.isEmpty())) {
            problem.append("target is required for ").append(action.asText());
            return Optional.empty();
        }
        JsonNode message = body.get("message");
        if (message != null
                && !message.isNull()
                && (!message.isTextual() || message.asText().length() > 500)) {
            problem.append("message must be a string of at most 500 characters");
            return Optional.empty();
        }
        return Optional.of(new WebhookAnswer(
                action.asText(), targetText, message == null || message.isNull() ? null : message.asText()));
    }
}
