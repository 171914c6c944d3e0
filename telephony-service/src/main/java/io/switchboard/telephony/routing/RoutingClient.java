package io.switchboard.telephony.routing;

/**
 * Where telephony-service gets the decision for a new call: routing-service (DIDs, schedules, IVR menus, webhook
 * routes) through {@link RoutingServiceClient}, or {@link DirectRouting} when there is none or it fails.
 * Implementations must answer quickly and never throw: a failure is a decision too (usually a fallback).
 */
public interface RoutingClient {

    RoutingDecision decide(RoutingRequest request);
}
