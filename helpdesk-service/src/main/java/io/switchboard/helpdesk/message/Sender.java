package io.switchboard.helpdesk.message;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who wrote a message: an agent of the tenant, or the ticket's requester (recorded by an agent, or by e-mail later). */
public enum Sender {
    AGENT,
    REQUESTER;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Sender of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
