package io.switchboard.chat.session;

import io.switchboard.chat.Actor;
import io.switchboard.chat.ChatEvents;
import io.switchboard.chat.agent.AgentRepository;
import io.switchboard.chat.agent.AgentView;
import io.switchboard.chat.agent.Assignment;
import io.switchboard.chat.agent.Assignment.Claimed;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.chat.message.ChatMessage;
import io.switchboard.chat.message.MessageService;
import io.switchboard.chat.message.MessageType;
import io.switchboard.chat.message.MessageView;
import io.switchboard.chat.message.Sender;
import io.switchboard.chat.session.SessionEvents.Line;
import io.switchboard.chat.session.SessionEvents.OfflineMessage;
import io.switchboard.chat.session.SessionEvents.SessionAssigned;
import io.switchboard.chat.session.SessionEvents.SessionEnded;
import io.switchboard.chat.socket.Fanout;
import io.switchboard.chat.socket.Frames;
import io.switchboard.chat.socket.SocketEvent;
import io.switchboard.chat.widget.Widget;
import io.switchboard.chat.widget.WidgetDraft;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.tenant.CrossTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sessions: start (queued), assignment to agents (automatic through the queue in arrival order, accepted by an
 * agent, or given by a supervisor), messages, read receipts, typing, end, and the queue timeout. Agent capacity is
 * only ever taken through {@link Assignment}. Every state change goes to the conversation's sockets after commit and
 * out as {@code chat.session.*} through the outbox.
 */
@ApplicationScoped
public class SessionService {

    private final SessionRepository repository;
    private final MessageService messages;
    private final Assignment assignment;
    private final AgentRepository agents;
    private final ChatEvents events;
    private final Fanout fanout;
    private final Frames frames;
    private final ChatConfig config;
    private final EntityManager em;

    public SessionService(
            SessionRepository repository,
            MessageService messages,
            Assignment assignment,
            AgentRepository agents,
            ChatEvents events,
            Fanout fanout,
            Frames frames,
            ChatConfig config,
            EntityManager em) {
        this.repository = repository;
        this.messages = messages;
        this.assignment = assignment;
        this.agents = agents;
        this.events = events;
        this.fanout = fanout;
        this.frames = frames;
        this.config = config;
        this.em = em;
    }

    /** Starts a session for a visitor whose request passed the widget's checks; it is queued until dispatched. */
    @Transactional
    public SessionView start(String tenantId, Widget widget, StartRequest request, String ipAddress, String userAgent) {
        Instant now = Instant.now();
        WidgetDraft.Routing routing = widget.config.routing();
        ChatSession session = new ChatSession();
        session.id = Ids.newId();
        session.tenantId = tenantId;
        session.widgetId = widget.id;
        session.visitorId = request.visitorId() == null ? Ids.newId() : request.visitorId();
        session.status = SessionStatus.QUEUED.toString();
        session.visitorName = request.name();
        session.visitorEmail = request.email();
        session.visitorPhone = request.phone();
        session.ipAddress = ipAddress;
        session.userAgent = truncate(userAgent, 500);
        session.referrerUrl = request.referrerUrl();
        session.currentUrl = request.currentUrl();
        session.autoAssign = routing.autoAssign();
        session.team = routing.team();
        session.skills = routing.skills().toArray(String[]::new);
        session.defaultAssignee = routing.defaultAssigneeId();
        session.queuedAt = now;
        session.createdAt = now;
        session.updatedAt = now;
        repository.persist(session);
        events.emit(EventTypes.CHAT_SESSION_STARTED, tenantId, session.id, view(session));
        if (request.message() != null && !request.message().isBlank()) {
            messages.append(
                    session,
                    visitor(session),
                    MessageType.TEXT,
                    request.message().strip(),
                    null);
        }
        return view(session);
    }

    /**
     * Walks the tenant's queue in arrival order and gives each waiting session to the least busy online agent that
     * fits (team and skills, else the widget's default assignee). One dispatcher per tenant at a time (an advisory
     * lock), so the queue is served in order; capacity is still guarded by the conditional update alone. Then every
     * waiting visitor learns their position.
     */
    @Transactional
    public void dispatch(String tenantId) {
        em.createNativeQuery("select cast(pg_advisory_xact_lock(hashtext(:key)) as text)")
                .setParameter("key", "chat-dispatch:" + tenantId)
                .getSingleResult();
        if (assignment.anyRoom(tenantId)) {
            for (ChatSession session : repository.lockWaiting(tenantId, 200)) {
                var agent = assignment.claimLeastBusy(tenantId, session.team, List.of(session.skills));
                if (agent.isEmpty() && session.defaultAssignee != null) {
                    agent = assignment.claim(tenantId, session.defaultAssignee, true);
                }
                if (agent.isPresent()) {
                    give(session, agent.get(), "automatic", null);
                } else if (!assignment.anyRoom(tenantId)) {
                    break;
                }
            }
        }
        publishQueue(tenantId);
    }

