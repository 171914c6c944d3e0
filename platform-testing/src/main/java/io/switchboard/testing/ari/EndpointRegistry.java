package io.switchboard.testing.ari;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated endpoints ({@code PJSIP/acme-corp-1001}) and how the device behind each reacts to calls; endpoints
 * not set explicitly use the default behaviour, if one is set. Thread-safe.
 */
public final class EndpointRegistry {

    private final Map<String, EndpointBehaviour> behaviours = new LinkedHashMap<>();
    private EndpointBehaviour defaultBehaviour;

    EndpointRegistry(EndpointBehaviour defaultBehaviour) {
        this.defaultBehaviour = defaultBehaviour;
    }

    /** Sets the behaviour of {@code endpoint}, written {@code PJSIP/acme-corp-1001} (a bare name means PJSIP). */
    public synchronized EndpointRegistry set(String endpoint, EndpointBehaviour behaviour) {
        behaviours.put(normalize(endpoint), behaviour);
        return this;
    }

    /** Sets the behaviour of every endpoint not set explicitly; null makes such endpoints unknown (404). */
    public synchronized EndpointRegistry setDefault(EndpointBehaviour behaviour) {
        defaultBehaviour = behaviour;
        return this;
    }

    /** Forgets an explicitly set endpoint. */
    public synchronized EndpointRegistry remove(String endpoint) {
        behaviours.remove(normalize(endpoint));
        return this;
    }

    /** The behaviour of {@code endpoint}: its own, else the default, else empty (the endpoint does not exist). */
    public synchronized Optional<EndpointBehaviour> behaviourOf(String endpoint) {
        EndpointBehaviour own = behaviours.get(normalize(endpoint));
        return Optional.ofNullable(own != null ? own : defaultBehaviour);
    }

    /** The explicitly set endpoints, in the order they were set. */
    public synchronized Map<String, EndpointBehaviour> configured() {
        return new LinkedHashMap<>(behaviours);
    }

    static String normalize(String endpoint) {
        return endpoint.contains("/") ? endpoint : "PJSIP/" + endpoint;
    }
}
