package io.switchboard.commons.events;

/** Kafka topics, one per producing domain, keyed by aggregate id so that each aggregate stays ordered. */
public final class Topics {

    public static final String TENANT_EVENTS = "tenant.events";
    public static final String TELEPHONY_EVENTS = "telephony.events";
    public static final String ROUTING_EVENTS = "routing.events";
    public static final String HELPDESK_EVENTS = "helpdesk.events";
    public static final String CHAT_EVENTS = "chat.events";
    /** webhook-dispatcher's own events: subscriptions created, changed, disabled... */
    public static final String WEBHOOK_EVENTS = "webhook.events";

    private Topics() {}
}
