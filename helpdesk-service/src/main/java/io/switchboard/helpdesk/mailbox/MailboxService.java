package io.switchboard.helpdesk.mailbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.MergePatches;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.api.Times;
import io.switchboard.commons.db.PagedQuery;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.problem.Validation;
import io.switchboard.helpdesk.contact.EmailAddresses;
import io.switchboard.helpdesk.ticket.References;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The tenant's mailboxes: where support mail is read (IMAP) and replies are sent (SMTP). Servers must be public hosts
 * unless the deployment allows private ones; passwords are stored encrypted and never shown. One IMAP account and
 * folder is read by one mailbox of the deployment.
 */
@ApplicationScoped
public class MailboxService {

    public static final Map<String, String> SORTABLE =
            Map.of("name", "lower(b.name)", "createdAt", "b.createdAt", "updatedAt", "b.updatedAt");
    private static final Set<String> READ_ONLY =
            Set.of("id", "lastPolledAt", "lastPollError", "queuedMails", "createdAt", "updatedAt", "version");

    private final EntityManager em;
    private final MergePatches patches;
    private final MailServers servers;
    private final MailboxCipher cipher;
    private final References references;

    public MailboxService(
            EntityManager em, MergePatches patches, MailServers servers, MailboxCipher cipher, References references) {
        this.em = em;
        this.references = references;
        this.patches = patches;
        this.servers = servers;
        this.cipher = cipher;
    }

    @Transactional
    public MailboxView create(String tenantId, MailboxDraft request) {
        MailboxDraft draft = new MailboxDraft(
                request.name(),
                request.enabled() == null ? Boolean.TRUE : request.enabled(),
                request.imap(),
                request.smtp(),
                request.fromAddress(),
                request.fromName(),
                request.sendAcknowledgement() == null ? Boolean.FALSE : request.sendAcknowledgement(),
                request.category(),
                request.teamId());
        MailboxDraft checked = validate(draft);
        references.check(tenantId, null, null, null, checked.teamId());
        Instant now = Instant.now();
        TenantMailbox mailbox = new TenantMailbox();
        mailbox.id = Ids.newId();
        mailbox.tenantId = tenantId;
        mailbox.createdAt = now;
        mailbox.updatedAt = now;
        apply(checked, mailbox);
        mailbox.imapPassword = encrypt(checked.imap().password(), mailbox.id, "imap");
        mailbox.smtpPassword = encrypt(checked.smtp().password(), mailbox.id, "smtp");
        em.persist(mailbox);
        flushAccount();
        return toView(mailbox);
    }

    @Transactional
    public MailboxView get(String tenantId, UUID id) {
        return toView(require(tenantId, id));
    }

