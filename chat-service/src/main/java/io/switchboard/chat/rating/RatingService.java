package io.switchboard.chat.rating;

import io.switchboard.chat.ChatEvents;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.session.SessionRepository;
import io.switchboard.chat.session.SessionStatus;
import io.switchboard.chat.session.SessionView;
import io.switchboard.chat.widget.Widget;
import io.switchboard.chat.widget.WidgetService;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * The visitor's rating of a chat: once per session, only after it ended with an agent, within the rating window after
 * the end, when the widget asks for ratings. Stored on the session (so every session view shows it) and out as
 * {@code chat.session.rated}.
 */
@ApplicationScoped
public class RatingService {

    public static final int MAX_COMMENT = 1000;

    private final SessionRepository sessions;
    private final WidgetService widgets;
    private final ChatEvents events;
    private final ChatConfig config;

    public RatingService(SessionRepository sessions, WidgetService widgets, ChatEvents events, ChatConfig config) {
        this.sessions = sessions;
        this.widgets = widgets;
        this.events = events;
        this.config = config;
    }

    /** Rates the session; the caller checked the visitor's token for it and validated {@code rating} and comment. */
    @Transactional
    public SessionView rate(String tenantId, UUID sessionId, int rating, String comment, Instant now) {
        // the row lock serializes two ratings of one session: the second sees rated_at and gets 409
        ChatSession session = sessions.lock(tenantId, sessionId)
                .orElseThrow(() -> ProblemException.notFound("Session", sessionId.toString()));
        if (session.ratedAt != null) {
            throw refused("already_rated", "The chat was already rated");
        }
        if (session.status() != SessionStatus.ENDED || session.startedAt == null) {
            throw refused(
                    "session_not_ended",
                    session.isOver()
                            ? "Only a chat that an agent answered can be rated"
                            : "The chat can be rated once it has ended");
        }
        Widget widget = widgets.find(tenantId, session.widgetId).orElse(null);
        if (widget == null || !widget.config.behaviour().ratingEnabled()) {
            throw refused("rating_disabled", "This widget does not ask for ratings");
        }
        if (now.isAfter(session.endedAt.plus(config.ratingWindow()))) {
            throw refused(
                    "rating_window_closed",
                    "A chat can be rated within " + config.ratingWindow().toHours() + " hours of its end");
        }
        session.rating = (short) rating;
        session.ratingComment = comment;
        session.ratedAt = now;
        session.updatedAt = now;
        sessions.flush();
        SessionView view = SessionView.of(session, null);
        events.emit(EventTypes.CHAT_SESSION_RATED, tenantId, sessionId, view);
        return view;
    }

    private static ProblemException refused(String reason, String detail) {
        return new ProblemException(Problem.of(ProblemType.CONFLICT, detail).with("reason", reason));
    }
}
