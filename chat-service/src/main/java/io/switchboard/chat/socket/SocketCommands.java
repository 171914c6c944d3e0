package io.switchboard.chat.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import io.switchboard.chat.message.Sender;
import io.switchboard.chat.session.SessionService;
import io.switchboard.chat.session.Validations;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.tenant.TenantTasks;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * What clients send on their sockets, for visitors and agents alike: {@code message.send} ({@code body}, {@code
 * clientMessageId}), {@code typing.start}, {@code typing.stop}, {@code message.read} ({@code upToSeq}). A frame that
 * is refused is answered with an {@code error} frame ({@code status}, {@code detail}, and the frame's {@code ref}).
 */
@ApplicationScoped
public class SocketCommands {

    /** Applies one parsed frame of a type. */
    @FunctionalInterface
    public interface Handler {
        void handle(JsonNode frame, String type);
    }

    private final ObjectMapper mapper;
    private final SessionService sessions;
    private final TenantTasks tasks;
    private final SocketRegistry registry;
    private final Frames frames;

    public SocketCommands(
            ObjectMapper mapper, SessionService sessions, TenantTasks tasks, SocketRegistry registry, Frames frames) {
        this.mapper = mapper;
        this.sessions = sessions;
        this.tasks = tasks;
        this.registry = registry;
        this.frames = frames;
    }

    void handle(WebSocketConnection connection, String text, String tenant, Handler handler) {
        JsonNode frame = null;
        try {
            frame = mapper.readTree(text);
            if (frame == null || !frame.isObject() || !frame.path("type").isTextual()) {
                throw ProblemException.invalid("type", "every frame is a JSON object with a type");
            }
            JsonNode parsed = frame;
            tasks.run(tenant, () -> handler.handle(parsed, parsed.path("type").asText()));
        } catch (ProblemException e) {
            error(connection, frame, e.problem().status(), e.problem().detail());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            error(connection, null, 400, "not JSON");
        } catch (RuntimeException e) {
            Log.warnf(e, "Socket frame failed");
            error(connection, frame, 500, "the frame could not be processed");
        }
    }

    void apply(String tenant, UUID session, Sender sender, String type, JsonNode frame) {
        switch (type) {
            case "message.send" -> {
                String body =
                        frame.path("body").isTextual() ? frame.path("body").asText() : null;
                String clientId = frame.path("clientMessageId").isTextual()
                        ? frame.path("clientMessageId").asText()
                        : null;
                Validations.body(body, clientId);
                sessions.send(tenant, session, sender, body.strip(), clientId);
            }
            case "typing.start", "typing.stop" ->
                sessions.typing(tenant, session, sender.type(), sender.id(), type.equals("typing.start"));
            case "message.read" -> {
                JsonNode seq = frame.path("upToSeq");
                Validations.upToSeq(seq.canConvertToLong() ? seq.asLong() : null);
                sessions.read(tenant, session, sender.type(), sender.id(), seq.asLong());
            }
            default ->
                throw ProblemException.invalid(
                        "type",
                        "must be message.send, typing.start, typing.stop, message.read"
                                + (sender.isAgent() ? " or resume" : ""));
        }
    }

    private void error(WebSocketConnection connection, JsonNode frame, int status, String detail) {
        var error = frames.of(Frames.ERROR, null);
        error.put("status", status);
        error.put("detail", detail);
        if (frame != null && frame.has("ref")) {
            error.set("ref", frame.get("ref"));
        }
        SocketRegistry.ClientSocket socket = registry.socketOf(connection);
        if (socket != null) {
            registry.reply(socket, error);
        }
    }

    /** The {@code lastSeq} query parameter of a socket's URL, 0 when absent or invalid. */
    static long lastSeq(String query) {
        if (query == null) {
            return 0;
        }
        for (String part : query.split("&")) {
            if (part.startsWith("lastSeq=")) {
                try {
                    return Math.max(0, Long.parseLong(part.substring("lastSeq=".length())));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
