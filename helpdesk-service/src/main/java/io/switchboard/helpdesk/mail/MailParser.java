package io.switchboard.helpdesk.mail;

import io.switchboard.helpdesk.contact.EmailAddresses;
import io.switchboard.helpdesk.message.HtmlBodies;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what the helpdesk needs from a MIME message: sender, threading headers, text, attachments, automatic-ness. */
public final class MailParser {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    static final int BODY_MAX = 100_000;

    private MailParser() {}

    /**
     * @param fallbackId the Message-ID to use when the mail has none
     */
    public static InboundMail parse(MimeMessage mime, String fallbackId) throws MessagingException, IOException {
        String messageId = firstId(mime.getHeader("Message-ID", " "));
        List<String> references = new ArrayList<>(ids(mime.getHeader("In-Reply-To", " ")));
        List<String> chain = ids(mime.getHeader("References", " "));
        Collections.reverse(chain);
        for (String id : chain) {
            if (!references.contains(id)) {
                references.add(id);
            }
        }
        String fromAddress = null;
        String fromName = null;
        Address[] from = mime.getFrom();
        if (from != null && from.length > 0 && from[0] instanceof InternetAddress address) {
            fromAddress = EmailAddresses.normalize(address.getAddress()).orElse(null);
            fromName = address.getPersonal();
        }
        String subject = mime.getSubject();
        String[] texts = new String[2];
        List<InboundMail.Attachment> attachments = new ArrayList<>();
        collect(mime, texts, attachments);
        boolean html = texts[0] == null && texts[1] != null;
        String body = html ? HtmlBodies.sanitize(texts[1]) : texts[0] == null ? "" : texts[0].strip();
        if (body.length() > BODY_MAX) {
            body = body.substring(0, BODY_MAX);
            if (html) {
                body = HtmlBodies.sanitize(body); // closes what the cut left open
            }
        }
        return new InboundMail(
                messageId == null ? fallbackId : messageId,
                references,
                fromAddress,
                fromName,
                subject == null ? "" : subject.strip(),
                body,
                html,
                attachments,
                LoopRules.automatic(mime, fromAddress));
    }

    private static void collect(Part part, String[] texts, List<InboundMail.Attachment> attachments)
            throws MessagingException, IOException {
        String disposition = part.getDisposition();
        String fileName = fileName(part);
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || fileName != null;
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, texts, attachments);
            }
        } else if (!attachment && part.isMimeType("text/plain") && texts[0] == null) {
            texts[0] = text(part);
        } else if (!attachment && part.isMimeType("text/html") && texts[1] == null) {
            texts[1] = text(part);
        } else if (attachment || !part.isMimeType("text/*")) {
            attachments.add(new InboundMail.Attachment(
                    fileName == null ? "attachment" : fileName, contentType(part), size(part), () -> {
                        try {
                            return part.getInputStream();
                        } catch (MessagingException e) {
                            throw new IOException(e);
                        }
                    }));
        }
    }

    private static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        return content instanceof String s ? s : "";
    }

    private static String fileName(Part part) throws MessagingException {
        try {
            String name = part.getFileName();
            return name == null ? null : MimeUtility.decodeText(name);
        } catch (java.io.UnsupportedEncodingException e) {
            return part.getFileName();
        }
    }

    private static String contentType(Part part) throws MessagingException {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            return "application/octet-stream";
        }
    }

    /** The decoded size: counted, as the transfer-encoded size a part reports is only an estimate. */
    private static long size(Part part) throws MessagingException, IOException {
        long size = 0;
        try (InputStream in = part.getInputStream()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                size += n;
            }
        }
        return size;
    }

    static String firstId(String header) {
        List<String> ids = ids(header);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** The message ids ({@code <...>}) in a header, in order. */
    static List<String> ids(String header) {
        List<String> ids = new ArrayList<>();
        if (header == null) {
            return ids;
        }
        Matcher m = MESSAGE_ID.matcher(header);
        while (m.find() && ids.size() < 100) {
            if (m.group().length() <= 500) {
                ids.add(m.group());
            }
        }
        return ids;
    }
}
