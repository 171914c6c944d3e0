package io.switchboard.webhook.catalogue;

/** A subscribable event type, as docs/asyncapi.yaml describes it. */
public record EventType(String type, String title, String summary, String topic) {}
