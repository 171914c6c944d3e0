package io.switchboard.chat.session;

import java.util.UUID;

/**
 * A visitor asks for a chat: the pre-chat form (name, e-mail, phone as the widget requires), the page, the browser's
 * visitor id (to connect the visitor's sessions; a new one when absent) and an optional first message.
 */
public record StartRequest(
        String name,
        String email,
        String phone,
        String currentUrl,
        String referrerUrl,
        UUID visitorId,
        String message) {}
