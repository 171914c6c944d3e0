package io.switchboard.webhook.subscription;

/**
 * The resource that keeps an endpoint: {@code kind} {@code did} and the DID's id for the endpoint of a DID's SMS
 * webhook URL. Such an endpoint changes with its resource, never through the subscription API.
 */
public record ManagedBy(String kind, String id) {

    /** The kind of a DID's SMS endpoint. */
    public static final String DID = "did";
}
