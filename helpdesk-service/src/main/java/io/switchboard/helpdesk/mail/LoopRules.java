package io.switchboard.helpdesk.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.Set;

/**
 * Recognizes mail that no person wrote (RFC 3834 and the headers of common mail systems), which the helpdesk never
 * answers: {@code Auto-Submitted} other than {@code no}, {@code Precedence: bulk|junk|list|auto_reply},
 * {@code X-Autoreply}, {@code X-Autorespond}, {@code X-Auto-Response-Suppress}, mailing-list headers, delivery
 * reports, and mail from mailer-daemon / postmaster or without a sender address.
 */
public final class LoopRules {

    private static final Set<String> PRECEDENCE = Set.of("bulk", "junk", "list", "auto_reply");
    private static final Set<String> SYSTEM_SENDERS = Set.of("mailer-daemon", "postmaster", "noreply-dmarc-support");

    private LoopRules() {}

    /** Why the mail is automatic, or null when a person wrote it. */
    public static String automatic(MimeMessage mime, String fromAddress) throws MessagingException {
        String autoSubmitted = header(mime, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.toLowerCase(Locale.ROOT).startsWith("no")) {
            return "Auto-Submitted: " + autoSubmitted;
        }
        String precedence = header(mime, "Precedence");
        if (precedence != null && PRECEDENCE.contains(precedence.toLowerCase(Locale.ROOT))) {
            return "Precedence: " + precedence;
        }
        for (String name : new String[] {"X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"}) {
            if (header(mime, name) != null) {
                return name;
            }
        }
        if (header(mime, "List-Id") != null) {
            return "List-Id";
        }
        if (mime.isMimeType("multipart/report")) {
            return "delivery report";
        }
        if (fromAddress == null) {
            return "no sender address";
        }
        String local = fromAddress.substring(0, fromAddress.indexOf('@')).toLowerCase(Locale.ROOT);
        if (SYSTEM_SENDERS.contains(local)) {
            return "from " + local;
        }
        return null;
    }

    private static String header(MimeMessage mime, String name) throws MessagingException {
        String value = mime.getHeader(name, ",");
        return value == null || value.isBlank() ? null : value.strip();
    }
}
