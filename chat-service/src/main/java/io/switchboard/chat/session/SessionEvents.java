package io.switchboard.chat.session;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The data of {@code chat.session.*} events: the session, and what happened to it. */
public final class SessionEvents {

    private SessionEvents() {}

    /**
     * {@code chat.session.assigned}: the session with its new agent; {@code how} is {@code automatic}, {@code manual}
     * (a supervisor), {@code accepted} (an agent took it from the queue) or {@code transfer}.
     */
    public record SessionAssigned(@JsonUnwrapped SessionView session, String how, String previousAgentId) {}

    /** {@code chat.session.ended} and {@code chat.session.abandoned}: the session with its timings, and who ended it. */
    public record SessionEnded(@JsonUnwrapped SessionView session, String endedBy) {}

    /**
     * {@code chat.session.offline_message}: what a visitor left while nobody could chat, with the text, so that the
     * helpdesk can open a ticket from it; {@code reason} is {@code offline_form} or {@code queue_timeout}.
     */
    public record OfflineMessage(
            UUID id,
            UUID widgetId,
            UUID sessionId,
            UUID visitorId,
            SessionView.Visitor visitor,
            String reason,
            List<Line> messages,
            Instant createdAt) {}

    /** One line the visitor wrote. */
    public record Line(Instant at, String body) {}
}
