package io.switchboard.commons.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Type detection, file names and allow-lists: the checks an upload passes before it is stored. */
class FileChecksTest {

    /** The smallest PNG: a 1x1 transparent pixel. */
    static final byte[] PNG = java.util.HexFormat.of()
            .parseHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000"
                    + "0500010d0a2db40000000049454e44ae426082");

    @Test
    void theBytesDecideNotTheName() throws IOException {
        assertThat(FileTypes.detect(PNG, "notes.txt")).isEqualTo("image/png");
        assertThat(FileTypes.detect(PNG, null)).isEqualTo("image/png");
        assertThat(FileTypes.detect("%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1), "x.png"))
                .isEqualTo("application/pdf");
        assertThat(FileTypes.detect("<html><script>alert(1)</script></html>".getBytes(), "harmless.txt"))
                .isEqualTo("text/html");
        assertThat(FileTypes.detect("just some words\n".getBytes(), "notes.txt"))
                .isEqualTo("text/plain");
        assertThat(FileTypes.detect("a,b\n1,2\n".getBytes(), "table.csv")).isEqualTo("text/csv");
        assertThat(FileTypes.detect(new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0}, "report.pdf"))
                .isNotEqualTo("application/pdf");
        // the name refines what the bytes establish: a ZIP container named .docx is a Word document
        assertThat(FileTypes.detect(zip(), "letter.docx"))
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(FileTypes.detect(zip(), "archive.zip")).isEqualTo("application/zip");
    }

    @Test
    void allowListsMatchTypesAndFamilies() {
        UploadPolicy policy = new UploadPolicy(10, List.of("image/*", "Application/PDF"));
        assertThat(policy.allows("image/png")).isTrue();
        assertThat(policy.allows("application/pdf")).isTrue();
        assertThat(policy.allows("application/zip")).isFalse();
        assertThat(policy.allows("imagex/png")).isFalse();
        assertThat(new UploadPolicy(10, List.of()).allows("text/plain")).isFalse();
        assertThat(policy.capped(5).maxBytes()).isEqualTo(5);
        assertThat(policy.capped(50).maxBytes()).isEqualTo(10);
    }

    @Test
    void fileNamesAreCleaned() {
        assertThat(FileNames.clean("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.clean("C:\\Users\\me\\photo.jpg")).isEqualTo("photo.jpg");
        assertThat(FileNames.clean("in\u202Egnp.exe")).isEqualTo("in_gnp.exe");
        assertThat(FileNames.clean("a\r\nb\"c.txt")).isEqualTo("a__b_c.txt");
        assertThat(FileNames.clean("..")).isEqualTo("file");
        assertThat(FileNames.clean(null)).isEqualTo("file");
        assertThat(FileNames.clean(".htaccess")).isEqualTo("htaccess");
        String longName = "x".repeat(300) + ".pdf";
        assertThat(FileNames.clean(longName)).hasSize(FileNames.MAX_LENGTH).endsWith(".pdf");
    }

    @Test
    void contentDispositionHasAnAsciiFallbackAndTheUtf8Name() {
        assertThat(FileNames.contentDisposition("Grüße \"2024\".pdf"))
                .isEqualTo("attachment; filename=\"Gr__e _2024_.pdf\"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20_2024_.pdf");
        assertThat(FileNames.contentDisposition("a*b.txt")).endsWith("UTF-8''a%2Ab.txt");
    }

    @Test
    void keysArePrefixedByTenantAndService() {
        var id = java.util.UUID.fromString("0190d3a4-7a3b-7c3d-8e4f-123456789abc");
        assertThat(ObjectKeys.of("acme-corp", "helpdesk", id)).isEqualTo("acme-corp/helpdesk/" + id);
        assertThat(ObjectKeys.ofTenant("acme-corp/helpdesk/x", "acme-corp")).isTrue();
        assertThat(ObjectKeys.ofTenant("acme-corpx/helpdesk/x", "acme-corp")).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ObjectKeys.of("../other", "helpdesk", id))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hello".getBytes());
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
