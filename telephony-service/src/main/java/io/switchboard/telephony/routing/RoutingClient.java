package io.switchboard.telephony.routing;

/**
 * Where telephony-service gets the decision for a new call. routing-service answers it (DIDs, schedules, IVR menus,
 * webhook routes); until then {@link DirectRouting} resolves numbers to the tenant's extensions and queues.
 * Implementations must answer quickly and never throw: a failure is a decision too (usually a fallback).
 */
public interface RoutingClient {

    RoutingDecision decide(RoutingRequest request);
}
