package io.switchboard.helpdesk.mail;

import io.quarkus.logging.Log;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.tenant.TeamDirectory;
import io.switchboard.helpdesk.Actor;
import io.switchboard.helpdesk.mailbox.TenantMailbox;
import io.switchboard.helpdesk.message.HtmlBodies;
import io.switchboard.helpdesk.message.MessageService;
import io.switchboard.helpdesk.settings.SettingsService;
import io.switchboard.helpdesk.settings.TicketNumbers;
import io.switchboard.helpdesk.ticket.Requester;
import io.switchboard.helpdesk.ticket.Ticket;
import io.switchboard.helpdesk.ticket.TicketCreate;
import io.switchboard.helpdesk.ticket.TicketRepository;
import io.switchboard.helpdesk.ticket.TicketService;
import io.switchboard.helpdesk.ticket.TicketSource;
import io.switchboard.helpdesk.ticket.TicketStatus;
import io.switchboard.helpdesk.ticket.TicketView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Imports one mail read from a mailbox, in one transaction with the mailbox's cursor: the mailbox row is locked, the
 * mail is skipped if the cursor is already past it or its Message-ID was seen in the tenant, and otherwise it opens a
 * ticket, joins one, is kept as a note, or is dropped; an {@code inbound_mail} row records which, and the cursor moves
 * to it. A crash before the commit leaves the mail to the next poll; after it, the mail is not read again.
 *
 * <p>The rules, in order: mail from one of the tenant's own mailboxes is dropped (a loop); a reply, found by
 * In-Reply-To/References among the Message-IDs of the tenant's tickets and then by the ticket number in the subject
 * ({@code [ACME-00042]}), joins its ticket unless it is closed or deleted; an automatic mail (an auto-reply, a bounce,
 * a list) joins as an internal note, never reopens and is never answered, and without a ticket is dropped; anything
 * else opens a new ticket (source {@code email}) for the contact found or created from the sender.
 */
@ApplicationScoped
public class MailImporter {

    /** What happened to a mail. */
    public enum Outcome {
        TICKET_CREATED,
        TICKET_JOINED,
        AUTOMATIC_STORED,
        DROPPED,
        ALREADY_IMPORTED
    }

    private static final Actor MAIL = new Actor(null, "e-mail", true, true, false);

    private final EntityManager em;
    private final TicketService tickets;
    private final TicketRepository ticketRepository;
    private final MessageService messages;
    private final SettingsService settings;
    private final MailOutbox outbox;
    private final TeamDirectory teams;

    public MailImporter(
            EntityManager em,
            TicketService tickets,
            TicketRepository ticketRepository,
            MessageService messages,
            SettingsService settings,
            MailOutbox outbox,
            TeamDirectory teams) {
        this.em = em;
        this.teams = teams;
        this.tickets = tickets;
        this.ticketRepository = ticketRepository;
        this.messages = messages;
        this.settings = settings;
        this.outbox = outbox;
    }

