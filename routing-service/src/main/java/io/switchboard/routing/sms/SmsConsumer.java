package io.switchboard.routing.sms;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.switchboard.commons.events.CloudEventCodec;
import io.switchboard.commons.events.DomainEvent;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.inbox.IdempotentConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code telephony.sms.received} from {@code telephony.events} (its own consumer group beside the catalogue's)
 * and routes each message once, through the idempotent-consumer guard: the routing event and the processed-event
 * record commit together, so a redelivered message is neither routed nor rejected twice.
 */
@ApplicationScoped
public class SmsConsumer {

    static final String CHANNEL = "telephony-sms";
    static final String CONSUMER = "routing-sms";

    private final IdempotentConsumer inbox;
    private final SmsRouter router;
    private final ObjectMapper mapper;

    public SmsConsumer(IdempotentConsumer inbox, SmsRouter router, ObjectMapper mapper) {
        this.inbox = inbox;
        this.router = router;
        this.mapper = mapper;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Retry(maxRetries = -1, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 1, durationUnit = ChronoUnit.HOURS)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void onEvent(ConsumerRecord<String, byte[]> record) throws IOException {
        DomainEvent event = CloudEventCodec.fromRecord(record);
        if (!EventTypes.TELEPHONY_SMS_RECEIVED.equals(event.type())) {
            return;
        }
        if (event.tenantId() == null) {
            Log.warnf("telephony.sms.received %s without a tenant: skipped", event.id());
            return;
        }
        InboundSms sms = mapper.readValue(event.data(), InboundSms.class);
        boolean applied = inbox.process(CONSUMER, event, e -> router.route(event.tenantId(), sms));
        if (!applied) {
            Log.debugf("Text message %s was routed before: skipped", sms.messageId());
        }
    }
}
