package io.switchboard.helpdesk.sla;

import io.switchboard.helpdesk.ticket.TicketPriority;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** SLA compliance of a tenant's tickets created in a time range, by period, team and priority. */
public record SlaReport(
        OffsetDateTime from,
        OffsetDateTime to,

        @Schema(description = "day, week, month, or none (the whole range)")
        String period,

        @Schema(description = "The IANA time zone periods start in (the tenant's)")
        String timezone,

        List<Row> rows) {

    /**
     * One group of tickets. A target is met when reached by its deadline, breached when reached late or past its
     * deadline (a paused clock counts until the pause), and open otherwise.
     *
     * @param compliance met tickets / (met + breached tickets); null when none is decided yet
     */
    public record Row(
            @Schema(description = "First local day of the period; null for the whole range")
            LocalDate periodStart,

            UUID teamId,
            TicketPriority priority,
            long tickets,
            long firstResponseMet,
            long firstResponseBreached,
            long resolutionMet,
            long resolutionBreached,

            @Schema(description = "Tickets that met both targets")
            long metTickets,

            @Schema(description = "Tickets that missed a target")
            long breachedTickets,

            Double compliance) {}
}
