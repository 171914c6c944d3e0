package io.switchboard.routing.did;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a DID takes calls: only {@code active} ones are routed; {@code pending} is a number being ported in. */
public enum DidStatus {
    ACTIVE,
    INACTIVE,
    PENDING;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DidStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
