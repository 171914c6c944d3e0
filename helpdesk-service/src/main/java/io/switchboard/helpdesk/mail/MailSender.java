package io.switchboard.helpdesk.mail;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.commons.storage.Uploads;
import io.switchboard.commons.tenant.CrossTenant;
import io.switchboard.commons.tenant.TenantTasks;
import io.switchboard.helpdesk.config.HelpdeskConfig;
import io.switchboard.helpdesk.mailbox.MailboxCipher;
import io.switchboard.helpdesk.mailbox.Security;
import io.switchboard.helpdesk.mailbox.TenantMailbox;
import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends the queued mail ({@code outbound_mail}) through each tenant's SMTP server. A row is leased before it is sent,
 * so that replicas share the queue (no leader needed); a failure is retried with exponential backoff and jitter up to
 * {@code max-attempts}, a refusal of the recipient fails it at once. Sending is at least once: a crash between the
 * server's acceptance and the commit sends that one mail again, under the same Message-ID.
 */
@ApplicationScoped
public class MailSender {

    /** A mail to send, with the settings of its mailbox as they are now. */
    record Outgoing(
            UUID id,
            String tenantId,
            int attempts,
            String host,
            int port,
            Security security,
            String user,
            String password,
            String fromAddress,
            String fromName,
            String messageId,
            String to,
            String toName,
            String subject,
            String inReplyTo,
            String references,
            String text,
            String html,
            boolean automatic,
            String ticketNumber,
            List<File> files) {}

    /** An attachment that goes with a mail: read from the object store while the mail is written to the server. */
    record File(String fileName, String contentType, String key) {}

    private static final Duration LEASE = Duration.ofMinutes(2);

    private final EntityManager em;
    private final TenantTasks tasks;
    private final MailSessions sessions;
    private final MailboxCipher cipher;
    private final HelpdeskConfig config;
    private final Uploads uploads;
    private final ReentrantLock running = new ReentrantLock();

    public MailSender(
            EntityManager em,
            TenantTasks tasks,
            MailSessions sessions,
            MailboxCipher cipher,
            HelpdeskConfig config,
            Uploads uploads) {
        this.uploads = uploads;
        this.em = em;
        this.tasks = tasks;
        this.sessions = sessions;
        this.cipher = cipher;
        this.config = config;
    }

