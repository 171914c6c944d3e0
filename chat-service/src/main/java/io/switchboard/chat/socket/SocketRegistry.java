package io.switchboard.chat.socket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import io.switchboard.chat.message.MessageView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sockets this replica holds: visitors' by session, agents' by tenant and user. Frames reach a socket in order and
 * messages exactly once: each socket remembers the last sequence number it got per session, skips what it already
 * has, and fills a gap from the database before a newer message.
 */
@ApplicationScoped
public class SocketRegistry {

    /** Loads the messages a socket missed: {@code after < seq < before} of a session, in order. */
    public interface MissedMessages {
        List<MessageView> between(String tenantId, UUID sessionId, long after, long before);
    }

    /** One open socket and what it has been sent. */
    public static final class ClientSocket {
        final WebSocketConnection connection;
        final String tenantId;
        final UUID sessionId;
        final String userId;
        private final Map<UUID, Long> lastSeq = new HashMap<>();

        ClientSocket(WebSocketConnection connection, String tenantId, UUID sessionId, String userId) {
            this.connection = connection;
            this.tenantId = tenantId;
            this.sessionId = sessionId;
            this.userId = userId;
        }
    }

    private final Map<UUID, Set<ClientSocket>> visitors = new ConcurrentHashMap<>();
    private final Map<String, Set<ClientSocket>> agents = new ConcurrentHashMap<>();
    private final Map<String, ClientSocket> byConnection = new ConcurrentHashMap<>();
    private final ObjectMapper mapper;
    private final Frames frames;
    private final Instance<MissedMessages> missed;

    public SocketRegistry(ObjectMapper mapper, Frames frames, Instance<MissedMessages> missed) {
        this.mapper = mapper;
        this.frames = frames;
        this.missed = missed;
    }

    public ClientSocket addVisitor(WebSocketConnection connection, String tenantId, UUID sessionId) {
        ClientSocket socket = new ClientSocket(connection, tenantId, sessionId, null);
        visitors.computeIfAbsent(sessionId, k -> ConcurrentHashMap.newKeySet()).add(socket);
        byConnection.put(connection.id(), socket);
        return socket;
    }

    public ClientSocket addAgent(WebSocketConnection connection, String tenantId, String userId) {
        ClientSocket socket = new ClientSocket(connection, tenantId, null, userId);
        agents.computeIfAbsent(agentKey(tenantId, userId), k -> ConcurrentHashMap.newKeySet())
                .add(socket);
        byConnection.put(connection.id(), socket);
        return socket;
    }

    public void remove(WebSocketConnection connection) {
        ClientSocket socket = byConnection.remove(connection.id());
        if (socket == null) {
            return;
        }
        if (socket.sessionId != null) {
            visitors.computeIfPresent(socket.sessionId, (k, set) -> {
                set.remove(socket);
                return set.isEmpty() ? null : set;
            });
        } else {
            agents.computeIfPresent(agentKey(socket.tenantId, socket.userId), (k, set) -> {
                set.remove(socket);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** The registered socket of a connection, if any. */
    public ClientSocket socketOf(WebSocketConnection connection) {
        return byConnection.get(connection.id());
    }

    /** How many sockets this replica holds. */
    public int size() {
        return byConnection.size();
    }

    /** Hands an event to the matching sockets of this replica. */
    public void deliver(SocketEvent event) {
        if (event.toVisitor() && event.sessionId() != null) {
            for (ClientSocket socket : visitors.getOrDefault(event.sessionId(), Set.of())) {
                if (socket.tenantId.equals(event.tenantId())) {
                    send(socket, event);
                }
            }
        }
        if (event.toAgents() != null) {
            for (String user : event.toAgents()) {
                for (ClientSocket socket : agents.getOrDefault(agentKey(event.tenantId(), user), Set.of())) {
                    send(socket, event);
                }
            }
        }
    }

    /**
     * Brings a socket up to date with a session: everything after {@code lastSeq} up to {@code upTo}, once, in order
     * (called when a client connects or resumes with the last sequence number it saw).
     */
    public void resume(ClientSocket socket, UUID sessionId, long lastSeq, long upTo) {
        synchronized (socket) {
            long known = socket.lastSeq.getOrDefault(sessionId, -1L);
            if (known < lastSeq) {
                socket.lastSeq.put(sessionId, lastSeq);
                known = lastSeq;
            }
            if (upTo > known) {
                for (MessageView m : missed.get().between(socket.tenantId, sessionId, known, upTo + 1)) {
                    write(socket, frames.messageNew(m));
                    socket.lastSeq.put(sessionId, m.seq());
                }
            }
        }
    }

    /** Sends one frame to one socket (answers to what it asked). */
    public void reply(ClientSocket socket, ObjectNode frame) {
        synchronized (socket) {
            write(socket, frame);
        }
    }

    private void send(ClientSocket socket, SocketEvent event) {
        synchronized (socket) {
            if (event.seq() == null) {
                write(socket, event.frame());
                return;
            }
            long seq = event.seq();
            Long known = socket.lastSeq.get(event.sessionId());
            if (known != null && seq <= known) {
                return; // already sent, by a resume or an earlier copy
            }
            if (known != null && seq > known + 1) {
                for (MessageView m : missed.get().between(socket.tenantId, event.sessionId(), known, seq)) {
                    write(socket, frames.messageNew(m));
                }
            }
            write(socket, event.frame());
            socket.lastSeq.put(event.sessionId(), seq);
        }
    }

    private void write(ClientSocket socket, ObjectNode frame) {
        if (!socket.connection.isOpen()) {
            return;
        }
        try {
            socket.connection
                    .sendText(mapper.writeValueAsString(frame))
                    .subscribe()
                    .with(ok -> {}, failure -> Log.debugf("Frame not sent to %s: %s", socket.connection.id(), failure));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String agentKey(String tenantId, String userId) {
        return tenantId + "\u0000" + userId;
    }
}
