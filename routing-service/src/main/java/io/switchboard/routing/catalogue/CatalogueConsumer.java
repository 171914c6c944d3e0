package io.switchboard.routing.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.switchboard.commons.events.CloudEventCodec;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.inbox.IdempotentConsumer;
import io.switchboard.routing.table.RoutingChanges;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns from {@code telephony.events} what routes can name: extensions ({@code number}, {@code endpointId},
 * {@code voicemailBoxId}), queues ({@code name}, {@code asteriskName}, {@code maxWaitTime}), voicemail boxes
 * ({@code mailbox}, {@code context}) and trunks ({@code name}, {@code endpointId}). Each event is applied once (the
 * idempotent-consumer guard) and the tenant's routing is reloaded in the background after the commit.
 */
@ApplicationScoped
public class CatalogueConsumer {

    static final String CHANNEL = "telephony-events";
    static final String CONSUMER = "routing-catalogue";

    private final IdempotentConsumer inbox;
    private final CatalogueRepository repository;
    private final RoutingChanges changes;
    private final ObjectMapper mapper;

    public CatalogueConsumer(
            IdempotentConsumer inbox, CatalogueRepository repository, RoutingChanges changes, ObjectMapper mapper) {
        this.inbox = inbox;
        this.repository = repository;
        this.changes = changes;
        this.mapper = mapper;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Retry(maxRetries = -1, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 1, durationUnit = ChronoUnit.HOURS)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void onEvent(ConsumerRecord<String, byte[]> record) throws IOException {
        DomainEvent event = CloudEventCodec.fromRecord(record);
        String kind = kindOf(event.type());
        if (kind == null || event.tenantId() == null) {
            return;
        }
        JsonNode data = mapper.readTree(event.data());
        boolean deleted = event.type().endsWith(".deleted");
        CatalogueEntry entry = deleted ? null : entry(kind, event.tenantId(), data);
        UUID sourceId = UUID.fromString(data.path("id").asText());
        boolean applied = inbox.process(CONSUMER, event, e -> {
            if (deleted) {
                repository.delete(sourceId);
            } else {
                repository.upsert(entry);
            }
            changes.touched(event.tenantId(), false);
        });
        Log.debugf("Catalogue %s %s %s", applied ? "applied" : "skipped duplicate", event.type(), sourceId);
    }

    /** The catalogue kind an event type is about, or null for events the catalogue ignores (calls, members...). */
    static String kindOf(String type) {
        if (type.startsWith("telephony.extension.")) {
            return CatalogueEntry.EXTENSION;
        }
        if (type.startsWith("telephony.queue.")) {
            return CatalogueEntry.QUEUE;
        }
        if (type.startsWith("telephony.voicemail.")) {
            return CatalogueEntry.VOICEMAIL;
        }
        if (type.startsWith("telephony.trunk.")) {
            return CatalogueEntry.TRUNK;
        }
        return null;
    }

    private static CatalogueEntry entry(String kind, String tenantId, JsonNode data) {
        CatalogueEntry entry = new CatalogueEntry();
        entry.sourceId = UUID.fromString(data.path("id").asText());
        entry.tenantId = tenantId;
        entry.kind = kind;
        entry.version = data.path("version").asLong();
        entry.updatedAt = Instant.now();
        switch (kind) {
            case CatalogueEntry.EXTENSION -> {
                entry.name = data.path("number").asText();
                entry.asteriskId = data.path("endpointId").asText();
                entry.voicemailBoxId = data.hasNonNull("voicemailBoxId")
                        ? UUID.fromString(data.get("voicemailBoxId").asText())
                        : null;
            }
            case CatalogueEntry.QUEUE -> {
                entry.name = data.path("name").asText();
                entry.asteriskId = data.path("asteriskName").asText();
                entry.maxWaitTime = data.path("maxWaitTime").asInt(0);
            }
            case CatalogueEntry.VOICEMAIL -> {
                entry.name = data.path("mailbox").asText();
                entry.asteriskId = entry.name + "@" + data.path("context").asText();
            }
            default -> {
                entry.name = data.path("name").asText();
                entry.asteriskId = data.path("endpointId").asText();
            }
        }
        return entry;
    }
}
