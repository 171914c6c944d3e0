package io.switchboard.chat.session;

import io.switchboard.chat.message.MessageService;
import io.switchboard.commons.problem.Validation;

/** Checks of what visitors and agents write, shared by REST and WebSocket. */
public final class Validations {

    private Validations() {}

    public static void body(String body, String clientMessageId) {
        Validation validation = new Validation();
        if (body == null || body.isBlank()) {
            validation.add("body", "must not be blank");
        } else if (body.length() > MessageService.MAX_BODY) {
            validation.add("body", "must be at most " + MessageService.MAX_BODY + " characters");
        }
        if (clientMessageId != null && (clientMessageId.isBlank() || clientMessageId.length() > 100)) {
            validation.add("clientMessageId", "must be 1 to 100 characters");
        }
        validation.throwIfInvalid();
    }

    public static void upToSeq(Long upToSeq) {
        if (upToSeq == null || upToSeq < 0) {
            throw io.switchboard.commons.problem.ProblemException.invalid(
                    "upToSeq", "must be a sequence number (0 or more)");
        }
    }
}