    /** An agent takes a session: one offered to them, or a waiting one from the queue (within their capacity). */
    @Transactional
    public SessionView accept(String tenantId, UUID id, Actor actor) {
        ChatSession session = lock(tenantId, id);
        if (session.status() == SessionStatus.ACTIVE && actor.userId().equals(session.assignedTo)) {
            return view(session);
        }
        if (session.status() != SessionStatus.QUEUED) {
            throw new ProblemException(
                    ProblemType.INVALID_STATE_TRANSITION,
                    "The session is " + session.status + "; only queued sessions can be accepted");
        }
        if (actor.userId().equals(session.assignedTo)) {
            activate(session);
        } else if (session.assignedTo == null) {
            Claimed claimed = claimOrRefuse(tenantId, actor.userId());
            session.assignedTo = claimed.userId();
            session.assignedName = claimed.displayName();
            session.assignedTeam = claimed.team();
            announceAssignment(session, "accepted", null);
            activate(session);
        } else {
            throw new ProblemException(ProblemType.CONFLICT, "The session is offered to another agent");
        }
        repository.flush();
        return view(session);
    }

    /** A supervisor gives a waiting session to an agent (within the agent's capacity). */
    @Transactional
    public SessionView assign(String tenantId, UUID id, String agentId, Actor actor) {
        ChatSession session = lock(tenantId, id);
        if (session.status() != SessionStatus.QUEUED) {
            throw new ProblemException(
                    ProblemType.INVALID_STATE_TRANSITION,
                    "The session is " + session.status + "; an active session moves by a transfer");
        }
        if (agentId.equals(session.assignedTo)) {
            return view(session);
        }
        String previous = session.assignedTo;
        Claimed claimed = claimOrRefuse(tenantId, agentId);
        if (previous != null) {
            assignment.release(tenantId, previous);
            session.assignedTo = null;
            session.offeredAt = null;
        }
        give(session, claimed, "manual", previous);
        repository.flush();
        return view(session);
    }

    /** Ends a session: by its agent or a supervisor ({@code agent}), the visitor ({@code visitor}) or the platform. */
    @Transactional
    public SessionView end(String tenantId, UUID id, String endedBy, String reason, Actor actor) {
        ChatSession session = lock(tenantId, id);
        if (session.isOver()) {
            throw new ProblemException(
                    ProblemType.INVALID_STATE_TRANSITION, "The session is already " + session.status);
        }
        if (actor != null && !actor.mayManageAgents() && !actor.userId().equals(session.assignedTo)) {
            throw ProblemException.forbidden("Only the session's agent or a supervisor (agents:manage) can end it");
        }
        finish(session, endedBy, reason);
        repository.flush();
        return view(session);
    }

    /** A message from the visitor or the session's agent. */
    @Transactional
    public MessageView send(String tenantId, UUID id, Sender sender, String body, String clientMessageId) {
        ChatSession session = lock(tenantId, id);
        if (session.isOver()) {
            throw new ProblemException(ProblemType.INVALID_STATE_TRANSITION, "The session is " + session.status);
        }
        if (sender.isAgent()
                && (session.status() != SessionStatus.ACTIVE || !sender.id().equals(session.assignedTo))) {
            throw ProblemException.forbidden("Only the session's agent writes in it, once the session is active");
        }
        // agents write under the display name of their chat profile, visitors under the name they gave
        Sender actual = sender.isVisitor()
                ? visitor(session)
                : sender.isAgent() ? Sender.agent(sender.id(), session.assignedName) : sender;
        return messages.append(session, actual, MessageType.TEXT, body, clientMessageId);
    }

