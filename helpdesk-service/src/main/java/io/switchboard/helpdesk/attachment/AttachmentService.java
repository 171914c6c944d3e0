package io.switchboard.helpdesk.attachment;

import io.quarkus.logging.Log;
import io.switchboard.commons.api.Times;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.storage.FileNames;
import io.switchboard.commons.storage.MultipartForm;
import io.switchboard.commons.storage.StoredObject;
import io.switchboard.commons.storage.UploadPolicy;
import io.switchboard.commons.storage.Uploads;
import io.switchboard.helpdesk.Actor;
import io.switchboard.helpdesk.HelpdeskEvents;
import io.switchboard.helpdesk.mail.InboundMail;
import io.switchboard.helpdesk.message.TicketMessage;
import io.switchboard.helpdesk.settings.SettingsService;
import io.switchboard.helpdesk.ticket.Ticket;
import io.switchboard.helpdesk.ticket.TicketService;
import io.switchboard.helpdesk.ticket.TicketStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The files of tickets: uploaded by agents (to the ticket, or to one of its messages), or read from requesters' mail;
 * their bytes in the object store under {@code <tenantId>/helpdesk/<id>}, their metadata in {@code
 * message_attachment}. An upload is checked while it streams (type detected from the bytes, the tenant's limits) and
 * stored before its row is written; a row that then cannot be written deletes the object again, and so does a rolled
 * back mail import. Attachments of internal notes are seen only by those who see internal notes, and never mailed.
 */
@ApplicationScoped
public class AttachmentService {

    /** The service's segment of object keys. */
    public static final String SERVICE = "helpdesk";

    private final EntityManager em;
    private final TicketService tickets;
    private final SettingsService settings;
    private final Uploads uploads;
    private final HelpdeskEvents events;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;

    public AttachmentService(
            EntityManager em,
            TicketService tickets,
            SettingsService settings,
            Uploads uploads,
            HelpdeskEvents events,
            TransactionSynchronizationRegistry transactions,
            Clock clock) {
        this.em = em;
        this.tickets = tickets;
        this.settings = settings;
        this.uploads = uploads;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What an upload endpoint stored, and the type the client declared for it. */
    record Upload(StoredObject object, String declaredType) {}

    /** An attachment's bytes for a download (the caller closes the stream). */
    public record Content(String fileName, String contentType, long size, InputStream stream) {}

    /**
     * Stores a file uploaded as {@code multipart/form-data} (part {@code file}, optional {@code messageId}) on a ticket.
     * The ticket is checked before the body is read; the bytes go to the store outside any transaction.
     */
    public AttachmentView upload(
            String tenantId, UUID ticketId, UUID messageId, String contentType, InputStream body, Actor actor)
            throws IOException {
        UploadPolicy policy = prepare(tenantId, ticketId);
        MultipartForm.Result<Upload> form = MultipartForm.read(
                contentType,
                body,
                Uploads.FIELD,
                (name, declared, in) -> new Upload(uploads.store(tenantId, SERVICE, name, in, policy), declared),
                upload -> uploads.deleteQuietly(upload.object().key()));
        if (form.file() == null) {
            throw ProblemException.invalid(
                    Uploads.FIELD, "is required: send the file as the multipart part named file");
        }
        try {
            UUID target = messageId != null
                    ? messageId
                    : uuid("messageId", form.fields().get("messageId"));
            return record(tenantId, ticketId, target, form.file(), actor);
        } catch (RuntimeException e) {
            uploads.deleteQuietly(form.file().object().key());
            throw e;
        }
    }

    /** The tenant's upload policy, once the ticket is known to take files. */
    @Transactional
    UploadPolicy prepare(String tenantId, UUID ticketId) {
        requireOpen(tickets.require(tenantId, ticketId));
        return settings.attachmentPolicy(tenantId);
    }

    @Transactional
    AttachmentView record(String tenantId, UUID ticketId, UUID messageId, Upload upload, Actor actor) {
        Ticket ticket = tickets.require(tenantId, ticketId);
        requireOpen(ticket);
        TicketMessage message = null;
        if (messageId != null) {
            message = Optional.ofNullable(em.find(TicketMessage.class, messageId))
                    .filter(m -> m.tenantId.equals(tenantId) && m.ticketId.equals(ticketId))
                    .filter(m -> actor.seesInternal() || !m.internal)
                    .orElseThrow(() -> ProblemException.invalid("messageId", "is not a message of this ticket"));
        }
        StoredObject object = upload.object();
        Attachment a = new Attachment();
        a.id = object.id();
        a.tenantId = tenantId;
        a.ticketId = ticketId;
        a.messageId = messageId;
        a.fileName = object.fileName();
        a.contentType = object.contentType();
        a.declaredType = clip(upload.declaredType(), 255);
        a.size = object.size();
        a.storageKey = object.key();
        a.sha256 = object.sha256();
        a.source = "upload";
        a.uploadedBy = actor.userId();
        a.createdAt = clock.instant();
        em.persist(a);
        em.flush();
        AttachmentView view = toView(a, message != null && message.internal);
        events.emit(EventTypes.HELPDESK_TICKET_ATTACHMENT_ADDED, tenantId, "ticket", ticketId, view);
        return view;
    }

    /**
     * Stores the attachments of a mail that joins {@code message}, in the import's transaction, under the tenant's
     * limits: a file over them keeps its metadata with the reason its bytes were not kept. A rollback of the import
     * deletes what was stored. The store being unreachable fails the import, so that the mail is read again later.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void storeFromMail(Ticket ticket, TicketMessage message, List<InboundMail.Attachment> files) {
        if (files.isEmpty()) {
            return;
        }
        UploadPolicy policy = settings.attachmentPolicy(ticket.tenantId);
        List<String> stored = new ArrayList<>();
        deleteOnRollback(stored);
        for (InboundMail.Attachment file : files) {
            Attachment a = new Attachment();
            a.tenantId = ticket.tenantId;
            a.ticketId = ticket.id;
            a.messageId = message.id;
            a.fileName = FileNames.clean(file.fileName());
            a.declaredType = clip(file.contentType(), 255);
            a.source = "mail";
            a.createdAt = message.createdAt;
            Uploads.Stored result;
            try (InputStream in = file.content().open()) {
                result = uploads.storeChecked(ticket.tenantId, SERVICE, file.fileName(), in, policy);
            } catch (IOException e) {
                throw new IllegalStateException("Attachment " + a.fileName + " of the mail cannot be read", e);
            }
            if (result.object() != null) {
                StoredObject object = result.object();
                stored.add(object.key());
                a.id = object.id();
                a.contentType = object.contentType();
                a.size = object.size();
                a.storageKey = object.key();
                a.sha256 = object.sha256();
            } else {
                a.id = Ids.newId();
                Object detected = result.refusal().extensions().get("contentType");
                a.contentType = detected != null ? detected.toString() : clip(file.contentType(), 255);
                a.size = file.size();
                a.notStoredReason = result.refusal().status() == 413
                        ? "too_large"
                        : result.refusal().status() == 415 ? "type_not_allowed" : "refused";
            }
            em.persist(a);
        }
        em.flush();
    }

    /**
     * Attaches files uploaded to the ticket earlier (not yet to a message) to a new message, in its transaction:
     * {@code attachmentIds} of a reply. A public reply then mails them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void attach(TicketMessage message, List<UUID> attachmentIds) {
        if (attachmentIds == null || attachmentIds.isEmpty()) {
            return;
        }
        Set<UUID> wanted = new HashSet<>(attachmentIds);
        List<Attachment> found = em.createQuery(
                        "select a from Attachment a where a.tenantId = :tenant and a.ticketId = :ticket and a.id in"
                                + " (:ids) and a.messageId is null and a.storageKey is not null",
                        Attachment.class)
                .setParameter("tenant", message.tenantId)
                .setParameter("ticket", message.ticketId)
                .setParameter("ids", wanted)
                .getResultList();
        if (found.size() != wanted.size()) {
            throw ProblemException.invalid(
                    "attachmentIds",
                    "must name files uploaded to this ticket and not yet attached to a message ("
                            + (wanted.size() - found.size()) + " do not)");
        }
        found.forEach(a -> a.messageId = message.id);
        em.flush();
    }

    @Transactional
    public List<AttachmentView> list(String tenantId, UUID ticketId, Actor actor) {
        tickets.require(tenantId, ticketId);
        return em.createQuery(
                        "select a, m.internal from Attachment a left join TicketMessage m on m.id = a.messageId where"
                                + " a.tenantId = :tenant and a.ticketId = :ticket"
                                + (actor.seesInternal() ? "" : " and (m.internal is null or m.internal = false)")
                                + " order by a.createdAt, a.id",
                        Object[].class)
                .setParameter("tenant", tenantId)
                .setParameter("ticket", ticketId)
                .getResultStream()
                .map(row -> toView((Attachment) row[0], Boolean.TRUE.equals(row[1])))
                .toList();
    }

    @Transactional
    public AttachmentView get(String tenantId, UUID ticketId, UUID id, Actor actor) {
        tickets.require(tenantId, ticketId);
        Attachment a = visible(tenantId, ticketId, id, actor);
        return toView(a, internal(a));
    }

    /**
     * The bytes of an attachment of a ticket that is not deleted.
     *
     * @throws ProblemException 404 when there is no such attachment for this actor, or its bytes were not kept
     */
    @Transactional
    public Content open(String tenantId, UUID ticketId, UUID id, Actor actor) {
        tickets.require(tenantId, ticketId);
        Attachment a = visible(tenantId, ticketId, id, actor);
        if (a.storageKey == null) {
            throw new ProblemException(
                    ProblemType.NOT_FOUND,
                    "The bytes of attachment '" + id + "' were not kept"
                            + (a.notStoredReason == null ? "" : " (" + a.notStoredReason + ")"));
        }
        return new Content(a.fileName, a.contentType, a.size, uploads.open(a.storageKey));
    }

    /** Deletes an attachment; its object goes once the deletion is committed. */
    @Transactional
    public void delete(String tenantId, UUID ticketId, UUID id, Actor actor) {
        tickets.require(tenantId, ticketId);
        Attachment a = visible(tenantId, ticketId, id, actor);
        AttachmentView view = toView(a, internal(a));
        em.remove(a);
        em.flush();
        if (a.storageKey != null) {
            String key = a.storageKey;
            transactions.registerInterposedSynchronization(new AfterCompletion(status -> {
                if (status == Status.STATUS_COMMITTED) {
                    uploads.deleteQuietly(key);
                }
            }));
        }
        events.emit(EventTypes.HELPDESK_TICKET_ATTACHMENT_DELETED, tenantId, "ticket", ticketId, view);
    }

    /** The attachments of messages, by message id (for the messages' views). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, List<AttachmentView>> ofMessages(Collection<UUID> messageIds, Map<UUID, Boolean> internalById) {
        Map<UUID, List<AttachmentView>> result = new HashMap<>();
        if (messageIds.isEmpty()) {
            return result;
        }
        em.createQuery(
                        "select a from Attachment a where a.messageId in (:ids) order by a.createdAt, a.id",
                        Attachment.class)
                .setParameter("ids", messageIds)
                .getResultStream()
                .forEach(a -> result.computeIfAbsent(a.messageId, k -> new ArrayList<>())
                        .add(toView(a, Boolean.TRUE.equals(internalById.get(a.messageId)))));
        return result;
    }

    /**
     * Deletes the objects of the attachments of tickets deleted before {@code cutoff}, before the retention job
     * removes the tickets (and with them the rows) in the same transaction; those tickets stay locked meanwhile. The
     * store being unreachable fails the run, which the next one repeats.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteObjectsOfTicketsDeletedBefore(Instant cutoff) {
        @SuppressWarnings("unchecked")
        List<String> keys = em.createNativeQuery("select a.storage_key from message_attachment a where a.ticket_id in"
                        + " (select t.id from ticket t where t.deleted_at < :cutoff for update) and a.storage_key is"
                        + " not null")
                .setParameter("cutoff", cutoff)
                .getResultList();
        uploads.deleteAll(keys);
        if (!keys.isEmpty()) {
            Log.infof("Retention deleted %d attachment objects", keys.size());
        }
        return keys.size();
    }

    private Attachment visible(String tenantId, UUID ticketId, UUID id, Actor actor) {
        return Optional.ofNullable(em.find(Attachment.class, id))
                .filter(a -> a.tenantId.equals(tenantId) && a.ticketId.equals(ticketId))
                .filter(a -> actor.seesInternal() || !internal(a))
                .orElseThrow(() -> ProblemException.notFound("Attachment", id.toString()));
    }

    private boolean internal(Attachment a) {
        if (a.messageId == null) {
            return false;
        }
        TicketMessage m = em.find(TicketMessage.class, a.messageId);
        return m != null && m.internal;
    }

    private static void requireOpen(Ticket ticket) {
        if (ticket.status() == TicketStatus.CLOSED) {
            throw new ProblemException(
                    ProblemType.CONFLICT, "Ticket " + ticket.number + " is closed and takes no more files");
        }
    }

    private void deleteOnRollback(List<String> keys) {
        transactions.registerInterposedSynchronization(new AfterCompletion(status -> {
            if (status != Status.STATUS_COMMITTED) {
                keys.forEach(uploads::deleteQuietly);
            }
        }));
    }

    static AttachmentView toView(Attachment a, boolean internal) {
        return new AttachmentView(
                a.id,
                a.ticketId,
                a.messageId,
                a.fileName,
                a.contentType,
                a.size,
                a.sha256,
                a.source,
                a.uploadedBy,
                internal,
                a.storageKey == null ? null : "/api/v1/tickets/" + a.ticketId + "/attachments/" + a.id + "/content",
                a.notStoredReason,
                Times.utc(a.createdAt));
    }

    private static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be a UUID");
        }
    }

    private static String clip(String value, int max) {
        return value == null ? null : value.length() > max ? value.substring(0, max) : value;
    }

    /** Runs after the transaction ends, with its status. */
    private record AfterCompletion(java.util.function.IntConsumer action) implements Synchronization {
        @Override
        public void beforeCompletion() {}

        @Override
        public void afterCompletion(int status) {
            action.accept(status);
        }
    }
}
