package io.switchboard.webhook.delivery;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why an attempt was made: the schedule, a replay someone asked for, or "send test event". */
public enum AttemptCause {
    SCHEDULED,
    REPLAY,
    TEST;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
