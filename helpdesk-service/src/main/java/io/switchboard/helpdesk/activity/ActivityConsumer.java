package io.switchboard.helpdesk.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.switchboard.commons.events.CloudEventCodec;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.inbox.IdempotentConsumer;
import io.switchboard.commons.tenant.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns the contacts' chats and calls from {@code chat.events} and {@code telephony.events}, and opens the tickets
 * chat-service asks for (offline messages, ticket requests). Each event is applied once (the idempotent-consumer
 * guard) for a tenant with the helpdesk feature; others' events are skipped.
 */
@ApplicationScoped
public class ActivityConsumer {

    static final String CHAT_CHANNEL = "chat-events";
    static final String TELEPHONY_CHANNEL = "telephony-events";
    static final String CHAT_CONSUMER = "helpdesk-chat-activity";
    static final String CALL_CONSUMER = "helpdesk-call-activity";

    private static final Set<String> SESSION_TYPES = Set.of(
            EventTypes.CHAT_SESSION_STARTED,
            EventTypes.CHAT_SESSION_ASSIGNED,
            EventTypes.CHAT_SESSION_ENDED,
            EventTypes.CHAT_SESSION_ABANDONED);
    static final String TICKET_REQUESTED = "chat.session.ticket_requested";

    private final IdempotentConsumer inbox;
    private final ActivityService activities;
    private final ChatTickets chatTickets;
    private final TenantDirectory directory;
    private final ObjectMapper mapper;

    public ActivityConsumer(
            IdempotentConsumer inbox,
            ActivityService activities,
            ChatTickets chatTickets,
            TenantDirectory directory,
            ObjectMapper mapper) {
        this.inbox = inbox;
        this.activities = activities;
        this.chatTickets = chatTickets;
        this.directory = directory;
        this.mapper = mapper;
    }

    @Incoming(CHAT_CHANNEL)
    @Blocking
    @Retry(maxRetries = -1, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 1, durationUnit = ChronoUnit.HOURS)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void onChat(ConsumerRecord<String, byte[]> record) throws IOException {
        DomainEvent event = CloudEventCodec.fromRecord(record);
        String type = event.type();
        boolean session = SESSION_TYPES.contains(type);
        boolean offline = EventTypes.CHAT_SESSION_OFFLINE_MESSAGE.equals(type);
        boolean requested = TICKET_REQUESTED.equals(type);
        if (!(session || offline || requested) || !helpdeskOf(event.tenantId())) {
            return;
        }
        JsonNode data = mapper.readTree(event.data());
        String tenant = event.tenantId();
        boolean applied = inbox.process(CHAT_CONSUMER, event, e -> {
            if (session) {
                activities.recordChat(
                        tenant,
                        ActivityService.uuid(data, "id"),
                        data,
                        ActivityService.text(data, "status"),
                        null,
                        event.time());
            } else if (offline) {
                UUID sessionId = ActivityService.uuid(data, "sessionId");
                JsonNode visitor = data.path("visitor");
                Activity chat = sessionId == null
                        ? null
                        : activities.recordChat(tenant, sessionId, data, null, offlineTranscript(data), event.time());
                UUID contact = chat != null
                        ? chat.contactId()
                        : activities.contactOf(
                                tenant,
                                ActivityService.text(visitor, "name"),
                                ActivityService.text(visitor, "email"),
                                ActivityService.text(visitor, "phone"));
                chatTickets.fromOfflineMessage(tenant, data, chat, contact);
            } else {
                UUID sessionId = ActivityService.uuid(data, "sessionId");
                Activity chat = activities.recordChat(
                        tenant, sessionId, data, null, data.path("transcript").toString(), event.time());
                chatTickets.fromTicketRequest(tenant, data, chat.contactId());
            }
        });
        Log.debugf("Chat activity %s %s (%s)", applied ? "applied" : "skipped duplicate", type, event.subject());
    }

    @Incoming(TELEPHONY_CHANNEL)
    @Blocking
    @Retry(maxRetries = -1, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 1, durationUnit = ChronoUnit.HOURS)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void onTelephony(ConsumerRecord<String, byte[]> record) throws IOException {
        DomainEvent event = CloudEventCodec.fromRecord(record);
        if (!event.type().startsWith("telephony.call.") || !helpdeskOf(event.tenantId())) {
            return;
        }
        JsonNode data = mapper.readTree(event.data());
        if (ActivityService.uuid(data, "id") == null) {
            return;
        }
        boolean applied =
                inbox.process(CALL_CONSUMER, event, e -> activities.recordCall(event.tenantId(), data, event.time()));
        Log.debugf(
                "Call activity %s %s (%s)", applied ? "applied" : "skipped duplicate", event.type(), event.subject());
    }

    private boolean helpdeskOf(String tenantId) {
        return tenantId != null
                && directory.find(tenantId).map(t -> t.hasFeature("helpdesk")).orElse(false);
    }

    /** What an offline message's visitor wrote, in the transcript's shape. */
    private String offlineTranscript(JsonNode data) {
        var lines = mapper.createArrayNode();
        int seq = 1;
        String name = ActivityService.text(data.path("visitor"), "name");
        for (JsonNode m : data.path("messages")) {
            ObjectNode line = lines.addObject();
            line.put("seq", seq++);
            line.put("senderType", "visitor");
            line.put("senderName", name == null ? "Visitor" : name);
            line.set("body", m.get("body"));
            line.set("sentAt", m.get("at"));
        }
        return lines.toString();
    }
}
