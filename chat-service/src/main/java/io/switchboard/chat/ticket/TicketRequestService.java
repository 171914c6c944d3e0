package io.switchboard.chat.ticket;

import io.switchboard.chat.ChatEvents;
import io.switchboard.chat.message.ChatMessage;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.session.SessionRepository;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Chat to ticket on an agent's request: {@code chat.session.ticket_requested} through the outbox with the visitor and
 * the transcript, which helpdesk-service turns into a ticket. Nothing is kept here but the event.
 */
@ApplicationScoped
public class TicketRequestService {

    /**
     * The transcript's text is capped so that the event stays well under Kafka's default message size (1 MB); a
     * longer chat ends with a system line saying where the rest is.
     */
    static final int MAX_TRANSCRIPT_CHARS = 400_000;

    private final SessionRepository sessions;
    private final EntityManager em;
    private final ChatEvents events;

    public TicketRequestService(SessionRepository sessions, EntityManager em, ChatEvents events) {
        this.sessions = sessions;
        this.em = em;
        this.events = events;
    }

    /**
     * Emits the request for a session of the tenant; only its agent, or someone with {@code chats:manage}, may ask.
     * Answers the request's id.
     */
    @Transactional
    public UUID request(String tenantId, UUID sessionId, String userId, boolean mayManage, String subject) {
        ChatSession session = sessions.find(tenantId, sessionId)
                .orElseThrow(() -> ProblemException.notFound("Session", sessionId.toString()));
        if (!mayManage && !userId.equals(session.assignedTo)) {
            throw ProblemException.forbidden("Only the session's agent or chats:manage can ask for a ticket from it");
        }
        List<ChatMessage> messages = em.createQuery(
                        "select m from ChatMessage m where m.tenantId = :tenant and m.sessionId = :session order by"
                                + " m.seq",
                        ChatMessage.class)
                .setParameter("tenant", tenantId)
                .setParameter("session", sessionId)
                .getResultList();
        List<TicketRequest.Line> transcript = new ArrayList<>();
        int chars = 0;
        for (ChatMessage m : messages) {
            int length = m.body == null ? 0 : m.body.length();
            if (chars + length > MAX_TRANSCRIPT_CHARS) {
                transcript.add(new TicketRequest.Line(
                        m.seq,
                        "system",
                        "System",
                        "The transcript is cut here; the whole chat is session " + sessionId + " in chat-service",
                        m.createdAt));
                break;
            }
            chars += length;
            transcript.add(new TicketRequest.Line(m.seq, m.senderType, m.senderName, m.body, m.createdAt));
        }
        UUID id = Ids.newId();
        events.emit(
                EventTypes.CHAT_SESSION_TICKET_REQUESTED,
                tenantId,
                sessionId,
                new TicketRequest(
                        id,
                        sessionId,
                        session.widgetId,
                        new TicketRequest.Visitor(session.visitorName, session.visitorEmail, session.visitorPhone),
                        userId,
                        subject,
                        transcript));
        return id;
    }
}
