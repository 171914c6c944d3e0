package io.switchboard.commons.events;

/**
 * Reactive-messaging channel names. A channel is named after its topic (dots become dashes, because channel names are
 * configuration keys); {@code META-INF/microprofile-config.properties} binds each one to its topic.
 */
public final class Channels {

    /** {@link Topics#TENANT_EVENTS}, consumed by every service's tenant directory. */
    public static final String TENANT_EVENTS = "tenant-events";

    private Channels() {}
}