    @Transactional
    public Page<MailboxView> list(String tenantId, PageRequest page) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenant", tenantId);
        return PagedQuery.page(em, TenantMailbox.class, "b", "b.tenantId = :tenant", parameters, page, "b.id")
                .map(this::toView);
    }

    /**
     * A merge patch; {@code imap.password} / {@code smtp.password} set a new password, null removes it. A changed IMAP
     * account starts reading it from the beginning (mail already imported is recognized by its Message-ID); queued
     * mail is retried at once with the new settings.
     */
    @Transactional
    public MailboxView update(String tenantId, UUID id, JsonNode patch, String ifMatch) {
        TenantMailbox mailbox = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, mailbox.version);
        MailboxView before = toView(mailbox);
        MergePatches.Patched<MailboxDraft> patched =
                patches.apply(toDraft(mailbox), patch, MailboxDraft.class, READ_ONLY, before);
        Optional<String> imapPassword = passwordIn(patch, "imap");
        Optional<String> smtpPassword = passwordIn(patch, "smtp");
        boolean passwordsGiven =
                patch.path("imap").has("password") || patch.path("smtp").has("password");
        if (!patched.changedAny() && !passwordsGiven) {
            return before;
        }
        MailboxDraft checked = validate(patched.draft());
        references.check(tenantId, null, mailbox.teamId, null, checked.teamId());
        String account = account(mailbox);
        apply(checked, mailbox);
        if (patch.path("imap").has("password")) {
            mailbox.imapPassword = encrypt(imapPassword.orElse(null), mailbox.id, "imap");
        }
        if (patch.path("smtp").has("password")) {
            mailbox.smtpPassword = encrypt(smtpPassword.orElse(null), mailbox.id, "smtp");
        }
        if (!account.equals(account(mailbox))) {
            mailbox.uidValidity = null;
            mailbox.lastUid = 0;
        }
        mailbox.lastPollError = null;
        mailbox.updatedAt = Instant.now();
        flushAccount();
        em.createNativeQuery("update outbound_mail set next_attempt_at = now() where mailbox_id = :mailbox"
                        + " and status = 'queued'")
                .setParameter("mailbox", id)
                .executeUpdate();
        return toView(mailbox);
    }

    @Transactional
    public void delete(String tenantId, UUID id) {
        em.remove(require(tenantId, id));
        em.flush();
    }

    /** A mailbox of the tenant, or 404 (also for another tenant's id). */
    public TenantMailbox require(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(TenantMailbox.class, id))
                .filter(b -> b.tenantId.equals(tenantId))
                .orElseThrow(() -> ProblemException.notFound("Mailbox", id.toString()));
    }

    private MailboxDraft validate(MailboxDraft draft) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        if (draft.imap() != null
                && draft.imap().host() != null
                && !draft.imap().host().isBlank()) {
            String problem = servers.problem(draft.imap().host());
            if (problem != null) {
                validation.add("imap.host", problem);
            }
        }
        if (draft.smtp() != null
                && draft.smtp().host() != null
                && !draft.smtp().host().isBlank()) {
            String problem = servers.problem(draft.smtp().host());
            if (problem != null) {
                validation.add("smtp.host", problem);
            }
        }
        String from = null;
        if (draft.fromAddress() != null && !draft.fromAddress().isBlank()) {
            from = EmailAddresses.normalize(draft.fromAddress()).orElse(null);
            if (from == null) {
                validation.add("fromAddress", "is not an e-mail address");
            }
        }
        if (draft.smtp() != null
                && (draft.smtp().user() == null || draft.smtp().user().isBlank())
                && draft.smtp().password() != null) {
            validation.add("smtp.user", "is needed with a password");
        }
        validation.throwIfInvalid();
        return new MailboxDraft(
                draft.name().strip(),
                draft.enabled(),
                draft.imap(),
                draft.smtp(),
                from,
                draft.fromName(),
                draft.sendAcknowledgement(),
                draft.category() == null || draft.category().isBlank()
                        ? null
                        : draft.category().strip(),
                draft.teamId());
    }

    /**
     * Flushes, turning a clash on the deployment-wide unique IMAP account (which sees every tenant's mailboxes, where
     * row-level security would hide them from a query) into a 409.
     */
    private void flushAccount() {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException c
                    && c.getConstraintName() != null
                    && c.getConstraintName().contains("mailbox_imap_account")) {
                throw new ProblemException(Problem.of(
                                ProblemType.ALREADY_EXISTS,
                                "Another mailbox already reads this IMAP account and folder; one account is read by"
                                        + " one mailbox, or its mail would be imported twice")
                        .withErrors(List.of(new FieldError("imap.user", "is read by another mailbox"))));
            }
            throw e;
        }
    }

    private String encrypt(String password, UUID id, String server) {
        return password == null || password.isEmpty() ? null : cipher.encrypt(password, id, server);
    }

    private static Optional<String> passwordIn(JsonNode patch, String server) {
        JsonNode node = patch.path(server).path("password");
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static String account(TenantMailbox b) {
        return b.imapHost.toLowerCase(Locale.ROOT) + ":" + b.imapPort + ":" + b.imapUser.toLowerCase(Locale.ROOT) + ":"
                + b.imapFolder;
    }

    private static void apply(MailboxDraft d, TenantMailbox b) {
        b.name = d.name();
        b.enabled = d.enabled();
        Security imapSecurity =
                d.imap().security() == null ? Security.TLS : d.imap().security();
        b.imapHost = d.imap().host().strip();
        b.imapSecurity = imapSecurity.toString();
        b.imapPort = d.imap().port() != null ? d.imap().port() : imapSecurity == Security.TLS ? 993 : 143;
        b.imapUser = d.imap().user().strip();
        b.imapFolder = d.imap().folder() == null || d.imap().folder().isBlank()
                ? "INBOX"
                : d.imap().folder().strip();
        Security smtpSecurity =
                d.smtp().security() == null ? Security.STARTTLS : d.smtp().security();
        b.smtpHost = d.smtp().host().strip();
        b.smtpSecurity = smtpSecurity.toString();
        b.smtpPort = d.smtp().port() != null
                ? d.smtp().port()
                : switch (smtpSecurity) {
                    case TLS -> 465;
                    case STARTTLS -> 587;
                    case NONE -> 25;
                };
        b.smtpUser = d.smtp().user() == null || d.smtp().user().isBlank()
                ? null
                : d.smtp().user().strip();
        b.fromAddress = d.fromAddress();
        b.fromName = d.fromName() == null || d.fromName().isBlank()
                ? null
                : d.fromName().strip();
        b.sendAcknowledgement = Boolean.TRUE.equals(d.sendAcknowledgement());
        b.category = d.category();
        b.teamId = d.teamId();
    }

    private static MailboxDraft toDraft(TenantMailbox b) {
        return new MailboxDraft(
                b.name,
                b.enabled,
                new MailboxDraft.Imap(
                        b.imapHost, b.imapPort, Security.of(b.imapSecurity), b.imapUser, null, b.imapFolder),
                new MailboxDraft.Smtp(b.smtpHost, b.smtpPort, Security.of(b.smtpSecurity), b.smtpUser, null),
                b.fromAddress,
                b.fromName,
                b.sendAcknowledgement,
                b.category,
                b.teamId);
    }

    MailboxView toView(TenantMailbox b) {
        long queued = ((Number) em.createNativeQuery(
                                "select count(*) from outbound_mail where mailbox_id = :id and status = 'queued'")
                        .setParameter("id", b.id)
                        .getSingleResult())
                .longValue();
        return new MailboxView(
                b.id,
                b.name,
                b.enabled,
                new MailboxView.Imap(
                        b.imapHost,
                        b.imapPort,
                        Security.of(b.imapSecurity),
                        b.imapUser,
                        b.imapPassword != null,
                        b.imapFolder),
                new MailboxView.Smtp(
                        b.smtpHost, b.smtpPort, Security.of(b.smtpSecurity), b.smtpUser, b.smtpPassword != null),
                b.fromAddress,
                b.fromName,
                b.sendAcknowledgement,
                b.category,
                b.teamId,
                Times.utc(b.lastPolledAt),
                b.lastPollError,
                queued,
                Times.utc(b.createdAt),
                Times.utc(b.updatedAt),
                b.version);
    }
}