    /**
     * A file from the visitor or the session's agent, already stored: an {@code image} message when its detected type
     * is an image, else a {@code file} message, under the same rules as {@link #send}.
     */
    @Transactional
    public MessageView sendFile(String tenantId, UUID id, Sender sender, MessageService.ChatFile file) {
        ChatSession session = lock(tenantId, id);
        if (session.isOver()) {
            throw new ProblemException(ProblemType.INVALID_STATE_TRANSITION, "The session is " + session.status);
        }
        if (sender.isAgent()
                && (session.status() != SessionStatus.ACTIVE || !sender.id().equals(session.assignedTo))) {
            throw ProblemException.forbidden("Only the session's agent sends files in it, once the session is active");
        }
        Sender actual = sender.isVisitor() ? visitor(session) : Sender.agent(sender.id(), session.assignedName);
        String type = file.contentType().startsWith("image/") ? MessageType.IMAGE : MessageType.FILE;
        return messages.append(session, actual, type, null, null, file);
    }

    /** Read receipts: the reader ({@code visitor} or {@code agent}) has seen the other side's messages up to a seq. */
    @Transactional
    public void read(String tenantId, UUID id, String reader, String readerId, long upToSeq) {
        ChatSession session = require(tenantId, id);
        if (Sender.AGENT.equals(reader) && !readerId.equals(session.assignedTo)) {
            throw ProblemException.forbidden("Only the session's agent reads for it");
        }
        messages.markRead(session, reader, Math.min(upToSeq, session.lastSeq));
    }

    /** Typing indicators go to the other side only and are not stored. */
    @Transactional
    public void typing(String tenantId, UUID id, String who, String whoId, boolean started) {
        ChatSession session = require(tenantId, id);
        if (session.isOver()) {
            return;
        }
        var frame = frames.of(started ? Frames.TYPING_START : Frames.TYPING_STOP, id);
        frame.put("by", who);
        if (Sender.AGENT.equals(who)) {
            if (!whoId.equals(session.assignedTo)) {
                throw ProblemException.forbidden("Only the session's agent types in it");
            }
            frame.put("name", session.assignedName);
            fanout.publish(new SocketEvent(tenantId, id, true, List.of(), null, frame));
        } else {
            fanout.publish(new SocketEvent(tenantId, id, false, MessageService.agentsOf(session), null, frame));
        }
    }

    /** A queued session that waited past the queue timeout becomes an offline message; false when it no longer waits. */
    @Transactional
    public boolean timeOut(String tenantId, UUID id, Instant cutoff) {
        ChatSession session = repository.lock(tenantId, id).orElse(null);
        if (session == null || session.status() != SessionStatus.QUEUED || session.queuedAt.isAfter(cutoff)) {
            return false;
        }
        List<Line> lines = em.createQuery(
                        "select m from ChatMessage m where m.sessionId = :session and m.senderType = 'visitor' order"
                                + " by m.seq",
                        ChatMessage.class)
                .setParameter("session", id)
                .getResultStream()
                .map(m -> new Line(m.createdAt, m.body))
                .toList();
        finish(session, "system", "queue_timeout");
        SessionView view = view(session);
        UUID offlineId = Ids.newId();
        repository.recordOffline(
                offlineId, tenantId, session.widgetId, id, session.team, "queue_timeout", Instant.now());
        events.emit(
                EventTypes.CHAT_SESSION_OFFLINE_MESSAGE,
                tenantId,
                id,
                new OfflineMessage(
                        offlineId,
                        session.widgetId,
                        id,
                        session.visitorId,
                        view.visitor(),
                        "queue_timeout",
                        lines,
                        Instant.now()));
        return true;
    }

    /** The offline form: no session, straight to an event for the helpdesk. */
    @Transactional
    public UUID offlineMessage(String tenantId, Widget widget, OfflineRequest request, String ip, String userAgent) {
        UUID id = Ids.newId();
        UUID visitorId = request.visitorId() == null ? Ids.newId() : request.visitorId();
        repository.recordOffline(
                id, tenantId, widget.id, null, widget.config.routing().team(), "offline_form", Instant.now());
        events.emit(
                EventTypes.CHAT_SESSION_OFFLINE_MESSAGE,
                tenantId,
                id,
                new OfflineMessage(
                        id,
                        widget.id,
                        null,
                        visitorId,
                        new SessionView.Visitor(
                                request.name(),
                                request.email(),
                                request.phone(),
                                ip,
                                truncate(userAgent, 500),
                                null,
                                null),
                        "offline_form",
                        List.of(new Line(Instant.now(), request.message().strip())),
                        Instant.now()));
        return id;
    }

