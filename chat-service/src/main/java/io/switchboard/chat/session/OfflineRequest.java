package io.switchboard.chat.session;

import java.util.UUID;

/** The offline form: who to answer and what they want. */
public record OfflineRequest(String name, String email, String phone, String message, UUID visitorId) {}
