package io.switchboard.webhook.delivery;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a delivery stands: waiting for its next attempt, delivered, or given up. */
public enum DeliveryStatus {
    PENDING,
    SUCCEEDED,
    FAILED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the allowed values */
    public static DeliveryStatus of(String value) {
        for (DeliveryStatus status : values()) {
            if (status.value().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("must be one of pending, succeeded, failed");
    }
}
