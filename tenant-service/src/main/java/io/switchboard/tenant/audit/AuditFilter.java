package io.switchboard.tenant.audit;

import java.time.OffsetDateTime;

/**
 * What an audit query is narrowed to: a type or a type prefix ending in {@code *} ({@code telephony.queue.*}), the
 * actor, the changed object, a time range (from inclusive, to exclusive).
 */
public record AuditFilter(String type, String actor, String subject, OffsetDateTime from, OffsetDateTime to) {}