    @Transactional
    public SessionView get(String tenantId, UUID id) {
        return view(require(tenantId, id));
    }

    @Transactional
    public Page<SessionView> list(String tenantId, SessionFilter filter, PageRequest page) {
        return repository.list(tenantId, filter, page).map(s -> SessionView.of(s, null));
    }

    /** The tenant's waiting sessions in queue order, with positions and estimates. */
    @Transactional
    public List<SessionView> queue(String tenantId) {
        List<UUID> ids = repository.queue(tenantId);
        long perPosition = secondsPerPosition(tenantId);
        java.util.ArrayList<SessionView> result = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            ChatSession s = em.find(ChatSession.class, ids.get(i));
            result.add(SessionView.of(s, new SessionView.Queue(i + 1, (i + 1) * perPosition)));
        }
        return result;
    }

    /** Tenants and sessions that waited past the queue timeout (a platform job). */
    @Transactional
    @CrossTenant
    public List<SessionRepository.TenantSession> overdueQueued(Instant cutoff) {
        return repository.queuedBefore(cutoff, 200);
    }

    /** Tenants with sessions waiting for automatic assignment (a platform job retries their dispatch). */
    @Transactional
    @CrossTenant
    @SuppressWarnings("unchecked")
    public List<String> tenantsWaiting() {
        return em.createNativeQuery("select distinct tenant_id from chat_session where status = 'queued' and"
                        + " assigned_to is null and auto_assign")
                .getResultList();
    }

    /** The session, in the tenant's transaction; 404 when it is not the tenant's. */
    public ChatSession require(String tenantId, UUID id) {
        return repository.find(tenantId, id).orElseThrow(() -> ProblemException.notFound("Session", id.toString()));
    }

    private ChatSession lock(String tenantId, UUID id) {
        return repository.lock(tenantId, id).orElseThrow(() -> ProblemException.notFound("Session", id.toString()));
    }

    /** Ends the session, gives back the agent's room, cancels a pending transfer; tells the sockets and subscribers. */
    void finish(ChatSession session, String endedBy, String reason) {
        Instant now = Instant.now();
        boolean abandoned = session.status() == SessionStatus.QUEUED && Sender.VISITOR.equals(endedBy);
        if (session.assignedTo != null) {
            assignment.release(session.tenantId, session.assignedTo);
        }
        messages.append(session, Sender.system(), MessageType.SYSTEM, "The chat has ended", null);
        session.status = (abandoned ? SessionStatus.ABANDONED : SessionStatus.ENDED).toString();
        session.endedAt = now;
        session.endReason = reason;
        session.updatedAt = now;
        if (session.startedAt != null) {
            session.durationSeconds =
                    (int) Duration.between(session.startedAt, now).toSeconds();
        }
        em.createNativeQuery("update chat_transfer set status = 'rejected', rejected_at = now(), decided_by ="
                        + " 'system', updated_at = now(), version = version + 1 where session_id = :session and"
                        + " status = 'pending'")
                .setParameter("session", session.id)
                .executeUpdate();
        var frame = frames.of(Frames.SESSION_ENDED, session.id);
        frame.put("by", endedBy);
        frame.put("reason", reason);
        fanout.publish(
                new SocketEvent(session.tenantId, session.id, true, MessageService.agentsOf(session), null, frame));
        repository.flush();
        events.emit(
                abandoned ? EventTypes.CHAT_SESSION_ABANDONED : EventTypes.CHAT_SESSION_ENDED,
                session.tenantId,
                session.id,
                new SessionEnded(view(session), endedBy));
    }

    /** Gives a session to an agent whose room was claimed: active at once with auto-accept, else offered. */
    void give(ChatSession session, Claimed agent, String how, String previousAgent) {
        session.assignedTo = agent.userId();
        session.assignedName = agent.displayName();
        session.assignedTeam = agent.team();
        announceAssignment(session, how, previousAgent);
        if (agent.autoAccept()) {
            activate(session);
        } else {
            session.offeredAt = Instant.now();
            session.updatedAt = session.offeredAt;
            fanout.publish(new SocketEvent(
                    session.tenantId,
                    session.id,
                    false,
                    List.of(agent.userId()),
                    null,
                    frames.with(
                            frames.of(Frames.SESSION_OFFERED, session.id), "session", SessionView.of(session, null))));
        }
    }

    private void announceAssignment(ChatSession session, String how, String previousAgent) {
        session.updatedAt = Instant.now();
        repository.flush();
        SessionView view = SessionView.of(session, null);
        fanout.publish(new SocketEvent(
                session.tenantId,
                session.id,
                false,
                List.of(session.assignedTo),
                null,
                frames.with(frames.of(Frames.SESSION_ASSIGNED, session.id), "session", view)));
        events.emit(
                EventTypes.CHAT_SESSION_ASSIGNED,
                session.tenantId,
                session.id,
                new SessionAssigned(view, how, previousAgent));
    }

    /** The agent joins: the session becomes active, the visitor and the agent hear it. */
    void activate(ChatSession session) {
        Instant now = Instant.now();
        session.status = SessionStatus.ACTIVE.toString();
        session.startedAt = now;
        session.updatedAt = now;
        joined(session);
    }

    /** Tells the conversation that its (new) agent joined, with a system line in the history. */
    public void joined(ChatSession session) {
        messages.append(session, Sender.system(), MessageType.SYSTEM, session.assignedName + " joined the chat", null);
        var frame = frames.of(Frames.AGENT_JOINED, session.id);
        frame.set("agent", frames.mapper().valueToTree(Map.of("id", session.assignedTo, "name", session.assignedName)));
        fanout.publish(
                new SocketEvent(session.tenantId, session.id, true, MessageService.agentsOf(session), null, frame));
    }

    /** Tells the visitor (and the agent) that an agent left the conversation. */
    public void left(ChatSession session, String agentId, String agentName) {
        var frame = frames.of(Frames.AGENT_LEFT, session.id);
        frame.set("agent", frames.mapper().valueToTree(Map.of("id", agentId, "name", agentName)));
        fanout.publish(new SocketEvent(session.tenantId, session.id, true, List.of(agentId), null, frame));
    }

    private Claimed claimOrRefuse(String tenantId, String agentId) {
        return assignment.claim(tenantId, agentId, false).orElseThrow(() -> {
            AgentView agent = agents.find(tenantId, agentId).orElse(null);
            if (agent == null) {
                return new ProblemException(Problem.of(
                                ProblemType.CONFLICT,
                                "User " + agentId + " is not a chat agent of the tenant; set up the agent"
                                        + " first (PATCH /api/v1/chat/agents/me or /agents/{userId})")
                        .with("reason", "not_an_agent"));
            }
            return new ProblemException(Problem.of(
                            ProblemType.CONFLICT,
                            agent.displayName() + " already has " + agent.currentChats() + " of at most "
                                    + agent.maxConcurrentChats() + " chats")
                    .with("reason", "agent_at_capacity"));
        });
    }

    private void publishQueue(String tenantId) {
        List<UUID> ids = repository.queue(tenantId);
        long perPosition = secondsPerPosition(tenantId);
        for (int i = 0; i < ids.size(); i++) {
            var frame = frames.of(Frames.QUEUE_POSITION, ids.get(i));
            frame.put("position", i + 1);
            frame.put("estimatedWaitSeconds", (i + 1) * perPosition);
            fanout.publish(new SocketEvent(tenantId, ids.get(i), true, List.of(), null, frame));
        }
    }

    /**
     * The wait one queue position adds: the tenant's average chat duration of the last day (or the configured default)
     * divided by the room its online agents have in total.
     */
    private long secondsPerPosition(String tenantId) {
        double handle = repository.averageHandleSeconds(tenantId).orElse((double)
                config.defaultHandleTime().toSeconds());
        int capacity = Math.max(1, assignment.onlineCapacity(tenantId));
        return Math.max(1, Math.round(handle / capacity));
    }

    SessionView view(ChatSession session) {
        int position = repository.position(session.tenantId, session);
        SessionView.Queue queue =
                position == 0 ? null : new SessionView.Queue(position, position * secondsPerPosition(session.tenantId));
        return SessionView.of(session, queue);
    }

    /** The view with its queue position, for callers outside this class. */
    @Transactional
    public SessionView viewOf(String tenantId, UUID id) {
        return view(require(tenantId, id));
    }

    private static Sender visitor(ChatSession session) {
        return new Sender(Sender.VISITOR, null, session.visitorName == null ? "Visitor" : session.visitorName);
    }

    /** The sender of the session's visitor. */
    @Transactional
    public Sender visitorOf(String tenantId, UUID id) {
        return visitor(require(tenantId, id));
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
