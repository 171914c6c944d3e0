package io.switchboard.webhook.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.switchboard.commons.db.RowLevelSecurity;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * The managed endpoint of each DID with an SMS webhook URL, kept from the {@code routing.did.*} events: created when
 * a DID gets an {@code smsWebhookUrl}, moved when it changes, deleted with the URL or the DID. It receives
 * {@code routing.sms.received} about its DID only (the event's subject is the DID id). Applied by the fan-out consumer
 * before it fans the same event out, so a DID's endpoint always exists before the DID's messages, which follow its
 * events on the same partition, are delivered.
 */
@ApplicationScoped
public class DidEndpoints {

    static final List<String> EVENT_TYPES = List.of(EventTypes.ROUTING_SMS_RECEIVED);
    private static final Set<String> DID_EVENTS =
            Set.of(EventTypes.ROUTING_DID_CREATED, EventTypes.ROUTING_DID_UPDATED, EventTypes.ROUTING_DID_DELETED);
    private static final int MAX_URL = 2048;

    private final SubscriptionService subscriptions;
    private final RowLevelSecurity rowLevelSecurity;
    private final ObjectMapper mapper;

    public DidEndpoints(SubscriptionService subscriptions, RowLevelSecurity rowLevelSecurity, ObjectMapper mapper) {
        this.subscriptions = subscriptions;
        this.rowLevelSecurity = rowLevelSecurity;
        this.mapper = mapper;
    }

    /**
     * Applies a DID event to the DID's endpoint, for the event's tenant (the caller's tenant context), in the caller's
     * transaction.
     *
     * @return whether the event was a DID event (the tenant's subscriptions may have changed)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(DomainEvent event) {
        if (!DID_EVENTS.contains(event.type()) || event.tenantId() == null || Scopes.isPlatform(event.tenantId())) {
            return false;
        }
        JsonNode did;
        try {
            did = mapper.readTree(event.data());
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable " + event.type() + " " + event.id(), e);
        }
        String id = did.path("id").asText();
        String number = did.path("number").asText();
        String url = EventTypes.ROUTING_DID_DELETED.equals(event.type()) ? null : usableUrl(did, id);
        rowLevelSecurity.refresh(); // a fan-out batch shares one transaction: act for this event's tenant
        subscriptions.keepManaged(
                event.tenantId(), new ManagedBy(ManagedBy.DID, id), url, "SMS of DID " + number, EVENT_TYPES);
        return true;
    }

    /** The DID's SMS webhook URL, or null when it has none this service could store. */
    private static String usableUrl(JsonNode did, String id) {
        JsonNode value = did.path("smsWebhookUrl");
        if (!value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        String url = value.asText().strip();
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (url.length() > MAX_URL || !(lower.startsWith("https://") || lower.startsWith("http://"))) {
            Log.warnf(
                    "DID %s has an SMS webhook URL no endpoint can have (%d characters): no endpoint",
                    id, url.length());
            return null;
        }
        return url;
    }
}
