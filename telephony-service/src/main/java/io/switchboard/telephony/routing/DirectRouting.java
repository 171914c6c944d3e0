package io.switchboard.telephony.routing;

import io.quarkus.runtime.Startup;
import io.switchboard.telephony.ara.AraNames;
import io.switchboard.telephony.config.TelephonyConfig;
import io.switchboard.telephony.extension.ExtensionService;
import io.switchboard.telephony.extension.ExtensionView;
import io.switchboard.telephony.queue.QueueService;
import io.switchboard.telephony.queue.QueueView;
import io.switchboard.telephony.voicemail.VoicemailBoxService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Routing without routing-service (not configured, failing, or deciding wrongly): a number (dialled internally, or the called number of an
 * inbound call) that is an extension of the tenant rings it, then goes to its voicemail box; a queue name puts the
 * caller into that queue; anything else is an unallocated number. Only the caller's own tenant is searched.
 */
// Created at start-up: created lazily on a call's virtual thread, its configuration mapping fails to inject.
@Startup
@ApplicationScoped
public class DirectRouting {

    /** Q.850 cause 1: unallocated (unassigned) number. */
    public static final int UNALLOCATED = 1;

    private final ExtensionService extensions;
    private final QueueService queues;
    private final VoicemailBoxService voicemail;
    private final TelephonyConfig config;

    public DirectRouting(
            ExtensionService extensions, QueueService queues, VoicemailBoxService voicemail, TelephonyConfig config) {
        this.extensions = extensions;
        this.queues = queues;
        this.voicemail = voicemail;
        this.config = config;
    }

    public RoutingDecision decide(RoutingRequest request) {
        String number = request.called();
        Optional<ExtensionView> extension = extensions.findByNumber(request.tenantId(), number);
        if (extension.isPresent()) {
            RoutingDecision noAnswer = Optional.ofNullable(extension.get().voicemailBoxId())
                    .flatMap(id -> voicemail.find(request.tenantId(), id))
                    .<RoutingDecision>map(box -> new RoutingDecision.Voicemail(box.mailbox() + "@" + box.context()))
                    .orElse(null); // without voicemail the caller hears why: busy, no answer...
            return new RoutingDecision.DialEndpoint(extension.get().endpointId(), config.ringTimeout(), noAnswer);
        }
        if (number.matches("[a-z0-9-]+")) {
            Optional<QueueView> queue = queues.findByName(request.tenantId(), number);
            if (queue.isPresent()) {
                return new RoutingDecision.Queue(
                        AraNames.queue(request.tenantId(), queue.get().name()),
                        Duration.ofSeconds(queue.get().maxWaitTime()),
                        new RoutingDecision.Hangup(34, null));
            }
        }
        return new RoutingDecision.Hangup(UNALLOCATED, "sound:ss-noservice");
    }
}
