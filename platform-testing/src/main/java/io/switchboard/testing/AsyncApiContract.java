package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.switchboard.testing.EventCapture.Captured;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The event catalogue, {@code docs/asyncapi.yaml}, as a contract: finds the message whose {@code name} is an event's
 * CloudEvents type and validates the event's data against its payload schema and its Kafka headers against the
 * message's header schema (JSON Schema 2020-12).
 */
public final class AsyncApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static AsyncApiContract instance;

    private final JsonNode document;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private AsyncApiContract(JsonNode document) {
        this.document = document;
    }

    public static synchronized AsyncApiContract load() {
        if (instance == null) {
            try {
                JsonNode document = new ObjectMapper(new YAMLFactory())
                        .readTree(LocalStack.repoRoot()
                                .resolve("docs/asyncapi.yaml")
                                .toFile());
                instance = new AsyncApiContract(document);
            } catch (IOException e) {
                throw new IllegalStateException("docs/asyncapi.yaml cannot be read", e);
            }
        }
        return instance;
    }

    /** The CloudEvents types the document describes. */
    public List<String> eventTypes() {
        List<String> types = new ArrayList<>();
        document.path("components")
                .path("messages")
                .forEach(m -> types.add(m.path("name").asText()));
        return types;
    }

    /** The violations of a captured event against its message; empty when it conforms. */
    public List<String> violations(Captured captured) {
        JsonNode message = message(captured.event().type());
        if (message == null) {
            return List.of("no message named " + captured.event().type() + " in docs/asyncapi.yaml");
        }
        List<String> problems = new ArrayList<>();
        try {
            JsonNode data = JSON.readTree(captured.event().data());
            problems.addAll(validate(message.path("payload"), data, "data"));
        } catch (IOException e) {
            problems.add("data is not JSON: " + e.getMessage());
        }
        ObjectNode headers = JSON.createObjectNode();
        captured.headers().forEach(headers::put);
        problems.addAll(validate(message.path("headers"), headers, "headers"));
        return problems;
    }

    private JsonNode message(String type) {
        Iterator<Map.Entry<String, JsonNode>> messages =
                document.path("components").path("messages").fields();
        while (messages.hasNext()) {
            JsonNode message = messages.next().getValue();
            if (type.equals(message.path("name").asText())) {
                return message;
            }
        }
        return null;
    }

    /**
     * Validates against a schema of the document. The schema is wrapped in a root that also holds the document's
     * {@code components}, so that {@code $ref: '#/components/schemas/...'} resolves as it does in the document. A
     * multi-format schema object ({@code schemaFormat} + {@code schema}) is unwrapped.
     */
    private List<String> validate(JsonNode schemaNode, JsonNode instance, String what) {
        if (schemaNode.isMissingNode()) {
            return List.of("the message has no " + what + " schema");
        }
        JsonNode schemaBody = schemaNode.has("schema") ? schemaNode.get("schema") : schemaNode;
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
        root.set("allOf", JSON.createArrayNode().add(schemaBody));
        root.set("components", document.path("components"));
        Schema schema = registry.getSchema(SchemaLocation.of("urn:switchboard:asyncapi"), root);
        List<String> problems = new ArrayList<>();
        for (Error error : schema.validate(instance)) {
            problems.add(what + ": " + error.getMessage());
        }
        return problems;
    }
}
