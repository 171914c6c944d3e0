package io.switchboard.helpdesk.ticket;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How urgent a ticket is; {@code medium} unless said otherwise. The ordinal is the sort rank. */
public enum TicketPriority {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TicketPriority of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