    @Transactional
    public Outcome importMail(UUID mailboxId, long uidValidity, long uid, InboundMail mail) {
        TenantMailbox mailbox = claim(mailboxId, uidValidity, uid);
        if (mailbox == null || seen(mailbox.tenantId, mail.messageId())) {
            return Outcome.ALREADY_IMPORTED;
        }
        String tenantId = mailbox.tenantId;
        if (mail.fromAddress() != null && outbox.isOwn(tenantId, mail.fromAddress())) {
            return record(mailbox, uid, mail, Outcome.DROPPED, "loop: from the tenant's own mailbox", null, null);
        }
        Optional<Ticket> ticket = thread(tenantId, mail);
        if (ticket.isPresent()) {
            boolean automatic = mail.automatic() != null;
            var message = messages.receiveMail(ticket.get(), mail, automatic);
            return record(
                    mailbox,
                    uid,
                    mail,
                    automatic ? Outcome.AUTOMATIC_STORED : Outcome.TICKET_JOINED,
                    mail.automatic(),
                    ticket.get().id,
                    message.id());
        }
        if (mail.automatic() != null) {
            Log.infof("Dropped automatic mail %s from %s: %s", mail.messageId(), mail.fromAddress(), mail.automatic());
            return record(mailbox, uid, mail, Outcome.DROPPED, "automatic: " + mail.automatic(), null, null);
        }
        TicketView created = tickets.create(
                tenantId,
                new TicketCreate(
                        subject(mail.subject()),
                        description(mail),
                        null,
                        mailbox.category,
                        new Requester(null, mail.fromAddress(), clip(mail.fromName(), 200)),
                        null,
                        // a team deleted since the mailbox named it: the category's rule decides instead
                        mailbox.teamId != null
                                        && teams.find(tenantId, mailbox.teamId).isPresent()
                                ? mailbox.teamId
                                : null,
                        List.of(),
                        null,
                        Map.of(),
                        TicketSource.EMAIL),
                MAIL);
        Ticket opened = ticketRepository.find(tenantId, created.id()).orElseThrow();
        opened.mailboxId = mailbox.id;
        var message = messages.receiveMail(opened, mail, false);
        if (mailbox.sendAcknowledgement) {
            outbox.acknowledge(opened, mailbox, mail);
        }
        return record(mailbox, uid, mail, Outcome.TICKET_CREATED, null, opened.id, message.id());
    }

    /** Records a mail that is not imported (too large, unreadable) and moves the cursor past it. */
    @Transactional
    public Outcome drop(UUID mailboxId, long uidValidity, long uid, String messageId, String reason) {
        TenantMailbox mailbox = claim(mailboxId, uidValidity, uid);
        if (mailbox == null || seen(mailbox.tenantId, messageId)) {
            return Outcome.ALREADY_IMPORTED;
        }
        InboundMail mail = new InboundMail(messageId, List.of(), null, null, null, "", false, List.of(), reason);
        return record(mailbox, uid, mail, Outcome.DROPPED, reason, null, null);
    }

    /** Starts the cursor over for a folder whose UIDVALIDITY changed (or that is read for the first time). */
    @Transactional
    public void resetCursor(UUID mailboxId, long uidValidity) {
        TenantMailbox mailbox = em.find(TenantMailbox.class, mailboxId, LockModeType.PESSIMISTIC_WRITE);
        if (mailbox != null && !Objects.equals(mailbox.uidValidity, uidValidity)) {
            if (mailbox.uidValidity != null) {
                Log.warnf(
                        "Mailbox %s: UIDVALIDITY changed from %d to %d, reading the folder again (known Message-IDs"
                                + " are skipped)",
                        mailboxId, mailbox.uidValidity, uidValidity);
            }
            mailbox.uidValidity = uidValidity;
            mailbox.lastUid = 0;
        }
    }

    /** Notes how the last poll went. */
    @Transactional
    public void polled(UUID mailboxId, String error) {
        em.createNativeQuery("update mailbox set last_polled_at = :now, last_poll_error = :error where id = :id")
                .setParameter("now", Instant.now())
                .setParameter("error", error == null ? null : clip(error, 1000))
                .setParameter("id", mailboxId)
                .executeUpdate();
    }

    /** The locked mailbox with its cursor moved to {@code uid}, or null when the mail was already dealt with. */
    private TenantMailbox claim(UUID mailboxId, long uidValidity, long uid) {
        TenantMailbox mailbox = em.find(TenantMailbox.class, mailboxId, LockModeType.PESSIMISTIC_WRITE);
        if (mailbox == null || !Objects.equals(mailbox.uidValidity, uidValidity) || uid <= mailbox.lastUid) {
            return null;
        }
        mailbox.lastUid = uid;
        return mailbox;
    }

