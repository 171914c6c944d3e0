package io.switchboard.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.GatewayConfig.Route;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * One OpenAPI document for the whole API: the documents of the services behind the gateway ({@code /q/openapi}),
 * their paths, tags and components merged. A schema name two services use for different schemas is renamed to
 * {@code <service>.<name>} in the second one, references included, so that no service's schema replaces another's. A
 * service that cannot be reached is left out and named in {@code x-switchboard-unavailable}; the document is kept for
 * {@code openapi-cache-for}.
 */
@ApplicationScoped
public class MergedOpenApi {

    private static final Logger LOG = Logger.getLogger(MergedOpenApi.class);
    private static final String SCHEMA_REF = "#/components/schemas/";

    private final GatewayConfig config;
    private final ObjectMapper mapper;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private volatile ObjectNode cached;
    private volatile Instant cachedAt = Instant.EPOCH;

    public MergedOpenApi(GatewayConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    public synchronized ObjectNode document() {
        if (cached == null || cachedAt.plus(config.openapiCacheFor()).isBefore(Instant.now())) {
            cached = merge(fetchAll());
            cachedAt = Instant.now();
        }
        return cached;
    }

    private Map<String, JsonNode> fetchAll() {
        Map<String, JsonNode> documents = new TreeMap<>();
        for (Map.Entry<String, Route> route : config.routes().entrySet()) {
            if (!route.getValue().openapi()) {
                continue;
            }
            URI uri = route.getValue().url().resolve("/q/openapi?format=json");
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(5))
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    documents.put(route.getKey(), mapper.readTree(response.body()));
                } else {
                    LOG.warnf("OpenAPI of %s: %s answered %d", route.getKey(), uri, response.statusCode());
                    documents.put(route.getKey(), null);
                }
            } catch (IOException e) {
                LOG.warnf("OpenAPI of %s: %s cannot be read (%s)", route.getKey(), uri, e.toString());
                documents.put(route.getKey(), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                documents.put(route.getKey(), null);
            }
        }
        return documents;
    }

    /** Merges the documents by service name; a null document is a service that could not be read. */
    ObjectNode merge(Map<String, JsonNode> documents) {
        ObjectNode merged = mapper.createObjectNode();
        merged.put("openapi", "3.1.0");
        ObjectNode info = merged.putObject("info");
        info.put("title", "Switchboard API");
        info.put("version", "v1");
        info.put(
                "description",
                "Every Switchboard service behind the gateway. Send `Authorization: Bearer <token>` and, when you"
                        + " belong to several tenants, `X-Tenant-ID`.");
        merged.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode schemas = mapper.createObjectNode();
        ObjectNode securitySchemes = mapper.createObjectNode();
        ArrayNode tags = mapper.createArrayNode();
        Set<String> tagNames = new HashSet<>();
        List<String> unavailable = new ArrayList<>();

        for (Map.Entry<String, JsonNode> entry : documents.entrySet()) {
            String service = entry.getKey();
            JsonNode document = entry.getValue();
            if (document == null) {
                unavailable.add(service);
                continue;
            }
            document = document.deepCopy();
            Map<String, String> renames = new HashMap<>();
            JsonNode ownSchemas = document.path("components").path("schemas");
            for (Iterator<String> names = ownSchemas.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode existing = schemas.get(name);
                if (existing != null && !existing.equals(ownSchemas.get(name))) {
                    renames.put(name, service + "." + name);
                }
            }
            if (!renames.isEmpty()) {
                rewriteRefs(document, renames);
            }
            ownSchemas = document.path("components").path("schemas");
            for (Iterator<Map.Entry<String, JsonNode>> it = ownSchemas.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> schema = it.next();
                schemas.set(renames.getOrDefault(schema.getKey(), schema.getKey()), schema.getValue());
            }
            document.path("components").path("securitySchemes").fields().forEachRemaining(s -> {
                if (!securitySchemes.has(s.getKey())) {
                    securitySchemes.set(s.getKey(), s.getValue());
                }
            });
            document.path("paths").fields().forEachRemaining(path -> {
                if (paths.has(path.getKey())) {
                    LOG.warnf(
                            "OpenAPI: %s is described by two services; %s's description is left out",
                            path.getKey(), service);
                } else {
                    paths.set(path.getKey(), path.getValue());
                }
            });
            for (JsonNode tag : document.path("tags")) {
                if (tagNames.add(tag.path("name").asText())) {
                    tags.add(tag);
                }
            }
        }
        if (!tags.isEmpty()) {
            merged.set("tags", tags);
        }
        ObjectNode components = merged.putObject("components");
        components.set("schemas", schemas);
        components.set("securitySchemes", securitySchemes);
        if (!unavailable.isEmpty()) {
            ArrayNode list = merged.putArray("x-switchboard-unavailable");
            unavailable.forEach(list::add);
        }
        return merged;
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(SCHEMA_REF)) {
                String renamed = renames.get(ref.asText().substring(SCHEMA_REF.length()));
                if (renamed != null) {
                    object.set("$ref", TextNode.valueOf(SCHEMA_REF + renamed));
                }
            }
            object.elements().forEachRemaining(child -> rewriteRefs(child, renames));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> rewriteRefs(child, renames));
        }
    }
}
