package io.switchboard.telephony.queue;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A queue as the API returns it and events carry it. */
public record QueueView(
        UUID id,
        String name,
        String asteriskName,
        String displayName,
        String strategy,
        int ringTimeout,
        int maxWaitTime,
        int maxLength,
        int announceFrequency,
        String musicOnHold,
        int wrapupTime,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {}
