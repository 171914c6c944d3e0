package io.switchboard.webhook.http;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How one delivery attempt ended, as the delivery log shows it. */
public enum AttemptOutcome {
    /** A 2xx answer. */
    SUCCEEDED,
    /** Any other HTTP status (redirects are not followed). */
    HTTP_ERROR,
    /** No complete answer within the timeout (connecting included). */
    TIMEOUT,
    /** The connection failed or broke: refused, reset, TLS failure. */
    CONNECTION_ERROR,
    /** The target URL or the address its host resolves to is not allowed (SSRF protection). */
    TARGET_REFUSED,
    /** The request body would exceed the payload cap; nothing was sent. */
    PAYLOAD_TOO_LARGE;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AttemptOutcome of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
