package io.switchboard.webhook.catalogue;

import java.util.regex.Pattern;

/**
 * Event-type filters of a subscription: an exact type ({@code telephony.call.ended}), a wildcard segment
 * ({@code helpdesk.*.created} matches one segment), a trailing wildcard ({@code helpdesk.ticket.*},
 * {@code helpdesk.*}: one or more remaining segments), or {@code *} for every event.
 */
public final class EventTypePattern {

    public static final String ALL = "*";
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9_]+|\\*");
    private static final int MAX_LENGTH = 200;

    private EventTypePattern() {}

    /** What is wrong with the pattern's form, or null when it is well formed. */
    public static String syntaxError(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return "must not be blank";
        }
        if (pattern.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        for (String segment : pattern.split("\\.", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return "must be an event type such as helpdesk.ticket.created, with * standing for a segment"
                        + " (helpdesk.ticket.*, helpdesk.*.created) or for everything (*)";
            }
        }
        return null;
    }

    /** Whether {@code type} matches the (well-formed) {@code pattern}. */
    public static boolean matches(String pattern, String type) {
        if (ALL.equals(pattern)) {
            return true;
        }
        String[] want = pattern.split("\\.");
        String[] have = type.split("\\.");
        for (int i = 0; i < want.length; i++) {
            boolean last = i == want.length - 1;
            if (i >= have.length) {
                return false;
            }
            if (want[i].equals(ALL)) {
                if (last) {
                    return true; // a trailing * takes the rest, at least one segment
                }
                continue;
            }
            if (!want[i].equals(have[i])) {
                return false;
            }
        }
        return want.length == have.length;
    }

    /** Whether any of the patterns matches. */
    public static boolean matchesAny(Iterable<String> patterns, String type) {
        for (String pattern : patterns) {
            if (matches(pattern, type)) {
                return true;
            }
        }
        return false;
    }
}
