package io.switchboard.chat.socket;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.switchboard.chat.message.Sender;
import io.switchboard.chat.session.SessionService;
import io.switchboard.chat.session.SessionView;
import io.switchboard.chat.socket.SocketRegistry.ClientSocket;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.tenant.TenantTasks;
import java.util.UUID;

/**
 * An agent's socket: {@code /api/v1/chat/ws/agent?ticket=<ticket>}. It receives the frames of every session assigned
 * or offered to the agent, and transfers addressed to them; it sends {@code message.send}, {@code typing.*} and
 * {@code message.read} frames naming a {@code sessionId}, and {@code resume} ({@code sessionId}, {@code lastSeq}) after
 * a reconnect.
 */
@WebSocket(path = "/api/v1/chat/ws/agent", endpointId = AgentSocket.ID)
public class AgentSocket {

    static final String ID = "chat-agent";

    private final SocketRegistry registry;
    private final SessionService sessions;
    private final TenantTasks tasks;
    private final Frames frames;
    private final SocketCommands commands;

    public AgentSocket(
            SocketRegistry registry,
            SessionService sessions,
            TenantTasks tasks,
            Frames frames,
            SocketCommands commands) {
        this.registry = registry;
        this.sessions = sessions;
        this.tasks = tasks;
        this.frames = frames;
        this.commands = commands;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        String tenant = connection.userData().get(SocketUpgradeCheck.TENANT);
        String user = connection.userData().get(SocketUpgradeCheck.USER);
        ClientSocket socket = registry.addAgent(connection, tenant, user);
        var ready = frames.of(Frames.READY, null);
        ready.put("userId", user);
        registry.reply(socket, ready);
    }

    @OnTextMessage
    public void message(WebSocketConnection connection, String text) {
        String tenant = connection.userData().get(SocketUpgradeCheck.TENANT);
        Sender agent = Sender.agent(
                connection.userData().get(SocketUpgradeCheck.USER),
                connection.userData().get(SocketUpgradeCheck.NAME));
        commands.handle(connection, text, tenant, (frame, type) -> {
            UUID session;
            try {
                session = UUID.fromString(frame.path("sessionId").asText());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("sessionId", "must name the session (a UUID)");
            }
            if (type.equals("resume")) {
                SessionView view = tasks.run(tenant, () -> sessions.viewOf(tenant, session));
                if (!agent.id().equals(view.assignedTo())) {
                    throw ProblemException.forbidden("The session is not yours");
                }
                registry.resume(
                        registryFor(connection), session, frame.path("lastSeq").asLong(0), view.lastSeq());
                return;
            }
            commands.apply(tenant, session, agent, type, frame);
        });
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        registry.remove(connection);
    }

    private ClientSocket registryFor(WebSocketConnection connection) {
        return registry.socketOf(connection);
    }
}
