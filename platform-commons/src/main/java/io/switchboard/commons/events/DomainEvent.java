package io.switchboard.commons.events;

import java.time.OffsetDateTime;

/**
 * A domain event as it travels: a CloudEvents 1.0 event in Kafka binary mode. {@code subject} is the aggregate id (also
 * the Kafka key), {@code tenantId} the {@code tenantid} extension present on every tenant event, {@code actor} and
 * {@code clientIp} who caused it and from where (for the audit log), {@code traceparent} the W3C trace it belongs to.
 */
public record DomainEvent(
        String id,
        String type,
        String source,
        OffsetDateTime time,
        String subject,
        String tenantId,
        String actor,
        String clientIp,
        String traceparent,
        byte[] data) {}
