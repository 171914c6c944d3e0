package io.switchboard.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Mailbox;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Subjects, numbers, references, and what counts as automatic mail. */
class MailThreadingTest {

    @Test
    void replySubjectsCarryTheNumberOnce() {
        assertThat(MailThreading.replySubject("Printer on fire", "ACME-00042"))
                .isEqualTo("Re: Printer on fire [ACME-00042]");
        assertThat(MailThreading.replySubject("RE: Aw: Printer on fire [ACME-00042]", "ACME-00042"))
                .isEqualTo("Re: Printer on fire [ACME-00042]");
        assertThat(MailThreading.numberIn("Re: Printer [ACME-00042] again")).contains("ACME-00042");
        assertThat(MailThreading.numberIn("Re: [ACME-00041] moved to [HELP-00042]"))
                .contains("HELP-00042");
        assertThat(MailThreading.numberIn("ACME-00042 without brackets")).isEmpty();
    }

    @Test
    void longThreadsKeepTheFirstAndTheNewestReferences() {
        List<String> thread =
                IntStream.range(0, 30).mapToObj(i -> "<" + i + "@x>").toList();
        List<String> references = MailThreading.references(thread);
        assertThat(references)
                .hasSize(MailThreading.MAX_REFERENCES)
                .startsWith("<0@x>")
                .endsWith("<29@x>");
    }

    @Test
    void automaticMailIsRecognized() throws Exception {
        assertThat(parse("Auto-Submitted: auto-replied\n").automatic()).contains("Auto-Submitted");
        assertThat(parse("Auto-Submitted: no\n").automatic()).isNull();
        assertThat(parse("Precedence: list\n").automatic()).contains("Precedence");
        assertThat(parse("Precedence: first-class\n").automatic()).isNull();
        assertThat(parse("X-Autoreply: yes\n").automatic()).isEqualTo("X-Autoreply");
        assertThat(parse("X-Auto-Response-Suppress: All\n").automatic()).isEqualTo("X-Auto-Response-Suppress");
        assertThat(parse("").automatic()).isNull();
        InboundMail daemon = MailParser.parse(
                Mailbox.parse("From: MAILER-DAEMON@mx.example.com\nTo: s@acme.test\nSubject: x\n\nbounce\n")
                        .mime(),
                "<fallback@x>");
        assertThat(daemon.automatic()).contains("mailer-daemon");
        assertThat(daemon.messageId()).isEqualTo("<fallback@x>");
    }

    @Test
    void repliesListInReplyToThenReferencesNewestFirst() throws Exception {
        InboundMail mail = parse("In-Reply-To: <c@x>\nReferences: <a@x> <b@x>\n\t<c@x>\n");
        assertThat(mail.references()).containsExactly("<c@x>", "<b@x>", "<a@x>");
        assertThat(mail.messageId()).isEqualTo("<m1@example.com>");
        assertThat(mail.fromAddress()).isEqualTo("Carla@example.com");
        assertThat(mail.fromName()).isEqualTo("Carla");
    }

    @Test
    void htmlOnlyMailIsSanitizedAndAttachmentsAreListedWithTheirBytes() throws Exception {
        String raw = "From: carla@example.com\nTo: s@acme.test\nSubject: html\nMessage-ID: <h@x>\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b1\n\n"
                + "--b1\nContent-Type: text/html; charset=UTF-8\n\n<p>Hi<script>alert(1)</script></p>\n"
                + "--b1\nContent-Type: application/pdf; name=invoice.pdf\nContent-Disposition: attachment;"
                + " filename=invoice.pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--b1--\n";
        InboundMail mail = MailParser.parse(Mailbox.parse(raw).mime(), "<f@x>");
        assertThat(mail.html()).isTrue();
        assertThat(mail.body()).contains("Hi").doesNotContain("script");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("invoice.pdf");
            assertThat(a.contentType()).isEqualTo("application/pdf");
            assertThat(a.size()).isEqualTo(9);
            // the decoded bytes, for the attachment store
            try (var in = a.content().open()) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII))
                        .isEqualTo("%PDF-1.4\n");
            }
        });
    }

    private static InboundMail parse(String headers) throws Exception {
        String raw = "From: Carla <Carla@Example.com>\nTo: s@acme.test\nSubject: hello\nMessage-ID: <m1@example.com>\n"
                + headers + "\nbody\n";
        return MailParser.parse(Mailbox.parse(raw).mime(), "<fallback@x>");
    }
}
