package io.switchboard.helpdesk.ticket;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a ticket came from. */
public enum TicketSource {
    API,
    EMAIL,
    CHAT,
    CALL;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TicketSource of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
