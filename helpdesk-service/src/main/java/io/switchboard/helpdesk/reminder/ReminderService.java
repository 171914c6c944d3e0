package io.switchboard.helpdesk.reminder;

import io.switchboard.commons.api.Times;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.Validation;
import io.switchboard.helpdesk.Actor;
import io.switchboard.helpdesk.ticket.Ticket;
import io.switchboard.helpdesk.ticket.TicketService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Reminders of a ticket: set for a future instant, listed, removed; {@link DueScheduler} fires them. */
@ApplicationScoped
public class ReminderService {

    static final int MAX_PENDING = 20;
    private static final String COLUMNS = "id, ticket_id, remind_at, note, created_by, created_at, fired_at";

    private final EntityManager em;
    private final TicketService tickets;
    private final Clock clock;

    public ReminderService(EntityManager em, TicketService tickets, Clock clock) {
        this.em = em;
        this.tickets = tickets;
        this.clock = clock;
    }

    @Transactional
    public ReminderView create(String tenantId, UUID ticketId, ReminderCreate request, Actor actor) {
        Ticket ticket = tickets.require(tenantId, ticketId);
        Instant now = clock.instant();
        Validation validation = new Validation();
        if (request.remindAt() == null) {
            validation.add("remindAt", "is required");
        } else if (!request.remindAt().toInstant().isAfter(now)) {
            validation.add("remindAt", "must be in the future");
        }
        if (request.note() != null && request.note().length() > 500) {
            validation.add("note", "must be at most 500 characters");
        }
        validation.throwIfInvalid();
        Number pending = (Number) em.createNativeQuery(
                        "select count(*) from ticket_reminder where ticket_id = :ticket and fired_at is null")
                .setParameter("ticket", ticket.id)
                .getSingleResult();
        if (pending.intValue() >= MAX_PENDING) {
            throw ProblemException.invalid("remindAt", "a ticket has at most " + MAX_PENDING + " pending reminders");
        }
        UUID id = Ids.newId();
        em.createNativeQuery("insert into ticket_reminder (id, tenant_id, ticket_id, remind_at, note, created_by,"
                        + " created_at) values (:id, :tenant, :ticket, :at, :note, :by, :now)")
                .setParameter("id", id)
                .setParameter("tenant", tenantId)
                .setParameter("ticket", ticket.id)
                .setParameter("at", request.remindAt().toInstant())
                .setParameter(
                        "note",
                        request.note() == null || request.note().isBlank()
                                ? null
                                : request.note().strip())
                .setParameter("by", actor.userId())
                .setParameter("now", now)
                .executeUpdate();
        return find(tenantId, ticketId, id);
    }

    @Transactional
    public List<ReminderView> list(String tenantId, UUID ticketId) {
        Ticket ticket = tickets.require(tenantId, ticketId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from ticket_reminder where tenant_id ="
                        + " :tenant and ticket_id = :ticket order by remind_at, id")
                .setParameter("tenant", tenantId)
                .setParameter("ticket", ticket.id)
                .getResultList();
        return rows.stream().map(ReminderService::toView).toList();
    }

    @Transactional
    public void delete(String tenantId, UUID ticketId, UUID reminderId) {
        Ticket ticket = tickets.require(tenantId, ticketId);
        int deleted = em.createNativeQuery(
                        "delete from ticket_reminder where tenant_id = :tenant and ticket_id = :ticket and id = :id")
                .setParameter("tenant", tenantId)
                .setParameter("ticket", ticket.id)
                .setParameter("id", reminderId)
                .executeUpdate();
        if (deleted == 0) {
            throw ProblemException.notFound("Reminder", reminderId.toString());
        }
    }

    ReminderView find(String tenantId, UUID ticketId, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from ticket_reminder where tenant_id ="
                        + " :tenant and ticket_id = :ticket and id = :id")
                .setParameter("tenant", tenantId)
                .setParameter("ticket", ticketId)
                .setParameter("id", id)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(ReminderService::toView)
                .orElseThrow(() -> ProblemException.notFound("Reminder", id.toString()));
    }

    static ReminderView toView(Object[] r) {
        return new ReminderView(
                (UUID) r[0], (UUID) r[1], time(r[2]), (String) r[3], (String) r[4], time(r[5]), time(r[6]));
    }

    static OffsetDateTime time(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> Times.utc(i);
            case OffsetDateTime o -> Times.utc(o.toInstant());
            case java.sql.Timestamp ts -> Times.utc(ts.toInstant());
            default -> throw new IllegalStateException("Unexpected timestamp " + value.getClass());
        };
    }
}
