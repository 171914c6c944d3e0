package io.switchboard.chat.session;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a session is: waiting for an agent, in conversation, or over (ended, or left by the visitor while queued). */
public enum SessionStatus {
    QUEUED,
    ACTIVE,
    ENDED,
    ABANDONED;

    public boolean isOver() {
        return this == ENDED || this == ABANDONED;
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
