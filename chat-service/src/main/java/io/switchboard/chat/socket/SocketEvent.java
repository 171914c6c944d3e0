package io.switchboard.chat.socket;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/**
 * One frame for the sockets of a conversation, wherever they are held: the visitor's sockets of the session, and
 * the sockets of these agents of the tenant. {@code seq} is set for {@code message.new}, so that a socket that missed
 * messages gets them from the database first and none twice.
 */
public record SocketEvent(
        String tenantId, UUID sessionId, boolean toVisitor, List<String> toAgents, Long seq, ObjectNode frame) {}
