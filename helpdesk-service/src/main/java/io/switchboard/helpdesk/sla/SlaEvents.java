package io.switchboard.helpdesk.sla;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.switchboard.helpdesk.ticket.TicketView;
import java.time.OffsetDateTime;

/** The data of {@code helpdesk.ticket.sla_warning} and {@code helpdesk.ticket.sla_breached}. */
public final class SlaEvents {

    private SlaEvents() {}

    /**
     * {@code helpdesk.ticket.sla_warning}: the ticket, which target ({@code first_response} or {@code resolution}) has
     * used up the warning fraction of its time, and when it is due.
     */
    public record TicketSlaWarning(@JsonUnwrapped TicketView ticket, String metric, OffsetDateTime dueAt) {}

    /** {@code helpdesk.ticket.sla_breached}: the ticket, which target it missed, and when that was due. */
    public record TicketSlaBreached(@JsonUnwrapped TicketView ticket, String metric, OffsetDateTime dueAt) {}
}
