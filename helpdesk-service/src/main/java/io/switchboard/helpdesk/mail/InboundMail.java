package io.switchboard.helpdesk.mail;

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

    /** An attachment's metadata (its bytes wait for the attachment store). */
    public record Attachment(String fileName, String contentType, long size) {}
}
