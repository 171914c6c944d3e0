package io.switchboard.routing.webhook;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a webhook routing request ended; every outcome but {@code answered} sends the call to the DID's fallback. */
public enum WebhookOutcome {
    /** A valid answer that routes the call. */
    ANSWERED,
    /** No complete answer within the route's timeout. */
    TIMEOUT,
    /** An HTTP status other than 2xx. */
    HTTP_ERROR,
    /** A 2xx answer that is not valid JSON of the expected shape, or names a target the tenant does not have. */
    INVALID_ANSWER,
    /** The connection failed. */
    UNREACHABLE,
    /** The URL resolves to an address webhooks may not reach (checked at every request). */
    REFUSED,
    /** The DID has no readable signing secret, so nothing is sent. */
    NO_SECRET;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
