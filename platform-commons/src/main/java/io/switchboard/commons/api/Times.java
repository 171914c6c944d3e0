package io.switchboard.commons.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** API timestamps are RFC 3339 in UTC. */
public final class Times {

    private Times() {}

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