    private boolean seen(String tenantId, String messageId) {
        return ((Number) em.createNativeQuery(
                                        "select count(*) from inbound_mail where tenant_id = :tenant and message_id = :id")
                                .setParameter("tenant", tenantId)
                                .setParameter("id", messageId)
                                .getSingleResult())
                        .longValue()
                > 0;
    }

    /** The open ticket a mail answers: by the Message-IDs it refers to, then by the ticket number in its subject. */
    @SuppressWarnings("unchecked")
    Optional<Ticket> thread(String tenantId, InboundMail mail) {
        if (!mail.references().isEmpty()) {
            List<Object[]> rows = em.createNativeQuery("select mail_message_id, ticket_id from ticket_message where"
                            + " tenant_id = :tenant and mail_message_id in (:ids) union all select mail_message_id,"
                            + " ticket_id from outbound_mail where tenant_id = :tenant and mail_message_id in (:ids)"
                            + " and ticket_id is not null union all select message_id, ticket_id from inbound_mail"
                            + " where tenant_id = :tenant and message_id in (:ids) and ticket_id is not null")
                    .setParameter("tenant", tenantId)
                    .setParameter("ids", mail.references())
                    .getResultList();
            Map<String, UUID> byId = new HashMap<>();
            rows.forEach(r -> byId.putIfAbsent((String) r[0], (UUID) r[1]));
            for (String reference : mail.references()) {
                UUID ticketId = byId.get(reference);
                if (ticketId != null) {
                    Optional<Ticket> ticket = open(tenantId, ticketId);
                    if (ticket.isPresent()) {
                        return ticket;
                    }
                }
            }
        }
        return MailThreading.numberIn(mail.subject())
                .flatMap(TicketNumbers::parse)
                .flatMap(parsed -> ticketRepository
                        .findBySeq(tenantId, parsed.seq())
                        .filter(t -> t.number.equalsIgnoreCase(TicketNumbers.format(parsed.prefix(), parsed.seq()))
                                || settings.prefix(tenantId).equals(parsed.prefix())))
                .filter(t -> t.status() != TicketStatus.CLOSED);
    }

    private Optional<Ticket> open(String tenantId, UUID ticketId) {
        return ticketRepository.find(tenantId, ticketId).filter(t -> t.status() != TicketStatus.CLOSED);
    }

    private Outcome record(
            TenantMailbox mailbox,
            long uid,
            InboundMail mail,
            Outcome outcome,
            String reason,
            UUID ticketId,
            UUID messageId) {
        em.createNativeQuery("insert into inbound_mail (id, tenant_id, mailbox_id, message_id, imap_uid, from_address,"
                        + " subject, outcome, reason, ticket_id, message_ref, received_at) values (:id, :tenant,"
                        + " :mailbox, :messageId, :uid, :from, :subject, :outcome, :reason, :ticket, :message, :now)")
                .setParameter("id", Ids.newId())
                .setParameter("tenant", mailbox.tenantId)
                .setParameter("mailbox", mailbox.id)
                .setParameter("messageId", mail.messageId())
                .setParameter("uid", uid)
                .setParameter("from", mail.fromAddress())
                .setParameter("subject", clip(mail.subject(), 300))
                .setParameter("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .setParameter("reason", clip(reason, 500))
                .setParameter("ticket", ticketId)
                .setParameter("message", messageId)
                .setParameter("now", Instant.now())
                .executeUpdate();
        return outcome;
    }

    private static String subject(String subject) {
        String s = subject == null || subject.isBlank() ? "(no subject)" : subject.strip();
        return s.length() > 300 ? s.substring(0, 300) : s;
    }

    private static String description(InboundMail mail) {
        String text = mail.html() ? HtmlBodies.text(mail.body()) : mail.body();
        if (text.isBlank()) {
            return null;
        }
        return text.length() > 50_000 ? text.substring(0, 50_000) : text;
    }

    private static String clip(String value, int max) {
        if (value == null) {
            return null;
        }
        return value.length() > max ? value.substring(0, max) : value;
    }
}
