package io.switchboard.helpdesk.mail;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.commons.db.LeaderLock;
import io.switchboard.commons.tenant.CrossTenant;
import io.switchboard.commons.tenant.TenantDirectory;
import io.switchboard.commons.tenant.TenantTasks;
import io.switchboard.helpdesk.config.HelpdeskConfig;
import io.switchboard.helpdesk.mailbox.MailboxCipher;
import io.switchboard.helpdesk.mailbox.Security;
import io.switchboard.helpdesk.mailbox.TenantMailbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads new mail from every enabled mailbox over IMAP. One instance of the deployment polls (a {@link LeaderLock});
 * the folder is opened read-only and nothing on the server changes: what was read is the cursor in the database
 * (UIDVALIDITY and the last UID imported), advanced with each import by {@link MailImporter}, so that a restart
 * resumes where the last poll stopped and reads nothing twice.
 */
@ApplicationScoped
public class MailPoller {

    /** What the poller needs of a mailbox, its password decrypted. */
    record Account(
            UUID id,
            String tenantId,
            String host,
            int port,
            Security security,
            String user,
            String password,
            String folder,
            Long uidValidity,
            long lastUid) {}

    private final EntityManager em;
    private final TenantTasks tasks;
    private final TenantDirectory directory;
    private final MailImporter importer;
    private final MailSessions sessions;
    private final MailboxCipher cipher;
    private final HelpdeskConfig config;
    private final LeaderLock leader = new LeaderLock("mail-poller");
    private final ReentrantLock running = new ReentrantLock();

    public MailPoller(
            EntityManager em,
            TenantTasks tasks,
            TenantDirectory directory,
            MailImporter importer,
            MailSessions sessions,
            MailboxCipher cipher,
            HelpdeskConfig config) {
        this.em = em;
        this.tasks = tasks;
        this.directory = directory;
        this.importer = importer;
        this.sessions = sessions;
        this.cipher = cipher;
        this.config = config;
    }

    @Scheduled(
            every = "${switchboard.helpdesk.mail.poll-every:30s}",
            delayed = "${switchboard.helpdesk.mail.poll-delay:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        pollAll();
    }

    /** Polls every enabled mailbox once, if this instance leads; returns how many mailboxes were read. */
    public int pollAll() {
        running.lock();
        try {
            if (!leader.tryAcquire()) {
                return 0;
            }
            List<Account> accounts = tasks.run(null, this::accounts);
            int read = 0;
            for (Account account : accounts) {
                boolean open = directory
                        .find(account.tenantId())
                        .map(t -> t.acceptsWrites(Instant.now()) && t.hasFeature("helpdesk"))
                        .orElse(false);
                if (open) {
                    poll(account);
                    read++;
                }
            }
            return read;
        } catch (SQLException e) {
            Log.warnf("Mail poller: no database for the leader lock: %s", e.toString());
            return 0;
        } finally {
            running.unlock();
        }
    }

    /** Reads one mailbox's new mail; a failure is noted on the mailbox (lastPollError) and retried next time. */
    void poll(Account account) {
        try {
            int imported = read(account);
            tasks.run(account.tenantId(), () -> importer.polled(account.id(), null));
            if (imported > 0) {
                Log.debugf("Mailbox %s: %d new mails", account.id(), imported);
            }
        } catch (MessagingException | RuntimeException e) {
            Log.warnf("Mailbox %s of %s could not be read: %s", account.id(), account.tenantId(), e.toString());
            tasks.run(account.tenantId(), () -> importer.polled(account.id(), describe(e)));
        }
    }

    private int read(Account account) throws MessagingException {
        var session = sessions.session("imap", account.security(), true);
        try (Store store = session.getStore(MailSessions.protocol("imap", account.security()))) {
            store.connect(
                    account.host(),
                    account.port(),
                    account.user(),
                    account.password() == null ? "" : account.password());
            Folder folder = store.getFolder(account.folder());
            folder.open(Folder.READ_ONLY);
            try {
                UIDFolder uids = (UIDFolder) folder;
                long validity = uids.getUIDValidity();
                long from = 1;
                if (account.uidValidity() != null && account.uidValidity() == validity) {
                    from = account.lastUid() + 1;
                } else {
                    tasks.run(account.tenantId(), () -> importer.resetCursor(account.id(), validity));
                }
                Message[] found = uids.getMessagesByUID(from, UIDFolder.MAXUID);
                FetchProfile profile = new FetchProfile();
                profile.add(UIDFolder.FetchProfileItem.UID);
                profile.add(FetchProfile.Item.SIZE);
                folder.fetch(found, profile);
                List<Message> fresh = new ArrayList<>();
                for (Message message : found) {
                    if (message != null && uids.getUID(message) >= from) {
                        fresh.add(message);
                    }
                }
                fresh.sort(Comparator.comparingLong(m -> uid(uids, m)));
                int count = 0;
                for (Message message :
                        fresh.subList(0, Math.min(fresh.size(), config.mail().batchSize()))) {
                    importOne(account, validity, uids.getUID(message), (MimeMessage) message);
                    count++;
                }
                return count;
            } finally {
                folder.close(false);
            }
        }
    }

    private void importOne(Account account, long validity, long uid, MimeMessage message) throws MessagingException {
        String fallbackId = "<" + validity + "." + uid + "." + account.id() + "@mailbox.switchboard.invalid>";
        String headerId = MailParser.firstId(message.getHeader("Message-ID", " "));
        String messageId = headerId == null ? fallbackId : headerId;
        if (message.getSize() > config.mail().maxMessageSize()) {
            tasks.run(account.tenantId(), () -> importer.drop(account.id(), validity, uid, messageId, "too_large"));
            return;
        }
        InboundMail mail;
        try {
            mail = MailParser.parse(new MimeMessage(message), fallbackId);
        } catch (FolderClosedException | StoreClosedException e) {
            throw e; // the connection, not the mail: read it again next time
        } catch (MessagingException | IOException | RuntimeException e) {
            Log.warnf("Mailbox %s: mail %s (UID %d) is unreadable and skipped: %s", account.id(), messageId, uid, e);
            tasks.run(
                    account.tenantId(),
                    () -> importer.drop(account.id(), validity, uid, messageId, "unreadable: " + e.getMessage()));
            return;
        }
        tasks.run(account.tenantId(), () -> importer.importMail(account.id(), validity, uid, mail));
    }

    /** The enabled mailboxes of every tenant, passwords decrypted. */
    @Transactional
    @CrossTenant
    List<Account> accounts() {
        List<TenantMailbox> mailboxes = em.createQuery(
                        "select b from TenantMailbox b where b.enabled = true order by b.createdAt",
                        TenantMailbox.class)
                .getResultList();
        List<Account> accounts = new ArrayList<>();
        for (TenantMailbox b : mailboxes) {
            try {
                accounts.add(new Account(
                        b.id,
                        b.tenantId,
                        b.imapHost,
                        b.imapPort,
                        Security.of(b.imapSecurity),
                        b.imapUser,
                        cipher.decrypt(b.imapPassword, b.id, "imap"),
                        b.imapFolder,
                        b.uidValidity,
                        b.lastUid));
            } catch (IllegalStateException e) {
                Log.warnf("Mailbox %s: its IMAP password cannot be decrypted: %s", b.id, e.getMessage());
            }
        }
        return accounts;
    }

    void stop(@Observes ShutdownEvent event) {
        leader.close();
    }

    private static long uid(UIDFolder folder, Message message) {
        try {
            return folder.getUID(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
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
