package io.switchboard.telephony.sms;

import ch.loway.oss.ari4java.generated.models.Endpoint;
import ch.loway.oss.ari4java.generated.models.TextMessage;
import ch.loway.oss.ari4java.generated.models.TextMessageReceived;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.switchboard.commons.tenant.TenantDirectory;
import io.switchboard.commons.tenant.TenantEntry;
import io.switchboard.commons.tenant.TenantTasks;
import io.switchboard.telephony.ara.AraNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Inbound SMS: Asterisk hands a SIP MESSAGE from a trunk to the Stasis application as TextMessageReceived (the
 * application subscribes to the PJSIP technology's messages, see {@code AriGateway}). The trunk endpoint names the
 * tenant ({@code <tenant>_trunk-<name>}), which must own that trunk; the sender and the number written to must be
 * valid international numbers. Accepted messages become {@code telephony.sms.received}; anything else is logged and
 * counted ({@code switchboard.sms.inbound} by outcome) and dropped, never published. Messages are handled one at a time
 * in arrival order, off the ARI event thread.
 */
@ApplicationScoped
public class SmsReceiver {

    static final String ACCEPTED = "accepted";
    static final String UNKNOWN_ENDPOINT = "unknown_endpoint";
    static final String UNPARSEABLE_NUMBER = "unparseable_number";
    static final String TENANT_INACTIVE = "tenant_inactive";
    static final String FAILED = "failed";
    private static final String TRUNK_MARK = AraNames.SEPARATOR + "trunk-";

    private final SmsService service;
    private final TenantDirectory directory;
    private final TenantTasks tasks;
    private final MeterRegistry meters;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("sms-inbound").factory());

    public SmsReceiver(SmsService service, TenantDirectory directory, TenantTasks tasks, MeterRegistry meters) {
        this.service = service;
        this.directory = directory;
        this.tasks = tasks;
        this.meters = meters;
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdown();
    }

    /** Takes the event from the ARI event thread; the work happens on this receiver's own thread. */
    public void onText(TextMessageReceived event) {
        Instant at = event.getTimestamp() == null
                ? Instant.now()
                : event.getTimestamp().toInstant();
        worker.submit(() -> handle(event.getEndpoint(), event.getMessage(), at));
    }

    void handle(Endpoint endpoint, TextMessage message, Instant at) {
        String endpointId = endpoint == null ? null : endpoint.getResource();
        String tenantId = tenantOf(endpoint);
        if (tenantId == null || message == null) {
            // phones may send SIP MESSAGEs too (the subscription covers every PJSIP endpoint): not inbound SMS
            Log.debugf("Text message on endpoint %s dropped: not a tenant's trunk", describe(endpoint));
            count(null, UNKNOWN_ENDPOINT);
            return;
        }
        Optional<TenantEntry> tenant = directory.find(tenantId);
        if (tenant.isEmpty()) {
            Log.warnf("Text message on endpoint %s dropped: tenant %s is unknown", endpointId, tenantId);
            count(null, UNKNOWN_ENDPOINT);
            return;
        }
        if (!tenant.get().acceptsWrites(Instant.now())) {
            Log.warnf(
                    "Text message on trunk %s of tenant %s dropped: the tenant is %s",
                    endpointId, tenantId, tenant.get().effectiveStatus(Instant.now()));
            count(tenantId, TENANT_INACTIVE);
            return;
        }
        Optional<String> from = SmsAddresses.e164(message.getFrom());
        Optional<String> to = SmsAddresses.e164(message.getTo());
        if (from.isEmpty() || to.isEmpty()) {
            Log.warnf(
                    "Text message on trunk %s of tenant %s dropped: %s is not a valid international number",
                    endpointId,
                    tenantId,
                    from.isEmpty() ? "sender " + message.getFrom() : "recipient " + message.getTo());
            count(tenantId, UNPARSEABLE_NUMBER);
            return;
        }
        try {
            String body = message.getBody() == null ? "" : message.getBody();
            Optional<SmsReceived> received = tasks.run(
                    tenantId,
                    () -> service.receive(
                            tenantId,
                            endpointId,
                            from.get(),
                            to.get(),
                            body,
                            OffsetDateTime.ofInstant(at, ZoneOffset.UTC)));
            if (received.isEmpty()) {
                Log.warnf("Text message on endpoint %s dropped: no trunk of tenant %s has it", endpointId, tenantId);
                count(tenantId, UNKNOWN_ENDPOINT);
                return;
            }
            Log.infof(
                    "Text message %s from %s to %s on trunk %s of tenant %s",
                    received.get().messageId(), from.get(), to.get(), endpointId, tenantId);
            count(tenantId, ACCEPTED);
        } catch (RuntimeException e) {
            // Asterisk already answered the MESSAGE; the carrier will not send it again
            Log.errorf(e, "Text message on trunk %s of tenant %s could not be recorded", endpointId, tenantId);
            count(tenantId, FAILED);
        }
    }

    /** The tenant whose trunk the endpoint is, by its name; null when it is not a PJSIP trunk endpoint. */
    static String tenantOf(Endpoint endpoint) {
        if (endpoint == null || !"PJSIP".equalsIgnoreCase(endpoint.getTechnology()) || endpoint.getResource() == null) {
            return null;
        }
        String resource = endpoint.getResource();
        int mark = resource.indexOf(TRUNK_MARK);
        return mark > 0 && resource.indexOf(AraNames.SEPARATOR) == mark ? resource.substring(0, mark) : null;
    }

    private void count(String tenantId, String outcome) {
        meters.counter("switchboard.sms.inbound", "tenant", tenantId == null ? "unknown" : tenantId, "outcome", outcome)
                .increment();
    }

    private static String describe(Endpoint endpoint) {
        return endpoint == null ? "(none)" : endpoint.getTechnology() + "/" + endpoint.getResource();
    }
}
