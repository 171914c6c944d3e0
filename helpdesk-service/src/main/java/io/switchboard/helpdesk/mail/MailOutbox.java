package io.switchboard.helpdesk.mail;

import io.quarkus.logging.Log;
import io.switchboard.commons.ids.Ids;
import io.switchboard.helpdesk.config.HelpdeskConfig;
import io.switchboard.helpdesk.mailbox.TenantMailbox;
import io.switchboard.helpdesk.message.TicketMessage;
import io.switchboard.helpdesk.ticket.Ticket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Queues mail to requesters in the transaction that made it necessary (an agent's public reply, the acknowledgement
 * of a new ticket): the reply is accepted even when the mail server is down, and {@link MailSender} sends it once it
 * is back. Replies thread: their own Message-ID (stored with the message), In-Reply-To the thread's last mail,
 * References the chain, and the ticket number in the subject.
 */
@ApplicationScoped
public class MailOutbox {

    private final EntityManager em;
    private final HelpdeskConfig config;

    public MailOutbox(EntityManager em, HelpdeskConfig config) {
        this.em = em;
        this.config = config;
    }

    /**
     * Queues an agent's public reply to the ticket's requester through the ticket's mailbox (or the tenant's first
     * enabled one); returns its Message-ID, or empty when there is nobody or nothing to mail it with.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> reply(Ticket ticket, TicketMessage message) {
        if (ticket.requesterEmail == null) {
            return Optional.empty();
        }
        Optional<TenantMailbox> mailbox = mailboxFor(ticket);
        if (mailbox.isEmpty() || isOwn(ticket.tenantId, ticket.requesterEmail)) {
            return Optional.empty();
        }
        List<String> thread = thread(ticket.id);
        String messageId = MailThreading.newMessageId(mailbox.get().fromAddress);
        // the files attached to the reply when it was written go with it, read from the store when it is sent
        List<UUID> files = em.createQuery(
                        "select a.id from Attachment a where a.messageId = :message and a.storageKey is not null"
                                + " order by a.createdAt, a.id",
                        UUID.class)
                .setParameter("message", message.id)
                .getResultList();
        enqueue(
                ticket,
                mailbox.get(),
                ticket.requesterEmail,
                message.id,
                messageId,
                thread.isEmpty() ? null : thread.get(thread.size() - 1),
                MailThreading.references(thread),
                message.bodyText,
                message.html ? message.body : null,
                false,
                files);
        return Optional.of(messageId);
    }

    /**
     * Queues the acknowledgement of a ticket opened by {@code mail} (marked {@code Auto-Submitted: auto-replied}, so
     * that auto-responders do not answer it), unless this address already got as many this hour as are allowed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acknowledge(Ticket ticket, TenantMailbox mailbox, InboundMail mail) {
        Number recent = (Number) em.createNativeQuery("select count(*) from outbound_mail where tenant_id = :tenant"
                        + " and lower(to_address) = :to and automatic and created_at > now() - interval '1 hour'")
                .setParameter("tenant", ticket.tenantId)
                .setParameter("to", mail.fromAddress().toLowerCase(Locale.ROOT))
                .getSingleResult();
        if (recent.intValue() >= config.mail().acknowledgementsPerHour()) {
            Log.infof("No acknowledgement of %s to %s: it got %d this hour", ticket.number, mail.fromAddress(), recent);
            return;
        }
        String text = "We received your request and opened ticket " + ticket.number + ": " + ticket.subject
                + "\n\nReply to this mail to add to it; please keep " + ticket.number + " in the subject.";
        enqueue(
                ticket,
                mailbox,
                mail.fromAddress(),
                null,
                MailThreading.newMessageId(mailbox.fromAddress),
                mail.messageId(),
                List.of(mail.messageId()),
                text,
                null,
                true,
                List.of());
    }

    private void enqueue(
            Ticket ticket,
            TenantMailbox mailbox,
            String to,
            UUID messageRef,
            String messageId,
            String inReplyTo,
            List<String> references,
            String text,
            String html,
            boolean automatic,
            List<UUID> attachmentIds) {
        Instant now = Instant.now();
        em.createNativeQuery("insert into outbound_mail (id, tenant_id, mailbox_id, ticket_id, message_ref,"
                        + " mail_message_id, to_address, to_name, subject, in_reply_to, mail_references, body_text,"
                        + " body_html, automatic, status, attempts, next_attempt_at, created_at, attachment_ids) values"
                        + " (:id, :tenant, :mailbox, :ticket, :message, :messageId, :to, :toName, :subject, :inReplyTo,"
                        + " :references, :text, :html, :automatic, 'queued', 0, :now, :now,"
                        + " cast(string_to_array(:attachments, ',') as uuid[]))")
                .setParameter("id", Ids.newId())
                .setParameter("tenant", ticket.tenantId)
                .setParameter("mailbox", mailbox.id)
                .setParameter("ticket", ticket.id)
                .setParameter("message", messageRef)
                .setParameter("messageId", messageId)
                .setParameter("to", to)
                .setParameter("toName", ticket.requesterName)
                .setParameter("subject", MailThreading.replySubject(ticket.subject, ticket.number))
                .setParameter("inReplyTo", inReplyTo)
                .setParameter("references", references.isEmpty() ? null : String.join(" ", references))
                .setParameter("text", text)
                .setParameter("html", html)
                .setParameter("automatic", automatic)
                .setParameter("now", now)
                .setParameter(
                        "attachments",
                        String.join(
                                ",", attachmentIds.stream().map(UUID::toString).toList()))
                .executeUpdate();
    }

    /** The Message-IDs of the ticket's public mail so far, oldest first. */
    private List<String> thread(UUID ticketId) {
        return em.createQuery(
                        "select m.mailMessageId from TicketMessage m where m.ticketId = :ticket and m.internal = false"
                                + " and m.mailMessageId is not null order by m.createdAt, m.id",
                        String.class)
                .setParameter("ticket", ticketId)
                .getResultList();
    }

    private Optional<TenantMailbox> mailboxFor(Ticket ticket) {
        if (ticket.mailboxId != null) {
            TenantMailbox own = em.find(TenantMailbox.class, ticket.mailboxId);
            if (own != null && own.enabled && own.tenantId.equals(ticket.tenantId)) {
                return Optional.of(own);
            }
        }
        return em.createQuery(
                        "select b from TenantMailbox b where b.tenantId = :tenant and b.enabled = true"
                                + " order by b.createdAt, b.id",
                        TenantMailbox.class)
                .setParameter("tenant", ticket.tenantId)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    /** Whether an address is one of the tenant's own mailboxes (mail to it would come back as new mail). */
    public boolean isOwn(String tenantId, String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        return ((Number) em.createNativeQuery("select count(*) from mailbox where tenant_id = :tenant"
                                        + " and (lower(from_address) = :address or lower(imap_user) = :address)")
                                .setParameter("tenant", tenantId)
                                .setParameter("address", lower)
                                .getSingleResult())
                        .longValue()
                > 0;
    }
}
