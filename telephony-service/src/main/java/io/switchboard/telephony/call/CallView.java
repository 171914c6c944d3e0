package io.switchboard.telephony.call;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A call as the API returns it and the {@code telephony.call.*} and {@code telephony.cdr.created} events carry it.
 * Durations are whole seconds; {@code hangupCause} is the Q.850 cause.
 */
public record CallView(
        UUID id,
        String channelId,
        String direction,
        String callerNumber,
        String callerName,
        String calledNumber,
        String sourceEndpoint,
        String routeAction,
        String routeTarget,
        String queueName,
        String answeredBy,
        String status,
        String disposition,
        Integer hangupCause,
        String hangupCauseText,
        boolean recorded,
        OffsetDateTime startedAt,
        OffsetDateTime answeredAt,
        OffsetDateTime endedAt,
        Integer ringSeconds,
        Integer talkSeconds,
        Integer durationSeconds) {

    static CallView of(CallRecord record) {
        return new CallView(
                record.id,
                record.channelId,
                record.direction,
                record.callerNumber,
                record.callerName,
                record.calledNumber,
                record.sourceEndpoint,
                record.routeAction,
                record.routeTarget,
                record.queueName,
                record.answeredBy,
                record.status,
                record.disposition,
                record.hangupCause,
                record.hangupCauseText,
                record.recordingName != null,
                io.switchboard.commons.api.Times.utc(record.startedAt),
                io.switchboard.commons.api.Times.utc(record.answeredAt),
                io.switchboard.commons.api.Times.utc(record.endedAt),
                record.ringSeconds,
                record.talkSeconds,
                record.durationSeconds);
    }
}
