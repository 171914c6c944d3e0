package io.switchboard.helpdesk.template;

import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{name}}} placeholders in templates and canned responses: found and replaced by plain substitution, never
 * evaluated (no expressions, no code, no includes), so a template can do nothing but insert the values given.
 */
public final class Placeholders {

    /** A name of letters, digits and _, optionally dotted ({@code ticket.number}), with optional inner spaces. */
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]{0,63}(?:\\.[A-Za-z_][A-Za-z0-9_]{0,63})?)\\s*}}");

    /** A name a template's variable may have. */
    public static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,63}$");

    private static final SecureRandom RANDOM = new SecureRandom();

    private Placeholders() {}

    /** The names used in these texts, in their order of first use. */
    public static Set<String> names(String... texts) {
        Set<String> names = new LinkedHashSet<>();
        for (String text : texts) {
            if (text != null) {
                Matcher m = PLACEHOLDER.matcher(text);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /**
     * HTML sanitized by {@code sanitizer} with its placeholders kept as they are (sanitizers break {@code {{} apart
     * to defeat client-side template injection): each one stands in as a token of plain text meanwhile.
     */
    public static String sanitizeKeeping(String html, UnaryOperator<String> sanitizer) {
        String nonce = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        Matcher m = PLACEHOLDER.matcher(html);
        StringBuilder marked = new StringBuilder(html.length());
        java.util.List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            m.appendReplacement(marked, Matcher.quoteReplacement("\u27e6" + nonce + "-" + names.size() + "\u27e7"));
            names.add(m.group(1));
        }
        m.appendTail(marked);
        String sanitized = sanitizer.apply(marked.toString());
        for (int i = 0; i < names.size(); i++) {
            sanitized = sanitized.replace("\u27e6" + nonce + "-" + i + "\u27e7", "{{" + names.get(i) + "}}");
        }
        return sanitized;
    }

    /**
     * The text with every placeholder replaced by its value; {@code values} answers each name (callers check first that
     * every name has one). Values are inserted as they are: nothing in them is looked at again.
     */
    public static String render(String text, Function<String, String> values) {
        if (text == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = values.apply(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
