package io.switchboard.helpdesk.template;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
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
