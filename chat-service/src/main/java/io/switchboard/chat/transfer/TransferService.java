package io.switchboard.chat.transfer;

import io.switchboard.chat.Actor;
import io.switchboard.chat.ChatEvents;
import io.switchboard.chat.agent.AgentRepository;
import io.switchboard.chat.agent.Assignment;
import io.switchboard.chat.agent.Assignment.Claimed;
import io.switchboard.chat.agent.TeamIds;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.chat.message.MessageService;
import io.switchboard.chat.message.MessageType;
import io.switchboard.chat.message.Sender;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.session.SessionRepository;
import io.switchboard.chat.session.SessionService;
import io.switchboard.chat.session.SessionStatus;
import io.switchboard.chat.session.SessionView;
import io.switchboard.chat.socket.Fanout;
import io.switchboard.chat.socket.Frames;
import io.switchboard.chat.socket.SocketEvent;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.tenant.CrossTenant;
import io.switchboard.commons.tenant.TeamDirectory;
import io.switchboard.commons.tenant.TeamEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Transfers of active sessions, agent to agent or to a team: pending until the receiver accepts (within their
 * capacity; the session moves, the sender's room is given back) or rejects, or until the timeout (it stays with the
 * sender). At most one pending transfer per session.
 */
@ApplicationScoped
public class TransferService {

    /** The data of {@code chat.transfer.*} events: the transfer and the session it is about. */
    public record TransferEvent(TransferView transfer, SessionView session) {}

    private final EntityManager em;
    private final SessionRepository sessions;
    private final SessionService sessionService;
    private final MessageService messages;
    private final Assignment assignment;
    private final AgentRepository agents;
    private final ChatEvents events;
    private final Fanout fanout;
    private final Frames frames;
    private final ChatConfig config;
    private final TeamDirectory teams;

    public TransferService(
            EntityManager em,
            SessionRepository sessions,
            SessionService sessionService,
            MessageService messages,
            Assignment assignment,
            AgentRepository agents,
            ChatEvents events,
            Fanout fanout,
            Frames frames,
            ChatConfig config,
            TeamDirectory teams) {
        this.teams = teams;
        this.em = em;
        this.sessions = sessions;
        this.sessionService = sessionService;
        this.messages = messages;
        this.assignment = assignment;
        this.agents = agents;
        this.events = events;
        this.fanout = fanout;
        this.frames = frames;
        this.config = config;
    }

    @Transactional
    public TransferView request(String tenantId, UUID sessionId, TransferRequest request, Actor actor) {
        Validation validation = new Validation();
        boolean toAgent = request.toAgentId() != null && !request.toAgentId().isBlank();
        boolean toTeam = request.toTeam() != null && !request.toTeam().isBlank();
        if (toAgent == toTeam) {
            validation.add("toAgentId", "name either an agent (toAgentId) or a team (toTeam)");
        }
        if (request.reason() != null && request.reason().length() > 500) {
            validation.add("reason", "must be at most 500 characters");
        }
        validation.throwIfInvalid();
        if (toTeam && !TeamIds.isTeam(teams, tenantId, request.toTeam())) {
            throw ProblemException.unknownReference(
                    "toTeam", "'" + request.toTeam() + "' is not a team of this tenant");
        }
        ChatSession session = sessions.lock(tenantId, sessionId)
                .orElseThrow(() -> ProblemException.notFound("Session", sessionId.toString()));
        if (session.status() != SessionStatus.ACTIVE) {
            throw new ProblemException(
                    ProblemType.INVALID_STATE_TRANSITION,
                    "Only active sessions are transferred; it is " + session.status);
        }
        if (!actor.userId().equals(session.assignedTo) && !actor.mayManageAgents()) {
            throw ProblemException.forbidden("Only the session's agent or a supervisor (agents:manage) transfers it");
        }
        if (toAgent) {
            if (request.toAgentId().equals(session.assignedTo)) {
                throw ProblemException.invalid("toAgentId", "is already the session's agent");
            }
            if (agents.find(tenantId, request.toAgentId()).isEmpty()) {
                throw ProblemException.invalid("toAgentId", "is not a chat agent of the tenant");
            }
        }
        boolean pending = !em.createQuery(
                        "select t.id from ChatTransfer t where t.sessionId = :session and t.status = 'pending'")
                .setParameter("session", sessionId)
                .getResultList()
                .isEmpty();
        if (pending) {
            throw new ProblemException(ProblemType.CONFLICT, "The session already has a pending transfer");
        }
        Instant now = Instant.now();
        ChatTransfer transfer = new ChatTransfer();
        transfer.id = Ids.newId();
        transfer.tenantId = tenantId;
        transfer.sessionId = sessionId;
        transfer.fromUserId = session.assignedTo;
        transfer.fromTeam = session.assignedTeam;
        transfer.toUserId = toAgent ? request.toAgentId() : null;
        transfer.toTeam = toTeam ? request.toTeam().strip() : null;
        transfer.reason = request.reason();
        transfer.status = "pending";
        transfer.expiresAt = now.plus(config.transferTimeout());
        transfer.createdAt = now;
        transfer.updatedAt = now;
        em.persist(transfer);
        em.flush();
        announce(transfer, session, Frames.TRANSFER_REQUESTED, EventTypes.CHAT_TRANSFER_REQUESTED);
        return TransferView.of(transfer);
    }

