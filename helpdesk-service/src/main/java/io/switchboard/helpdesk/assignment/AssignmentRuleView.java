package io.switchboard.helpdesk.assignment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A rule of the tenant: new tickets of {@code category} without an assignee go to {@code teamId}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AssignmentRuleView(
        UUID id, String category, UUID teamId, OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) {}
