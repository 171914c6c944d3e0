package io.switchboard.chat.session;

import java.util.List;
import java.util.UUID;

/** What a session list is narrowed to; null or empty means any. */
public record SessionFilter(List<SessionStatus> statuses, String assignedTo, UUID widgetId, UUID visitorId) {}
