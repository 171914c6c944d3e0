package io.switchboard.helpdesk.message;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Message bodies in HTML, made safe to show in the agent UI and in mail clients with OWASP's java-html-sanitizer: text
 * formatting, block elements, lists, tables and links (http, https, mailto; opened with {@code rel="nofollow noopener
 * noreferrer"}) stay; scripts, styles, event handlers, forms, frames and images (they come with attachments) go.
 */
public final class HtmlBodies {

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("a")
                    .allowUrlProtocols("http", "https", "mailto")
                    .allowAttributes("href")
                    .onElements("a")
                    .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
                    .allowElements("br", "hr", "pre", "code", "span", "div", "ul", "ol", "li", "dl", "dt", "dd")
                    .toFactory());
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern BREAKS =
            Pattern.compile("(?i)<\\s*(br|/p|/div|/li|/h[1-6]|/tr|/blockquote|/pre)\\b[^>]*>");
    private static final Pattern ENTITY =
            Pattern.compile("&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos|nbsp);");

    private HtmlBodies() {}

    public static String sanitize(String html) {
        return POLICY.sanitize(html).strip();
    }

    /**
     * The text of a sanitized body (the output of {@link #sanitize}, whose tags are balanced and whose attribute values
     * have no raw {@code >}), for search and for mail without HTML: line breaks kept, tags dropped, entities decoded.
     */
    public static String text(String sanitized) {
        String withBreaks = BREAKS.matcher(sanitized).replaceAll(m -> Matcher.quoteReplacement(m.group() + "\n"));
        return decode(TAG.matcher(withBreaks).replaceAll(""))
                .replaceAll("[ \\t\\x0B\\f\\r]+", " ")
                .replaceAll(" ?\\n ?", "\n")
                .strip();
    }

    private static String decode(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String replacement = switch (entity) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                default -> {
                    int code = entity.startsWith("#x")
                            ? Integer.parseInt(entity.substring(2), 16)
                            : Integer.parseInt(entity.substring(1));
                    yield Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : "";
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
