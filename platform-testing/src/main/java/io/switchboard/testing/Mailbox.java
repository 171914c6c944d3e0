package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * The mail that the local mail server (GreenMail, {@code deploy/local/mail.sh}) received for an address, read through
 * its REST API and parsed as MIME: what a test checks after the platform sent mail (Keycloak's reset links, helpdesk
 * replies), and mail sent to the platform's mailboxes over its SMTP port ({@link #send}). Every address has a mailbox;
 * nothing is deleted between tests, so a test uses addresses of its own.
 */
public final class Mailbox {

    /** One received message, decoded (transfer encodings undone, the text and HTML parts found). */
    public record Mail(
            String messageId,
            String subject,
            List<String> from,
            List<String> to,
            String text,
            String html,
            MimeMessage mime) {

        /** The text of the plain part, or else of the HTML part. */
        public String body() {
            return text != null ? text : html == null ? "" : html;
        }

        /** The files the mail carries (parts with a file name), decoded, in order. */
        public List<File> attachments() {
            List<File> files = new ArrayList<>();
            try {
                collectFiles(mime, files);
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
            return files;
        }

        /** A header's first value, or null. */
        public String header(String name) {
            try {
                return mime.getHeader(name, ",");
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A file of a mail: its name, its type (without parameters) and its bytes. */
    public record File(String name, String contentType, byte[] bytes) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Session SESSION = Session.getInstance(new Properties());

    private Mailbox() {}

    /** Everything the address received so far, oldest first (none when it never received mail). */
    public static List<Mail> messages(String address) {
        HttpResponse<String> response =
                get("/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/INBOX");
        if (response.statusCode() != 200) {
            return List.of(); // GreenMail knows an address once mail arrived for it
        }
        List<Mail> mails = new ArrayList<>();
        try {
            for (JsonNode message : JSON.readTree(response.body())) {
                mails.add(parse(message.path("mimeMessage").asText()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable answer of the mail server: " + response.body(), e);
        }
        return mails;
    }

    /** Waits (up to {@code timeout}) for a message to the address that {@code matches}, and returns it. */
    public static Mail await(String address, Predicate<Mail> matches, Duration timeout) {
        return org.awaitility.Awaitility.await()
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> messages(address).stream().filter(matches).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** Waits (up to {@code timeout}) for the first message to the address. */
    public static Mail awaitFirst(String address, Duration timeout) {
        return await(address, mail -> true, timeout);
    }

    /**
     * Sends a plain text mail over the local mail server's SMTP port (as a customer's mail client would), with these
     * extra headers (In-Reply-To, Auto-Submitted, ...); returns its Message-ID.
     */
    public static String send(String from, String to, String subject, String text, Map<String, String> headers) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(LocalStack.mailSmtpPort()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        try {
            String id = headers.getOrDefault(
                    "Message-ID", "<" + java.util.UUID.randomUUID() + "@" + from.replaceAll("^.*@|>$", "") + ">");
            MimeMessage message = new MimeMessage(Session.getInstance(properties)) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", id); // Transport.send saves the message again: keep the id returned
                }
            };
            message.setFrom(new InternetAddress(from));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
            message.setSubject(subject, "UTF-8");
            message.setText(text, "UTF-8");
            for (Map.Entry<String, String> header : headers.entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            Transport.send(message);
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(
                    "The local mail server does not take mail on port " + LocalStack.mailSmtpPort()
                            + " (deploy/local/mail.sh start)",
                    e);
        }
    }

    /** Sends a mail with a text and files (multipart/mixed, as mail clients send attachments); returns its Message-ID. */
    public static String send(String from, String to, String subject, String text, List<File> files) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(LocalStack.mailSmtpPort()));
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(properties));
            message.setFrom(new InternetAddress(from));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
            message.setSubject(subject, "UTF-8");
            jakarta.mail.internet.MimeBodyPart body = new jakarta.mail.internet.MimeBodyPart();
            body.setText(text, "UTF-8");
            jakarta.mail.internet.MimeMultipart mixed = new jakarta.mail.internet.MimeMultipart("mixed", body);
            for (File file : files) {
                jakarta.mail.internet.MimeBodyPart part = new jakarta.mail.internet.MimeBodyPart();
                part.setDataHandler(new jakarta.activation.DataHandler(
                        new jakarta.mail.util.ByteArrayDataSource(file.bytes(), file.contentType())));
                part.setFileName(file.name());
                part.setDisposition(Part.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            message.setContent(mixed);
            message.saveChanges();
            String id = message.getMessageID();
            Transport.send(message);
            return id;
        } catch (MessagingException e) {
            throw new IllegalStateException(
                    "The local mail server does not take mail on port " + LocalStack.mailSmtpPort(), e);
        }
    }

    /** Sends a plain text mail without extra headers; returns its Message-ID. */
    public static String send(String from, String to, String subject, String text) {
        return send(from, to, subject, text, Map.of());
    }

    /** Parses one raw RFC 5322 message. */
    public static Mail parse(String raw) {
        try {
            MimeMessage mime =
                    new MimeMessage(SESSION, new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
            String[] text = new String[2];
            collect(mime, text);
            return new Mail(
                    mime.getMessageID(),
                    mime.getSubject(),
                    addresses(mime.getFrom()),
                    addresses(mime.getRecipients(Message.RecipientType.TO)),
                    text[0],
                    text[1],
                    mime);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Unparseable message: " + raw, e);
        }
    }

    private static void collect(Part part, String[] text) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")
                && text[0] == null
                && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            text[0] = (String) part.getContent();
        } else if (part.isMimeType("text/html") && text[1] == null) {
            text[1] = (String) part.getContent();
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, text);
            }
        }
    }

    private static void collectFiles(Part part, List<File> files) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectFiles(multipart.getBodyPart(i), files);
            }
        } else if (part.getFileName() != null) {
            try (var in = part.getInputStream()) {
                files.add(new File(
                        jakarta.mail.internet.MimeUtility.decodeText(part.getFileName()),
                        new jakarta.mail.internet.ContentType(part.getContentType()).getBaseType(),
                        in.readAllBytes()));
            }
        }
    }

    private static List<String> addresses(jakarta.mail.Address[] addresses) {
        return addresses == null
                ? List.of()
                : Arrays.stream(addresses).map(Object::toString).toList();
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(LocalStack.mailApiUrl() + path))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The local mail server does not answer at " + LocalStack.mailApiUrl()
                            + " (deploy/local/mail.sh start)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