    @Scheduled(
            every = "${switchboard.helpdesk.mail.send-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            Log.warnf("Mail sender: %s", e.toString());
        }
    }

    /** Sends what is due now; returns how many mails were sent. */
    public int sendDue() {
        running.lock();
        try {
            int sent = 0;
            List<Object[]> due;
            do {
                due = tasks.run(null, this::lease);
                for (Object[] row : due) {
                    if (sendOne((UUID) row[0], (String) row[1])) {
                        sent++;
                    }
                }
            } while (due.size() == 20);
            return sent;
        } finally {
            running.unlock();
        }
    }

    /** Leases up to 20 due mails of every tenant: ids and tenants. */
    @Transactional
    @CrossTenant
    @SuppressWarnings("unchecked")
    List<Object[]> lease() {
        return em.createNativeQuery("update outbound_mail set lease_until = now() + cast(:lease as interval),"
                        + " attempts = attempts + 1 where id in (select id from outbound_mail where status = 'queued'"
                        + " and next_attempt_at <= now() and (lease_until is null or lease_until < now())"
                        + " order by next_attempt_at limit 20 for update skip locked) returning id, tenant_id")
                .setParameter("lease", LEASE.toSeconds() + " seconds")
                .getResultList();
    }

    private boolean sendOne(UUID id, String tenantId) {
        Outgoing mail;
        try {
            mail = tasks.run(tenantId, () -> load(id));
        } catch (RuntimeException e) {
            tasks.run(tenantId, () -> failed(id, "cannot be prepared: " + e.getMessage(), true));
            return false;
        }
        if (mail == null) {
            tasks.run(tenantId, () -> failed(id, "the tenant has no enabled mailbox to send it with", false));
            return false;
        }
        try {
            send(mail);
            tasks.run(tenantId, () -> sent(id));
            Log.debugf("Sent %s (%s) to %s", mail.messageId(), mail.ticketNumber(), mail.to());
            return true;
        } catch (SendFailedException e) {
            boolean permanent = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
            Log.warnf("Sending %s to %s failed: %s", mail.messageId(), mail.to(), e.toString());
            tasks.run(tenantId, () -> failed(id, describe(e), permanent));
        } catch (MessagingException | RuntimeException e) {
            Log.warnf(
                    "Sending %s to %s failed (attempt %d): %s",
                    mail.messageId(), mail.to(), mail.attempts(), e.toString());
            tasks.run(tenantId, () -> failed(id, describe(e), false));
        }
        return false;
    }

    /** The mail and its mailbox's current settings; null when there is no mailbox to send it with. */
    @Transactional
    Outgoing load(UUID id) {
        Object[] row =
                (Object[]) em.createNativeQuery("select o.mailbox_id, o.attempts, o.mail_message_id, o.to_address,"
                                + " o.to_name, o.subject, o.in_reply_to, o.mail_references, o.body_text, o.body_html,"
                                + " o.automatic, t.number, o.tenant_id from outbound_mail o left join ticket t on t.id ="
                                + " o.ticket_id where o.id = :id")
                        .setParameter("id", id)
                        .getSingleResult();
        UUID mailboxId = (UUID) row[0];
        TenantMailbox b = mailboxId == null ? null : em.find(TenantMailbox.class, mailboxId);
        if (b == null || !b.enabled) {
            b = em.createQuery(
                            "select b from TenantMailbox b where b.tenantId = :tenant and b.enabled = true"
                                    + " order by b.createdAt, b.id",
                            TenantMailbox.class)
                    .setParameter("tenant", row[12])
                    .setMaxResults(1)
                    .getResultStream()
                    .findFirst()
                    .orElse(null);
        }
        if (b == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> attached = em.createNativeQuery("select a.file_name, a.content_type, a.storage_key from"
                        + " outbound_mail o join message_attachment a on a.id = any(o.attachment_ids) where o.id = :id"
                        + " and a.storage_key is not null order by array_position(o.attachment_ids, a.id)")
                .setParameter("id", id)
                .getResultList();
        return new Outgoing(
                id,
                b.tenantId,
                ((Number) row[1]).intValue(),
                b.smtpHost,
                b.smtpPort,
                Security.of(b.smtpSecurity),
                b.smtpUser,
                cipher.decrypt(b.smtpPassword, b.id, "smtp"),
                b.fromAddress,
                b.fromName,
                (String) row[2],
                (String) row[3],
                (String) row[4],
                (String) row[5],
                (String) row[6],
                (String) row[7],
                (String) row[8],
                (String) row[9],
                (Boolean) row[10],
                (String) row[11],
                attached.stream()
                        .map(f -> new File((String) f[0], (String) f[1], (String) f[2]))
                        .toList());
    }

    @Transactional
    void sent(UUID id) {
        em.createNativeQuery("update outbound_mail set status = 'sent', sent_at = now(), lease_until = null,"
                        + " last_error = null where id = :id")
                .setParameter("id", id)
                .executeUpdate();
    }

    /** Schedules the next attempt, or gives up when the failure is permanent or the attempts are used up. */
    @Transactional
    void failed(UUID id, String error, boolean permanent) {
        Number attempts = (Number) em.createNativeQuery("select attempts from outbound_mail where id = :id")
                .setParameter("id", id)
                .getSingleResult();
        boolean finalFailure = permanent || attempts.intValue() >= config.mail().maxAttempts();
        em.createNativeQuery("update outbound_mail set status = :status, next_attempt_at = :next, lease_until = null,"
                        + " last_error = :error where id = :id")
                .setParameter("status", finalFailure ? "failed" : "queued")
                .setParameter("next", Instant.now().plus(backoff(attempts.intValue())))
                .setParameter("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .setParameter("id", id)
                .executeUpdate();
    }

    /** The wait after the {@code attempts}-th failure: doubling from retry-initial up to retry-max, plus up to 20 %. */
    Duration backoff(int attempts) {
        long initial = config.mail().retryInitial().toMillis();
        long max = config.mail().retryMax().toMillis();
        long wait = initial;
        for (int i = 1; i < attempts && wait < max; i++) {
            wait *= 2;
        }
        wait = Math.min(wait, max);
        return Duration.ofMillis(wait + ThreadLocalRandom.current().nextLong(wait / 5 + 1));
    }

    private void send(Outgoing mail) throws MessagingException {
        boolean auth = mail.user() != null;
        Session session = sessions.session("smtp", mail.security(), auth);
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", mail.messageId());
            }
        };
        try {
            message.setFrom(new InternetAddress(mail.fromAddress(), mail.fromName(), "UTF-8"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), mail.toName(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        if (mail.inReplyTo() != null) {
            message.setHeader("In-Reply-To", mail.inReplyTo());
        }
        if (mail.references() != null) {
            message.setHeader("References", mail.references());
        }
        if (mail.automatic()) {
            message.setHeader("Auto-Submitted", "auto-replied");
            message.setHeader("X-Auto-Response-Suppress", "All");
        }
        if (mail.ticketNumber() != null) {
            message.setHeader("X-Switchboard-Ticket", mail.ticketNumber());
        }
        if (mail.files().isEmpty()) {
            writeBody(message, mail);
        } else {
            MimeBodyPart body = new MimeBodyPart();
            writeBody(body, mail);
            MimeMultipart mixed = new MimeMultipart("mixed", body);
            for (File file : mail.files()) {
                mixed.addBodyPart(attachment(file));
            }
            message.setContent(mixed);
        }
        message.setSentDate(new java.util.Date());
        message.saveChanges();
        try (Transport transport = session.getTransport(MailSessions.protocol("smtp", mail.security()))) {
            transport.connect(mail.host(), mail.port(), mail.user(), mail.password());
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    private static void writeBody(MimePart part, Outgoing mail) throws MessagingException {
        if (mail.html() == null) {
            part.setText(mail.text(), StandardCharsets.UTF_8.name());
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setContent("<!DOCTYPE html><html><body>" + mail.html() + "</body></html>", "text/html; charset=UTF-8");
            part.setContent(new MimeMultipart("alternative", text, html));
        }
    }

    /** A file as a MIME part whose bytes are streamed from the store (base64, so they are read once). */
    private MimeBodyPart attachment(File file) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new DataSource() {
            @Override
            public InputStream getInputStream() {
                return uploads.open(file.key());
            }

            @Override
            public OutputStream getOutputStream() throws IOException {
                throw new IOException("read-only");
            }

            @Override
            public String getContentType() {
                return file.contentType();
            }

            @Override
            public String getName() {
                return file.fileName();
            }
        }));
        part.setFileName(file.fileName());
        part.setDisposition(Part.ATTACHMENT);
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    private static String describe(Exception e) {
        Throwable cause = e;
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            text.append("; ")
                    .append(cause.getClass().getSimpleName())
                    .append(": ")
                    .append(cause.getMessage());
        }
        return text.toString();
    }
}
