package io.switchboard.webhook.subscription;

import io.switchboard.commons.problem.Validation;
import io.switchboard.webhook.catalogue.EventCatalogue;
import io.switchboard.webhook.catalogue.EventTypePattern;
import io.switchboard.webhook.subscription.SubscriptionModels.SubscriptionDraft;
import io.switchboard.webhook.target.TargetPolicy;
import io.switchboard.webhook.target.TargetRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of a subscription draft that field constraints cannot express: a target the deployment allows (SSRF),
 * event-type filters that match the catalogue, and custom headers that cannot interfere with the request's framing or
 * its signature. Each failure names its field.
 */
@ApplicationScoped
public class SubscriptionRules {

    /** Connection-level headers (RFC 9110 section 7.6.1 and the proxy ones): they belong to one hop, not the event. */
    static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "proxy-connection",
            "te",
            "trailer",
            "trailers",
            "transfer-encoding",
            "upgrade");

    /** Headers the dispatcher sets itself; a custom value would break the request or its signature. */
    static final Set<String> RESERVED = Set.of(
            "host", "content-length", "content-type", "content-encoding", "user-agent", "expect", "date", "cookie");

    private static final String SIGNATURE_PREFIX = "webhook-";
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    private static final int MAX_HEADER_VALUE = 4096;

    private final TargetPolicy targets;
    private final EventCatalogue catalogue;

    public SubscriptionRules(TargetPolicy targets, EventCatalogue catalogue) {
        this.targets = targets;
        this.catalogue = catalogue;
    }

    /**
     * @param checkUrl whether to check the URL (and resolve its host) again; false when a change leaves it as it was
     */
    public void check(SubscriptionDraft draft, boolean checkUrl, Validation validation) {
        if (checkUrl && draft.url() != null && !draft.url().isBlank()) {
            try {
                targets.check(draft.url().strip());
            } catch (TargetRefusedException e) {
                validation.add("url", e.getMessage());
            }
        }
        checkEventTypes(draft.eventTypes(), validation);
        checkHeaders(draft.headers(), validation);
    }

    private void checkEventTypes(List<String> patterns, Validation validation) {
        if (patterns == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            String field = "eventTypes[" + i + "]";
            String error = EventTypePattern.syntaxError(pattern);
            if (error != null) {
                validation.add(field, error);
            } else if (!catalogue.matchesSome(pattern)) {
                validation.add(
                        field, "matches no event type of the catalogue; GET /api/v1/webhooks/event-types lists them");
            } else if (!seen.add(pattern)) {
                validation.add(field, "is listed twice");
            }
        }
    }

    private static void checkHeaders(Map<String, String> headers, Validation validation) {
        if (headers == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        headers.forEach((name, value) -> {
            String field = "headers." + name;
            String lower = name.toLowerCase(Locale.ROOT);
            if (!TOKEN.matcher(name).matches()) {
                validation.add(field, "is not a valid header name (letters, digits and !#$%&'*+.^_`|~- only)");
            } else if (HOP_BY_HOP.contains(lower)) {
                validation.add(field, "is a hop-by-hop header and cannot be set on webhooks");
            } else if (RESERVED.contains(lower) || lower.startsWith(SIGNATURE_PREFIX)) {
                validation.add(field, "is set by Switchboard on every webhook and cannot be overridden");
            } else if (!seen.add(lower)) {
                validation.add(field, "is given twice (header names are case-insensitive)");
            }
            if (value == null) {
                validation.add(field, "must not be null");
            } else if (value.length() > MAX_HEADER_VALUE) {
                validation.add(field, "must be at most " + MAX_HEADER_VALUE + " characters");
            } else if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                validation.add(field, "must not contain line breaks");
            }
        });
    }
}
