package io.switchboard.helpdesk.sla;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a ticket stands against its SLA. */
public enum SlaState {
    /** Running, no warning yet. */
    ACTIVE,
    /** Past the warning fraction of a target still open. */
    WARNING,
    /** A target was missed (it stays missed). */
    BREACHED,
    /** Every target reached in time. */
    MET,
    /** Pending on the customer: the clock stands still. */
    PAUSED;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SlaState of(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
