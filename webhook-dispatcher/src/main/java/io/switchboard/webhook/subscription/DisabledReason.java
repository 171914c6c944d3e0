package io.switchboard.webhook.subscription;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a subscription is disabled. */
public enum DisabledReason {
    /** Someone with webhooks:manage switched it off. */
    MANUAL,
    /** The endpoint answered 410 Gone. */
    GONE,
    /** Every attempt failed for longer than the configured window. */
    FAILING;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DisabledReason of(String value) {
        return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
