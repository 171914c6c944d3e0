package io.switchboard.webhook.delivery;

import io.switchboard.commons.problem.Validation;
import io.switchboard.webhook.catalogue.EventTypePattern;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Filters of the delivery log: a status (of the delivery, or the outcome of an attempt), an event-type pattern (the
 * subscription filter syntax), and a half-open time range {@code [since, until)}.
 */
public record DeliveryFilter(String status, String eventType, Instant since, Instant until) {

    /**
     * Reads the query parameters of a log request; every bad one is named in a 400.
     *
     * @param statuses the values {@code status} may take
     */
    public static DeliveryFilter of(String status, Set<String> statuses, String eventType, String since, String until) {
        Validation validation = new Validation();
        if (status != null && !statuses.contains(status)) {
            validation.add("status", "must be one of " + new java.util.TreeSet<>(statuses));
        }
        if (eventType != null) {
            String error = EventTypePattern.syntaxError(eventType);
            if (error != null) {
                validation.add("eventType", error);
            }
        }
        Instant from = instant("since", since, validation);
        Instant to = instant("until", until, validation);
        if (from != null && to != null && !to.isAfter(from)) {
            validation.add("until", "must be after since");
        }
        validation.throwIfInvalid();
        return new DeliveryFilter(status, eventType, from, to);
    }

    /** An ISO-8601 instant parameter, or null when absent. */
    public static Instant instant(String name, String value, Validation validation) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            validation.add(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
            return null;
        }
    }

    /** The event-type pattern as a PostgreSQL regular expression, or null for none. */
    String eventTypeRegex() {
        if (eventType == null || EventTypePattern.ALL.equals(eventType)) {
            return null;
        }
        StringBuilder regex = new StringBuilder("^");
        String[] segments = eventType.split("\\.");
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                regex.append("\\.");
            }
            if (segments[i].equals(EventTypePattern.ALL)) {
                regex.append(i == segments.length - 1 ? ".+" : "[a-z0-9_]+");
            } else {
                regex.append(segments[i]);
            }
        }
        return regex.append('$').toString();
    }
}
