package io.switchboard.chat.socket;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.switchboard.chat.message.Sender;
import io.switchboard.chat.session.SessionService;
import io.switchboard.chat.session.SessionView;
import io.switchboard.chat.socket.SocketRegistry.ClientSocket;
import io.switchboard.commons.tenant.TenantTasks;
import java.util.UUID;

/**
 * A visitor's socket: {@code /api/v1/chat/ws/visitor?token=<session token>&lastSeq=<n>}. On open it gets {@code ready}
 * and every message after {@code lastSeq}, then the conversation live. It sends {@code message.send}, {@code
 * typing.start}, {@code typing.stop} and {@code message.read} frames.
 */
@WebSocket(path = "/api/v1/chat/ws/visitor", endpointId = VisitorSocket.ID)
public class VisitorSocket {

    static final String ID = "chat-visitor";

    private final SocketRegistry registry;
    private final SessionService sessions;
    private final TenantTasks tasks;
    private final Frames frames;
    private final SocketCommands commands;

    public VisitorSocket(
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
        UUID session = UUID.fromString(connection.userData().get(SocketUpgradeCheck.SESSION));
        long lastSeq = SocketCommands.lastSeq(connection.handshakeRequest().query());
        ClientSocket socket = registry.addVisitor(connection, tenant, session);
        SessionView view = tasks.run(tenant, () -> sessions.viewOf(tenant, session));
        registry.reply(socket, frames.with(frames.of(Frames.READY, session), "session", view));
        registry.resume(socket, session, lastSeq, view.lastSeq());
    }

    @OnTextMessage
    public void message(WebSocketConnection connection, String text) {
        String tenant = connection.userData().get(SocketUpgradeCheck.TENANT);
        UUID session = UUID.fromString(connection.userData().get(SocketUpgradeCheck.SESSION));
        commands.handle(connection, text, tenant, (frame, type) -> {
            JsonNode given = frame.path("sessionId");
            if (!given.isMissingNode() && !given.asText().equals(session.toString())) {
                throw io.switchboard.commons.problem.ProblemException.forbidden(
                        "This socket is for session " + session);
            }
            commands.apply(tenant, session, new Sender(Sender.VISITOR, null, null), type, frame);
        });
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        registry.remove(connection);
        Log.debugf("Visitor socket %s closed", connection.id());
    }
}
