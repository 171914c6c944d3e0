package io.switchboard.testing.ari;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One REST request the simulator received (authenticated or not).
 *
 * @param method the HTTP method
 * @param path the decoded path, e.g. {@code /ari/channels/1732480000.12/answer}
 * @param query the decoded query parameters, each with all its values
 * @param body the request body, empty if none
 * @param receivedAtNanos {@link System#nanoTime()} when the request arrived
 * @param receivedAt the wall-clock time when the request arrived
 * @param status the HTTP status the simulator answered with
 */
public record RecordedRequest(
        String method,
        String path,
        Map<String, List<String>> query,
        String body,
        long receivedAtNanos,
        Instant receivedAt,
        int status) {

    /** The first value of query parameter {@code name}, or null. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
