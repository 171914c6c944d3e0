package io.switchboard.helpdesk.reminder;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.switchboard.helpdesk.ticket.TicketView;

/** The data of {@code helpdesk.ticket.reminder_due} and {@code helpdesk.ticket.overdue}. */
public final class ReminderEvents {

    /** A reminder's time came: the ticket (its assigneeId is whom to remind) and the reminder. */
    public static final String REMINDER_DUE = "helpdesk.ticket.reminder_due";

    /** A ticket's due date passed while it was open, in progress or pending; once per due date. */
    public static final String OVERDUE = "helpdesk.ticket.overdue";

    private ReminderEvents() {}

    public record TicketReminderDue(@JsonUnwrapped TicketView ticket, ReminderView reminder) {}
}
