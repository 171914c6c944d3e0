package io.switchboard.routing.sms;

import io.quarkus.logging.Log;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.tenant.TenantDirectory;
import io.switchboard.routing.RoutingEvents;
import io.switchboard.routing.did.Did;
import io.switchboard.routing.did.DidRepository;
import io.switchboard.routing.did.DidStatus;
import io.switchboard.routing.sms.SmsRejected.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Decides where an inbound text message goes: to the tenant's DID with the number written to, if that DID is active
 * and takes SMS ({@code routing.sms.received}, keyed by the DID so that it follows the DID's own events), else nowhere,
 * with the reason recorded ({@code routing.sms.rejected}). Only the DIDs of the tenant whose trunk received the
 * message are looked at: a number of another tenant never matches.
 */
@ApplicationScoped
public class SmsRouter {

    static final String SMS_FEATURE = "sms";

    private final DidRepository dids;
    private final TenantDirectory directory;
    private final RoutingEvents events;

    public SmsRouter(DidRepository dids, TenantDirectory directory, RoutingEvents events) {
        this.dids = dids;
        this.directory = directory;
        this.events = events;
    }

    /** Routes one message in the caller's transaction (the idempotent consumer's). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void route(String tenantId, InboundSms sms) {
        Optional<Did> found = dids.findByNumber(tenantId, sms.to());
        if (found.isEmpty()) {
            reject(tenantId, sms, null, Reason.UNKNOWN_NUMBER);
            return;
        }
        Did did = found.get();
        if (DidStatus.of(did.status) != DidStatus.ACTIVE) {
            reject(tenantId, sms, did, Reason.DID_INACTIVE);
            return;
        }
        boolean feature =
                directory.find(tenantId).map(t -> t.hasFeature(SMS_FEATURE)).orElse(false);
        if (!did.smsEnabled || !feature) {
            reject(tenantId, sms, did, Reason.SMS_DISABLED);
            return;
        }
        events.emit(
                EventTypes.ROUTING_SMS_RECEIVED,
                tenantId,
                "did",
                did.id,
                new SmsRouted(sms.messageId(), did.id, did.number, sms.from(), sms.to(), sms.body(), sms.receivedAt()));
        Log.infof("Text message %s to DID %s (%s) routed", sms.messageId(), did.number, did.id);
    }

    private void reject(String tenantId, InboundSms sms, Did did, Reason reason) {
        SmsRejected rejected = new SmsRejected(
                sms.messageId(),
                did == null ? null : did.id,
                sms.from(),
                sms.to(),
                sms.body(),
                sms.receivedAt(),
                reason);
        if (did == null) {
            events.emit(EventTypes.ROUTING_SMS_REJECTED, tenantId, "sms", sms.to(), rejected);
        } else {
            events.emit(EventTypes.ROUTING_SMS_REJECTED, tenantId, "did", did.id, rejected);
        }
        Log.infof("Text message %s to %s rejected: %s", sms.messageId(), sms.to(), reason);
    }
}