    @Transactional
    public TransferView accept(String tenantId, UUID id, Actor actor) {
        ChatTransfer transfer = lockPending(tenantId, id);
        checkReceiver(tenantId, transfer, actor);
        ChatSession session = sessions.lock(tenantId, transfer.sessionId).orElseThrow();
        Claimed claimed = assignment
                .claim(tenantId, actor.userId(), false)
                .orElseThrow(() -> new ProblemException(Problem.of(
                                ProblemType.CONFLICT,
                                "You have no room for another chat (at your limit, or no chat" + " agent profile)")
                        .with("reason", "agent_at_capacity")));
        String fromId = session.assignedTo;
        String fromName = session.assignedName;
        if (fromId != null) {
            assignment.release(tenantId, fromId);
        }
        Instant now = Instant.now();
        transfer.status = "accepted";
        transfer.acceptedAt = now;
        transfer.decidedBy = actor.userId();
        transfer.updatedAt = now;
        session.assignedTo = claimed.userId();
        session.assignedName = claimed.displayName();
        session.assignedTeam = claimed.team();
        session.updatedAt = now;
        em.flush();
        messages.append(
                session,
                Sender.system(),
                MessageType.TRANSFER,
                "Transferred from " + fromName + " to " + claimed.displayName()
                        + (transfer.reason == null ? "" : ": " + transfer.reason),
                null);
        if (fromId != null) {
            sessionService.left(session, fromId, fromName);
        }
        sessionService.joined(session);
        List<String> told = new ArrayList<>();
        if (fromId != null) {
            told.add(fromId);
        }
        told.add(claimed.userId());
        publish(transfer, session, Frames.TRANSFER_ACCEPTED, told);
        events.emit(EventTypes.CHAT_TRANSFER_ACCEPTED, tenantId, session.id, event(transfer, session));
        events.emit(
                EventTypes.CHAT_SESSION_ASSIGNED,
                tenantId,
                session.id,
                new io.switchboard.chat.session.SessionEvents.SessionAssigned(
                        SessionView.of(session, null), "transfer", fromId));
        return TransferView.of(transfer);
    }

    @Transactional
    public TransferView reject(String tenantId, UUID id, Actor actor) {
        ChatTransfer transfer = lockPending(tenantId, id);
        checkReceiver(tenantId, transfer, actor);
        ChatSession session = sessions.find(tenantId, transfer.sessionId).orElseThrow();
        Instant now = Instant.now();
        transfer.status = "rejected";
        transfer.rejectedAt = now;
        transfer.decidedBy = actor.userId();
        transfer.updatedAt = now;
        em.flush();
        List<String> told = new ArrayList<>(receivers(tenantId, transfer));
        if (transfer.fromUserId != null) {
            told.add(transfer.fromUserId);
        }
        publish(transfer, session, Frames.TRANSFER_REJECTED, told);
        events.emit(EventTypes.CHAT_TRANSFER_REJECTED, tenantId, session.id, event(transfer, session));
        return TransferView.of(transfer);
    }

