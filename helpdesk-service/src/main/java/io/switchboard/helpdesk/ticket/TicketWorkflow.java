package io.switchboard.helpdesk.ticket;

import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import java.time.Instant;
import java.util.List;

/**
 * Status changes of a ticket and what they record: entering {@code resolved} stamps {@code resolvedAt}, reopening a
 * resolved ticket clears it, entering {@code closed} stamps {@code closedAt}. A change {@link TicketStatus#next()} does
 * not allow is a 409 {@code invalid-state-transition} naming the field and the allowed next states.
 */
public final class TicketWorkflow {

    private TicketWorkflow() {}

    /** Moves {@code ticket} to {@code target}; returns whether the status changed. */
    public static boolean transition(Ticket ticket, TicketStatus target, Instant now) {
        TicketStatus from = ticket.status();
        if (from == target) {
            return false;
        }
        if (!from.canChangeTo(target)) {
            throw refused(from, target);
        }
        ticket.status = target.toString();
        switch (target) {
            case RESOLVED -> ticket.resolvedAt = now;
            case CLOSED -> ticket.closedAt = now;
            case OPEN, IN_PROGRESS, PENDING -> ticket.resolvedAt = null;
        }
        return true;
    }

    /** The problem for a refused change. */
    static ProblemException refused(TicketStatus from, TicketStatus to) {
        List<String> allowed = from.next().stream().map(TicketStatus::toString).toList();
        String detail = allowed.isEmpty()
                ? "A " + from + " ticket is final; its status cannot change (open a new ticket instead)"
                : "A ticket cannot go from " + from + " to " + to + "; from " + from + " it can go to "
                        + String.join(", ", allowed);
        String message = allowed.isEmpty()
                ? "cannot change: " + from + " is final"
                : "cannot change from " + from + " to " + to + "; allowed: " + String.join(", ", allowed);
        return new ProblemException(Problem.of(ProblemType.INVALID_STATE_TRANSITION, detail)
                .withErrors(List.of(new FieldError("status", message)))
                .with("from", from.toString())
                .with("to", to.toString())
                .with("allowed", allowed));
    }
}
