package io.switchboard.helpdesk.ticket;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The workflow of a ticket: {@code open -> in_progress -> pending -> resolved -> closed}. Any state before
 * {@code closed} may go to any other of them (work starts, waits on the customer, resumes, is resolved); a resolved
 * ticket is reopened to {@code open} or {@code in_progress}; {@code closed} is final (a follow-up is a new ticket).
 */
public enum TicketStatus {
    OPEN,
    IN_PROGRESS,
    PENDING,
    RESOLVED,
    CLOSED;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TicketStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The states this one may change to. */
    public Set<TicketStatus> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(IN_PROGRESS, PENDING, RESOLVED, CLOSED);
            case IN_PROGRESS -> EnumSet.of(OPEN, PENDING, RESOLVED, CLOSED);
            case PENDING -> EnumSet.of(OPEN, IN_PROGRESS, RESOLVED, CLOSED);
            case RESOLVED -> EnumSet.of(OPEN, IN_PROGRESS, CLOSED);
            case CLOSED -> EnumSet.noneOf(TicketStatus.class);
        };
    }

    public boolean canChangeTo(TicketStatus target) {
        return next().contains(target);
    }

    /** Open for work: neither resolved nor closed (an overdue ticket is one of these past its due date). */
    public boolean isActive() {
        return this != RESOLVED && this != CLOSED;
    }
}
