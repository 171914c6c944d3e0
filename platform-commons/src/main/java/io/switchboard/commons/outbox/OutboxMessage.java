package io.switchboard.commons.outbox;

/**
 * An event to publish with the current transaction: the topic of its domain, its type, the tenant it belongs to (null
 * only for platform events), the aggregate it is about (the Kafka key, so that one aggregate's events stay ordered) and
 * its data, serialized as JSON.
 */
public record OutboxMessage(
        String topic, String type, String tenantId, String aggregateType, String aggregateId, Object data) {}
