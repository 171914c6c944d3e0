package io.switchboard.chat.socket;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.chat.message.MessageView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The JSON frames sockets receive; every frame has a {@code type} and, about a conversation, its {@code sessionId}. */
@ApplicationScoped
public class Frames {

    public static final String MESSAGE_NEW = "message.new";
    public static final String MESSAGE_READ = "message.read";
    public static final String TYPING_START = "typing.start";
    public static final String TYPING_STOP = "typing.stop";
    public static final String AGENT_JOINED = "agent.joined";
    public static final String AGENT_LEFT = "agent.left";
    public static final String SESSION_ENDED = "session.ended";
    public static final String SESSION_ASSIGNED = "session.assigned";
    public static final String SESSION_OFFERED = "session.offered";
    public static final String QUEUE_POSITION = "queue.position";
    public static final String TRANSFER_REQUESTED = "transfer.requested";
    public static final String TRANSFER_ACCEPTED = "transfer.accepted";
    public static final String TRANSFER_REJECTED = "transfer.rejected";
    public static final String READY = "ready";
    public static final String ERROR = "error";

    private final ObjectMapper mapper;

    public Frames(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode of(String type, UUID sessionId) {
        ObjectNode frame = mapper.createObjectNode();
        frame.put("type", type);
        if (sessionId != null) {
            frame.put("sessionId", sessionId.toString());
        }
        return frame;
    }

    public ObjectNode messageNew(MessageView message) {
        ObjectNode frame = of(MESSAGE_NEW, message.sessionId());
        frame.put("seq", message.seq());
        frame.set("message", mapper.valueToTree(message));
        return frame;
    }

    public ObjectNode with(ObjectNode frame, String field, Object value) {
        frame.set(field, mapper.valueToTree(value));
        return frame;
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
