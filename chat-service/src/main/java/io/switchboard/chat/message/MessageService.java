package io.switchboard.chat.message;

import io.switchboard.chat.ChatEvents;
import io.switchboard.chat.message.MessageEvents.MessageCreated;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.socket.Fanout;
import io.switchboard.chat.socket.Frames;
import io.switchboard.chat.socket.SocketEvent;
import io.switchboard.chat.socket.SocketRegistry;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.tenant.TenantTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The messages of sessions: appending one with the session's next sequence number (the caller holds the session's
 * row lock), idempotent per client message id; history; read receipts. Each new message goes to the sockets of the
 * conversation after commit and out as {@code chat.message.created} through the outbox.
 */
@ApplicationScoped
public class MessageService implements SocketRegistry.MissedMessages {

    public static final int MAX_BODY = 5000;

    private final EntityManager em;
    private final Fanout fanout;
    private final Frames frames;
    private final ChatEvents events;
    private final TenantTasks tasks;

    public MessageService(EntityManager em, Fanout fanout, Frames frames, ChatEvents events, TenantTasks tasks) {
        this.em = em;
        this.fanout = fanout;
        this.frames = frames;
        this.events = events;
        this.tasks = tasks;
    }

    /**
     * Appends a message to a session the caller has locked. A message with a client id the session already has is
     * not stored again: the stored one is answered.
     */
    public MessageView append(ChatSession session, Sender sender, String type, String body, String clientMessageId) {
        return append(session, sender, type, body, clientMessageId, null);
    }

    /** Appends a message that carries a stored file (an {@code image} or {@code file} message). */
    public MessageView append(
            ChatSession session, Sender sender, String type, String body, String clientMessageId, ChatFile file) {
        if (clientMessageId != null) {
            Optional<ChatMessage> existing = em.createQuery(
                            "select m from ChatMessage m where m.sessionId = :session and m.clientMessageId = :client",
                            ChatMessage.class)
                    .setParameter("session", session.id)
                    .setParameter("client", clientMessageId)
                    .getResultStream()
                    .findFirst();
            if (existing.isPresent()) {
                return MessageView.of(existing.get());
            }
        }
        Instant now = Instant.now();
        session.lastSeq += 1;
        session.updatedAt = now;
        if (sender.isAgent() && session.firstResponseSeconds == null) {
            session.firstResponseSeconds =
                    (int) Duration.between(session.queuedAt, now).toSeconds();
        }
        ChatMessage message = new ChatMessage();
        message.id = Ids.newId();
        message.tenantId = session.tenantId;
        message.sessionId = session.id;
        message.seq = session.lastSeq;
        message.senderType = sender.type();
        message.senderId = sender.id();
        message.senderName = sender.name();
        message.messageType = type;
        message.body = body;
        message.clientMessageId = clientMessageId;
        message.createdAt = now;
        if (file != null) {
            message.attachmentId = file.id();
            message.attachmentKey = file.key();
            message.attachmentUrl = "/api/v1/chat/sessions/" + session.id + "/attachments/" + file.id() + "/content";
            message.attachmentName = file.name();
            message.attachmentSize = file.size();
            message.attachmentType = file.contentType();
            message.attachmentSha256 = file.sha256();
            message.attachmentDeclaredType = file.declaredType();
        }
        em.persist(message);
        em.flush();

        MessageView view = MessageView.of(message);
        fanout.publish(new SocketEvent(
                session.tenantId, session.id, true, agentsOf(session), view.seq(), frames.messageNew(view)));
        events.emit(
                EventTypes.CHAT_MESSAGE_CREATED,
                session.tenantId,
                session.id,
                new MessageCreated(
                        view.id(),
                        view.sessionId(),
                        view.seq(),
                        view.senderType(),
                        view.senderId(),
                        view.type(),
                        body == null ? 0 : body.length(),
                        file != null,
                        view.createdAt(),
                        file == null ? null : new MessageCreated.File(file.id(), file.contentType(), file.size())));
        return view;
    }

    /** A stored upload that a message carries. */
    public record ChatFile(
            UUID id, String key, String name, String contentType, long size, String sha256, String declaredType) {}

    /** Messages of a session after {@code afterSeq}, oldest first, at most {@code limit}. */
    @Transactional
    public List<MessageView> history(String tenantId, UUID sessionId, long afterSeq, int limit) {
        return em.createQuery(
                        "select m from ChatMessage m where m.tenantId = :tenant and m.sessionId = :session and m.seq >"
                                + " :after order by m.seq",
                        ChatMessage.class)
                .setParameter("tenant", tenantId)
                .setParameter("session", sessionId)
                .setParameter("after", afterSeq)
                .setMaxResults(limit)
                .getResultStream()
                .map(MessageView::of)
                .toList();
    }

    /** For sockets that missed messages; runs as a task of the tenant, on whatever thread delivers. */
    @Override
    public List<MessageView> between(String tenantId, UUID sessionId, long after, long before) {
        return tasks.run(
                tenantId,
                () -> history(tenantId, sessionId, after, (int) Math.max(0, Math.min(before - after - 1, 10_000))));
    }

    /**
     * Marks the other side's messages up to {@code upToSeq} read by {@code reader} ({@code visitor} or {@code agent});
     * returns how many changed.
     */
    public int markRead(ChatSession session, String reader, long upToSeq) {
        Instant now = Instant.now();
        int changed = em.createQuery("update ChatMessage m set m.readAt = :now where m.tenantId = :tenant and"
                        + " m.sessionId = :session and m.seq <= :upTo and m.readAt is null and m.senderType <> :reader"
                        + " and m.senderType <> 'system'")
                .setParameter("now", now)
                .setParameter("tenant", session.tenantId)
                .setParameter("session", session.id)
                .setParameter("upTo", upToSeq)
                .setParameter("reader", reader)
                .executeUpdate();
        var frame = frames.of(Frames.MESSAGE_READ, session.id);
        frame.put("upToSeq", upToSeq);
        frame.put("by", reader);
        frame.put("readAt", now.toString());
        fanout.publish(new SocketEvent(session.tenantId, session.id, true, agentsOf(session), null, frame));
        return changed;
    }

    /** The agents who follow a session's conversation: its assigned (or offered) agent. */
    public static List<String> agentsOf(ChatSession session) {
        return session.assignedTo == null ? List.of() : List.of(session.assignedTo);
    }
}
