package io.switchboard.webhook.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The event types a subscription can ask for: every message of docs/asyncapi.yaml, the platform's one event catalogue,
 * which the build copies into the jar ({@code catalogue/asyncapi.yaml}). Filters are validated against it.
 */
@ApplicationScoped
public class EventCatalogue {

    static final String RESOURCE = "catalogue/asyncapi.yaml";
    private static final String MESSAGE_REF = "#/components/messages/";

    private final List<EventType> types;

    public EventCatalogue() {
        this(load());
    }

    EventCatalogue(JsonNode document) {
        this.types = read(document);
    }

    public List<EventType> types() {
        return types;
    }

    /** Whether the well-formed pattern matches at least one catalogued type. */
    public boolean matchesSome(String pattern) {
        return types.stream().anyMatch(t -> EventTypePattern.matches(pattern, t.type()));
    }

    private static JsonNode load() {
        try (InputStream in = EventCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build (copied from docs/)");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    private static List<EventType> read(JsonNode document) {
        Map<String, String> topicOfMessage = new HashMap<>();
        document.path("channels")
                .forEach(channel -> channel.path("messages").forEach(message -> {
                    String ref = message.path("$ref").asText("");
                    if (ref.startsWith(MESSAGE_REF)) {
                        topicOfMessage.put(
                                ref.substring(MESSAGE_REF.length()),
                                channel.path("address").asText(null));
                    }
                }));
        List<EventType> result = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> messages =
                document.path("components").path("messages").fields();
        while (messages.hasNext()) {
            Map.Entry<String, JsonNode> entry = messages.next();
            JsonNode message = entry.getValue();
            result.add(new EventType(
                    message.path("name").asText(),
                    message.path("title").asText(null),
                    message.path("summary").asText("").strip(),
                    topicOfMessage.get(entry.getKey())));
        }
        result.sort(Comparator.comparing(EventType::type));
        return List.copyOf(result);
    }
}
