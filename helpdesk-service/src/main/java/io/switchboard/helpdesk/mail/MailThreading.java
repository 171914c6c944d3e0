package io.switchboard.helpdesk.mail;

import io.switchboard.commons.ids.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How mail threads: the ticket number in the subject ({@code [ACME-00042]}), reply subjects, Message-IDs of the mail
 * the helpdesk sends, and the References chain.
 */
public final class MailThreading {

    private static final Pattern NUMBER = Pattern.compile("\\[([A-Za-z][A-Za-z0-9]{0,9}-[0-9]{1,18})]");
    private static final Pattern REPLY_PREFIX =
            Pattern.compile("^(?i)(\\s*(re|aw|sv|antw|vs|ref|fw|fwd|wg|tr)\\s*(\\[[0-9]+])?\\s*:\\s*)+");
    /** References keep the first message and the newest ones, like mail clients do for long threads. */
    static final int MAX_REFERENCES = 20;

    private MailThreading() {}

    /** The last ticket number in brackets in a subject. */
    public static Optional<String> numberIn(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher m = NUMBER.matcher(subject);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return Optional.ofNullable(last);
    }

    /** {@code Re: <subject> [ACME-00042]}: reply prefixes and an earlier number tag removed first. */
    public static String replySubject(String subject, String number) {
        String base =
                NUMBER.matcher(subject == null ? "" : subject).replaceAll("").strip();
        base = REPLY_PREFIX.matcher(base).replaceFirst("").strip();
        return "Re: " + (base.isEmpty() ? "" : base + " ") + "[" + number + "]";
    }

    /** A new Message-ID in the domain of the sender's address. */
    public static String newMessageId(String fromAddress) {
        String domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return "<" + Ids.newId() + "@" + domain + ">";
    }

    /** The References of a reply to a thread whose mail had these ids (oldest first). */
    public static List<String> references(List<String> thread) {
        if (thread.size() <= MAX_REFERENCES) {
            return List.copyOf(thread);
        }
        List<String> kept = new ArrayList<>();
        kept.add(thread.get(0));
        kept.addAll(thread.subList(thread.size() - (MAX_REFERENCES - 1), thread.size()));
        return kept;
    }
}
