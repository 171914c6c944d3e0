package io.switchboard.helpdesk.mailbox;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a mail server connection is protected: not at all, STARTTLS (required), or TLS from the first byte. */
public enum Security {
    NONE,
    STARTTLS,
    TLS;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Security of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
