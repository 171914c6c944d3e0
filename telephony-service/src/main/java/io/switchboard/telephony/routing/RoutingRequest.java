package io.switchboard.telephony.routing;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What telephony-service asks at call setup: a call of {@code tenantId} from {@code caller} to {@code called} (a DID
 * for inbound calls, a number dialled on a phone for internal ones), arriving on {@code sourceEndpoint}.
 */
public record RoutingRequest(
        String tenantId,
        UUID callId,
        String direction,
        String caller,
        String called,
        String sourceEndpoint,
        OffsetDateTime time) {}
