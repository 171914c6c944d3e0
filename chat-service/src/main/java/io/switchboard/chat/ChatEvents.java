package io.switchboard.chat;

import io.switchboard.commons.events.Topics;
import io.switchboard.commons.outbox.Outbox;
import io.switchboard.commons.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Emits {@code chat.*} events on {@code chat.events} through the outbox. Session, message and transfer events are all
 * keyed by the session id, so that everything about one conversation stays in order.
 */
@ApplicationScoped
public class ChatEvents {

    private final Outbox outbox;

    public ChatEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void emit(String type, String tenantId, UUID sessionId, Object data) {
        outbox.emit(new OutboxMessage(Topics.CHAT_EVENTS, type, tenantId, "chat_session", sessionId.toString(), data));
    }
}
