package io.switchboard.telephony.sms;

import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.ids.Ids;
import io.switchboard.telephony.TelephonyEvents;
import io.switchboard.telephony.trunk.SipTrunk;
import io.switchboard.telephony.trunk.TrunkRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Records an inbound text message of a tenant's trunk as {@code telephony.sms.received}, through the outbox. */
@ApplicationScoped
public class SmsService {

    private final TrunkRepository trunks;
    private final TelephonyEvents events;

    public SmsService(TrunkRepository trunks, TelephonyEvents events) {
        this.trunks = trunks;
        this.events = events;
    }

    /**
     * Publishes the message if {@code endpointId} is one of the tenant's trunks; the numbers are already E.164.
     *
     * @return the event's data, or empty when the endpoint is not a trunk of this tenant
     */
    @Transactional
    public Optional<SmsReceived> receive(
            String tenantId, String endpointId, String from, String to, String body, OffsetDateTime receivedAt) {
        Optional<SipTrunk> trunk = trunks.findByEndpoint(tenantId, endpointId);
        if (trunk.isEmpty()) {
            return Optional.empty();
        }
        SmsReceived sms = new SmsReceived(Ids.newId(), trunk.get().id, from, to, body, receivedAt);
        // keyed by the number written to, so that the messages to one number stay in order
        events.emit(EventTypes.TELEPHONY_SMS_RECEIVED, tenantId, "sms", to, sms);
        return Optional.of(sms);
    }
}
