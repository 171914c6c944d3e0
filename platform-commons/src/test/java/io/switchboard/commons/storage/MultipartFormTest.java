package io.switchboard.commons.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.commons.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartFormTest {

    private static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
    private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    record Received(String name, String declaredType, byte[] bytes) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096, 1 << 20})
    void fieldsAndFileWhateverTheChunksTheBodyArrivesIn(int chunk) throws IOException {
        // content that holds CRLF, dashes and most of the delimiter, and is larger than the parser's window
        byte[] content = new byte[200_000];
        new Random(42).nextBytes(content);
        byte[] almost = ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(almost, 0, content, 65_530, almost.length);
        System.arraycopy(almost, 0, content, content.length - almost.length, almost.length);
        byte[] body = body(
                part("messageId", null, null, "0190-abc".getBytes(StandardCharsets.UTF_8)),
                part("file", "bild 1.png", "image/png", content),
                part("note", null, null, "after".getBytes(StandardCharsets.UTF_8)));

        var result = MultipartForm.read(TYPE, chunked(body, chunk), "file", this::receive, r -> {});

        assertThat(result.fields()).containsEntry("messageId", "0190-abc").containsEntry("note", "after");
        assertThat(result.file().name()).isEqualTo("bild 1.png");
        assertThat(result.file().declaredType()).isEqualTo("image/png");
        assertThat(result.file().bytes()).isEqualTo(content);
    }

    @Test
    void emptyFileAndNoFile() throws IOException {
        var empty = MultipartForm.read(
                TYPE,
                new ByteArrayInputStream(body(part("file", "a.txt", null, new byte[0]))),
                "file",
                this::receive,
                r -> {});
        assertThat(empty.file().bytes()).isEmpty();

        var none = MultipartForm.read(
                TYPE,
                new ByteArrayInputStream(body(part("x", null, null, "1".getBytes()))),
                "file",
                this::receive,
                r -> {});
        assertThat(none.file()).isNull();
        assertThat(none.fields()).containsEntry("x", "1");
    }

    @Test
    void fileNamesAsBrowsersAndCurlSendThem() throws IOException {
        assertThat(MultipartForm.parameters("form-data; name=\"file\"; filename=\"Grüße \\\"x\\\".pdf\""))
                .containsEntry("name", "file")
                .containsEntry("filename", "Grüße \"x\".pdf");
        assertThat(MultipartForm.parameters("form-data; name=file; filename=\"C:\\docs\\a.png\""))
                .containsEntry("filename", "C:\\docs\\a.png");
        assertThat(MultipartForm.parameters(
                        "form-data; name=\"file\"; filename=\"fallback.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt"))
                .containsEntry("filename", "€ rates.txt");
        assertThat(MultipartForm.boundary("multipart/form-data; charset=utf-8; boundary=\"abc def\""))
                .isEqualTo("abc def");

        // a UTF-8 file name in the part's header, as browsers send it
        var result = MultipartForm.read(
                TYPE,
                new ByteArrayInputStream(body(part("file", "übersicht.txt", "text/plain", "x".getBytes()))),
                "file",
                this::receive,
                r -> {});
        assertThat(result.file().name()).isEqualTo("übersicht.txt");
    }

    @Test
    void malformedBodiesAre400AndStoredFilesDiscarded() throws IOException {
        byte[] unterminated = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n"
                        + "\r\nabc")
                .getBytes(StandardCharsets.UTF_8);
        List<Received> discarded = new ArrayList<>();
        assertThatThrownBy(() -> MultipartForm.read(
                        TYPE, new ByteArrayInputStream(unterminated), "file", this::receive, discarded::add))
                .isInstanceOf(ProblemException.class)
                .satisfies(e ->
                        assertThat(((ProblemException) e).problem().status()).isEqualTo(400));

        byte[] twoFiles = body(part("file", "a", null, "1".getBytes()), part("file", "b", null, "2".getBytes()));
        assertThatThrownBy(() -> MultipartForm.read(
                        TYPE, new ByteArrayInputStream(twoFiles), "file", this::receive, discarded::add))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("one file");
        assertThat(discarded).extracting(Received::name).containsExactly("a");

        assertThatThrownBy(() -> MultipartForm.read(
                        "application/json", new ByteArrayInputStream(twoFiles), "file", this::receive, r -> {}))
                .isInstanceOf(ProblemException.class)
                .satisfies(e ->
                        assertThat(((ProblemException) e).problem().status()).isEqualTo(415));

        byte[] longField = body(part("messageId", null, null, new byte[MultipartForm.MAX_FIELD_BYTES + 1]));
        assertThatThrownBy(() ->
                        MultipartForm.read(TYPE, new ByteArrayInputStream(longField), "file", this::receive, r -> {}))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("messageId");
    }

    @Test
    void theHandlerCanStopReadingEarly() throws IOException {
        byte[] content = new byte[300_000];
        byte[] body = body(part("file", "big.bin", null, content), part("after", null, null, "x".getBytes()));
        var result = MultipartForm.read(
                TYPE, new ByteArrayInputStream(body), "file", (name, type, in) -> in.readNBytes(10).length, r -> {});
        assertThat(result.file()).isEqualTo(10);
        assertThat(result.fields()).containsEntry("after", "x");
    }

    private Received receive(String name, String declaredType, InputStream in) throws IOException {
        return new Received(name, declaredType, in.readAllBytes());
    }

    static byte[] part(String name, String fileName, String type, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                        + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
                        + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static byte[] body(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("preamble to ignore\r\n".getBytes(StandardCharsets.US_ASCII));
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** A stream that yields at most {@code chunk} bytes per read, as a network does. */
    static InputStream chunked(byte[] bytes, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }
}
