package io.switchboard.chat.upload;

import io.switchboard.chat.message.ChatMessage;
import io.switchboard.chat.message.MessageService.ChatFile;
import io.switchboard.chat.message.MessageView;
import io.switchboard.chat.message.Sender;
import io.switchboard.chat.session.SessionService;
import io.switchboard.chat.session.SessionStatus;
import io.switchboard.chat.session.SessionView;
import io.switchboard.chat.widget.Widget;
import io.switchboard.chat.widget.WidgetDraft;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.storage.MultipartForm;
import io.switchboard.commons.storage.StoredObject;
import io.switchboard.commons.storage.UploadPolicy;
import io.switchboard.commons.storage.Uploads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

/**
 * Files sent in chats, by the visitor or the session's agent: checked while they stream (type detected from the bytes,
 * the widget's size and type limits), stored under {@code <tenantId>/chat/<id>} before the message that carries them
 * is written (an {@code image} or {@code file} message, delivered like any other); a message that cannot be written
 * deletes the object again. Downloads for the visitor of the session and for the tenant's agents.
 */
@ApplicationScoped
public class ChatUploadService {

    /** The service's segment of object keys. */
    public static final String SERVICE = "chat";

    private final EntityManager em;
    private final SessionService sessions;
    private final Uploads uploads;
    private final TransactionSynchronizationRegistry transactions;

    public ChatUploadService(
            EntityManager em,
            SessionService sessions,
            Uploads uploads,
            TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.sessions = sessions;
        this.uploads = uploads;
        this.transactions = transactions;
    }

    /** A file's bytes for a download (the caller closes the stream). */
    public record Content(String fileName, String contentType, long size, InputStream stream) {}

    /** What the widget lets a chat's files be. */
    public static UploadPolicy policy(Widget widget) {
        WidgetDraft.Behaviour behaviour = widget.config.behaviour();
        return new UploadPolicy(behaviour.maxUploadBytes(), behaviour.allowedUploadTypes());
    }

    /**
     * Stores a file sent as {@code multipart/form-data} (part {@code file}) in a session and sends it as a message.
     * The session is checked before the body is read; the bytes go to the store outside any transaction.
     */
    public MessageView upload(
            String tenantId, UUID sessionId, Sender sender, UploadPolicy policy, String contentType, InputStream body)
            throws IOException {
        SessionView session = sessions.get(tenantId, sessionId);
        if (session.status().isOver()) {
            throw new ProblemException(ProblemType.INVALID_STATE_TRANSITION, "The session is " + session.status());
        }
        if (sender.isAgent()
                && (session.status() != SessionStatus.ACTIVE || !sender.id().equals(session.assignedTo()))) {
            throw ProblemException.forbidden("Only the session's agent sends files in it, once the session is active");
        }
        record Upload(StoredObject object, String declaredType) {}
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
        StoredObject object = form.file().object();
        try {
            return sessions.sendFile(
                    tenantId,
                    sessionId,
                    sender,
                    new ChatFile(
                            object.id(),
                            object.key(),
                            object.fileName(),
                            object.contentType(),
                            object.size(),
                            object.sha256(),
                            clip(form.file().declaredType())));
        } catch (RuntimeException e) {
            uploads.deleteQuietly(object.key());
            throw e;
        }
    }

    /**
     * The bytes of a file sent in a session of the tenant.
     *
     * @throws ProblemException 404 when the session has no such file
     */
    @Transactional
    public Content open(String tenantId, UUID sessionId, UUID attachmentId) {
        ChatMessage message = em.createQuery(
                        "select m from ChatMessage m where m.tenantId = :tenant and m.sessionId = :session and"
                                + " m.attachmentId = :id and m.attachmentKey is not null",
                        ChatMessage.class)
                .setParameter("tenant", tenantId)
                .setParameter("session", sessionId)
                .setParameter("id", attachmentId)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("Attachment", attachmentId.toString()));
        return new Content(
                message.attachmentName,
                message.attachmentType,
                message.attachmentSize,
                uploads.open(message.attachmentKey));
    }

    /**
     * Deletes the objects of the files sent in a widget's sessions once the widget's deletion (which removes its
     * sessions and their messages) commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetWidget(String tenantId, UUID widgetId) {
        List<String> keys = em.createQuery(
                        "select m.attachmentKey from ChatMessage m where m.tenantId = :tenant and m.attachmentKey is"
                                + " not null and m.sessionId in (select s.id from ChatSession s where s.widgetId ="
                                + " :widget)",
                        String.class)
                .setParameter("tenant", tenantId)
                .setParameter("widget", widgetId)
                .getResultList();
        if (keys.isEmpty()) {
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    keys.forEach(uploads::deleteQuietly);
                }
            }
        });
    }

    private static String clip(String value) {
        return value == null ? null : value.length() > 255 ? value.substring(0, 255) : value;
    }
}
