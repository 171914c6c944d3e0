package io.switchboard.telephony.queue;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A queue member as the API returns it and events carry it. */
public record QueueMemberView(
        UUID id,
        UUID queueId,
        String queueName,
        UUID extensionId,
        String extensionNumber,
        String iface,
        String memberName,
        int penalty,
        boolean paused,
        String pausedReason,
        OffsetDateTime pausedAt,
        Integer wrapupTime,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {}