    /** A pending transfer past its time goes back to the sender; false when it is no longer pending. */
    @Transactional
    public boolean expire(String tenantId, UUID id) {
        ChatTransfer transfer = em.find(ChatTransfer.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (transfer == null
                || !transfer.tenantId.equals(tenantId)
                || !"pending".equals(transfer.status)
                || transfer.expiresAt.isAfter(Instant.now())) {
            return false;
        }
        ChatSession session = sessions.find(tenantId, transfer.sessionId).orElseThrow();
        transfer.status = "expired";
        transfer.rejectedAt = Instant.now();
        transfer.decidedBy = "system";
        transfer.updatedAt = transfer.rejectedAt;
        em.flush();
        List<String> told = new ArrayList<>(receivers(tenantId, transfer));
        if (transfer.fromUserId != null) {
            told.add(transfer.fromUserId);
        }
        var frame = frames.with(frames.of(Frames.TRANSFER_REJECTED, session.id), "transfer", TransferView.of(transfer));
        frame.put("reason", "timeout");
        fanout.publish(new SocketEvent(tenantId, session.id, false, told, null, frame));
        events.emit(EventTypes.CHAT_TRANSFER_EXPIRED, tenantId, session.id, event(transfer, session));
        return true;
    }

    @Transactional
    public TransferView get(String tenantId, UUID id) {
        return TransferView.of(find(tenantId, id));
    }

    /** The tenant's transfers, pending ones first when {@code status} is {@code pending}; of a session when given. */
    @Transactional
    public List<TransferView> list(String tenantId, String status, UUID sessionId) {
        return em.createQuery(
                        "select t from ChatTransfer t where t.tenantId = :tenant and (:status is null or t.status ="
                                + " :status) and (:session is null or t.sessionId = :session) order by t.createdAt desc",
                        ChatTransfer.class)
                .setParameter("tenant", tenantId)
                .setParameter("status", status)
                .setParameter("session", sessionId)
                .setMaxResults(200)
                .getResultStream()
                .map(TransferView::of)
                .toList();
    }

    /** Pending transfers past their time, across tenants (for the timeout job). */
    @Transactional
    @CrossTenant
    @SuppressWarnings("unchecked")
    public List<Object[]> overdue() {
        return em.createNativeQuery("select tenant_id, id from chat_transfer where status = 'pending' and expires_at"
                        + " <= now() order by expires_at limit 200")
                .getResultList();
    }

    private ChatTransfer find(String tenantId, UUID id) {
        return Optional.ofNullable(em.find(ChatTransfer.class, id))
                .filter(t -> t.tenantId.equals(tenantId))
                .orElseThrow(() -> ProblemException.notFound("Transfer", id.toString()));
    }

    private ChatTransfer lockPending(String tenantId, UUID id) {
        ChatTransfer transfer = Optional.ofNullable(em.find(ChatTransfer.class, id, LockModeType.PESSIMISTIC_WRITE))
                .filter(t -> t.tenantId.equals(tenantId))
                .orElseThrow(() -> ProblemException.notFound("Transfer", id.toString()));
        if (!"pending".equals(transfer.status) || transfer.expiresAt.isBefore(Instant.now())) {
            throw new ProblemException(
                    ProblemType.INVALID_STATE_TRANSITION,
                    "The transfer is " + ("pending".equals(transfer.status) ? "expired" : transfer.status));
        }
        return transfer;
    }

    private void checkReceiver(String tenantId, ChatTransfer transfer, Actor actor) {
        if (transfer.toUserId != null) {
            if (!transfer.toUserId.equals(actor.userId())) {
                throw ProblemException.forbidden("The transfer is addressed to another agent");
            }
            return;
        }
        boolean member = TeamIds.find(teams, tenantId, transfer.toTeam)
                .map(team -> team.hasMember(actor.userId()))
                .orElse(false);
        if (!member || agents.find(tenantId, actor.userId()).isEmpty()) {
            throw ProblemException.forbidden("The transfer is addressed to team " + transfer.toTeam);
        }
    }

    private List<String> receivers(String tenantId, ChatTransfer transfer) {
        if (transfer.toUserId != null) {
            return List.of(transfer.toUserId);
        }
        Set<String> team = new LinkedHashSet<>(TeamIds.find(teams, tenantId, transfer.toTeam)
                .map(TeamEntry::members)
                .orElse(List.of()));
        team.remove(transfer.fromUserId);
        return List.copyOf(team);
    }

    private void announce(ChatTransfer transfer, ChatSession session, String frameType, String eventType) {
        List<String> told = new ArrayList<>(receivers(transfer.tenantId, transfer));
        if (transfer.fromUserId != null) {
            told.add(transfer.fromUserId);
        }
        publish(transfer, session, frameType, told);
        events.emit(eventType, transfer.tenantId, session.id, event(transfer, session));
    }

    private void publish(ChatTransfer transfer, ChatSession session, String frameType, List<String> agentIds) {
        var frame = frames.with(frames.of(frameType, session.id), "transfer", TransferView.of(transfer));
        frames.with(frame, "session", SessionView.of(session, null));
        fanout.publish(new SocketEvent(transfer.tenantId, session.id, false, agentIds, null, frame));
    }

    private static TransferEvent event(ChatTransfer transfer, ChatSession session) {
        return new TransferEvent(TransferView.of(transfer), SessionView.of(session, null));
    }
}
