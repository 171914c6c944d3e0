package io.switchboard.helpdesk.settings;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;

/** The format of ticket numbers: the tenant's prefix, a hyphen and the sequence number, at least five digits. */
public final class TicketNumbers {

    public static final String PREFIX_PATTERN = "^[A-Z][A-Z0-9]{0,9}$";
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("^([A-Za-z][A-Za-z0-9]{0,9})-([0-9]{1,18})$");

    /** A parsed ticket number. */
    public record Parsed(String prefix, long seq) {}

    private TicketNumbers() {}

    public static String format(String prefix, long seq) {
        return prefix + "-" + String.format(Locale.ROOT, "%05d", seq);
    }

    public static Optional<Parsed> parse(String number) {
        Matcher m = NUMBER.matcher(number == null ? "" : number.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(m.group(1).toUpperCase(Locale.ROOT), Long.parseLong(m.group(2))));
    }

    /**
     * The prefix of a tenant that has not chosen one: the first part of its id in capitals ({@code acme-corp} gives
     * {@code ACME}), or {@code T} when that part does not start with a letter.
     */
    public static String defaultPrefix(String tenantId) {
        String first = tenantId.split("-", 2)[0].toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (first.isEmpty() || !Character.isLetter(first.charAt(0))) {
            return "T";
        }
        return first.length() > 10 ? first.substring(0, 10) : first;
    }
}
