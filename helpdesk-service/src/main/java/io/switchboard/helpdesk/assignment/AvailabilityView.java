package io.switchboard.helpdesk.assignment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Whether an agent takes automatically assigned tickets now, and when they were last given one. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AvailabilityView(
        String userId,

        @Schema(description = "false: automatic assignment skips the agent")
        boolean available,

        OffsetDateTime lastAssignedAt) {}
