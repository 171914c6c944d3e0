package io.switchboard.helpdesk.sla;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A ticket's SLA as the API and events show it. */
public record SlaView(
        UUID policyId,

        @Schema(description = "When the first public reply of an agent is due")
        OffsetDateTime firstResponseDue,

        @Schema(description = "When resolution is due") OffsetDateTime resolutionDue,

        SlaState state,

        @Schema(description = "Since when the clock stands still (the ticket is pending), or null")
        OffsetDateTime pausedAt) {}
