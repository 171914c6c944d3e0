package io.switchboard.helpdesk.mail;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A mail read from a mailbox, reduced to what the helpdesk uses.
 *
 * @param messageId the Message-ID with its angle brackets, or one made up from the mailbox and UID when it had none
 * @param references In-Reply-To first, then References newest first: the messages it may answer
 * @param body plain text, or sanitized HTML when {@code html}
 * @param automatic why it is an automatic mail (an auto-reply, a bounce, a list), or null for one a person wrote
 */
public record InboundMail(
        String messageId,
        List<String> references,
        String fromAddress,
        String fromName,
        String subject,
        String body,
        boolean html,
        List<Attachment> attachments,
        String automatic) {

    /**
     * An attachment: its name and type as the mail declares them, its decoded size, and its bytes (read while the
     * mail is imported, into the attachment store).
     */
    public record Attachment(String fileName, String contentType, long size, Content content) {}

    /** Opens an attachment's decoded bytes. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }
}
