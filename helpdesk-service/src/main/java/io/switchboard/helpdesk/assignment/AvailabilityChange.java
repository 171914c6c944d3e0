package io.switchboard.helpdesk.assignment;

import jakarta.validation.constraints.NotNull;

/** {@code PUT /api/v1/helpdesk/agents/{userId}/availability} */
public record AvailabilityChange(@NotNull Boolean available) {}
