package io.switchboard.chat.session;

import java.util.List;
import java.util.UUID;

/**
 * What a session list is narrowed to; null or empty means any. {@code visitorEmail} matches the e-mail the visitor gave,
 * whatever its case: a contact's history across browsers and widgets.
 */
public record SessionFilter(
        List<SessionStatus> statuses, String assignedTo, UUID widgetId, UUID visitorId, String visitorEmail) {

    public SessionFilter(List<SessionStatus> statuses, String assignedTo, UUID widgetId, UUID visitorId) {
        this(statuses, assignedTo, widgetId, visitorId, null);
    }
}
