package io.switchboard.commons.storage;

import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@code multipart/form-data} body (RFC 7578) read as it arrives: small text fields are collected, and the one file
 * part is handed to a handler as a stream that ends at the part's boundary. Nothing is buffered beyond a fixed window,
 * so an upload is never held whole in memory or spooled to disk, and the handler can stop reading (and refuse) as soon
 * as it has seen enough.
 */
public final class MultipartForm {

    /** The longest text field. */
    public static final int MAX_FIELD_BYTES = 8 * 1024;

    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_PARTS = 20;
    private static final int WINDOW = 64 * 1024;

    /** Receives the file part; what it returns is the result's {@code file}. */
    @FunctionalInterface
    public interface FileHandler<T> {
        T accept(String fileName, String declaredType, InputStream content) throws IOException;
    }

    /** The text fields by name, and what the file handler returned (null when the body had no file part). */
    public record Result<T>(Map<String, String> fields, T file) {}

    private MultipartForm() {}

    /**
     * Reads the body. When the body turns out malformed after the file was handled, {@code discard} gets what the
     * handler returned (to delete what it stored) before the 400 is thrown.
     *
     * @throws ProblemException 400 when the body is not well-formed multipart/form-data, has more than one file part
     *     named {@code fileField}, too many parts or a field longer than {@link #MAX_FIELD_BYTES}
     */
    public static <T> Result<T> read(
            String contentType, InputStream body, String fileField, FileHandler<T> handler, Consumer<T> discard)
            throws IOException {
        Reader reader = new Reader(body, boundary(contentType));
        Map<String, String> fields = new LinkedHashMap<>();
        T file = null;
        boolean handled = false;
        try {
            reader.skipPreamble();
            int parts = 0;
            while (reader.nextPart()) {
                if (++parts > MAX_PARTS) {
                    throw malformed("more than " + MAX_PARTS + " parts");
                }
                Map<String, String> disposition = reader.disposition();
                String name = disposition.get("name");
                if (name == null) {
                    throw malformed("a part has no Content-Disposition name");
                }
                InputStream content = reader.content();
                if (name.equals(fileField)) {
                    if (handled) {
                        throw ProblemException.invalid(fileField, "send one file per request");
                    }
                    file = handler.accept(disposition.get("filename"), reader.contentType(), content);
                    handled = true;
                } else {
                    byte[] value = content.readNBytes(MAX_FIELD_BYTES + 1);
                    if (value.length > MAX_FIELD_BYTES) {
                        throw ProblemException.invalid(name, "must be at most " + MAX_FIELD_BYTES + " bytes");
                    }
                    fields.putIfAbsent(name, new String(value, StandardCharsets.UTF_8));
                }
                content.transferTo(OutputStreamNull.INSTANCE);
            }
            return new Result<>(fields, file);
        } catch (IOException | RuntimeException e) {
            if (handled && file != null) {
                discard.accept(file);
            }
            throw e;
        }
    }

    /** The boundary of a multipart/form-data content type. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new ProblemException(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the file as multipart/form-data in a part named file");
        }
        String boundary = parameters(contentType).get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw malformed("the multipart/form-data content type has no usable boundary");
        }
        return boundary;
    }

    /** The parameters of a header value such as {@code form-data; name="file"; filename="a.png"}, names lowercased. */
    static Map<String, String> parameters(String header) {
        Map<String, String> result = new LinkedHashMap<>();
        int i = header.indexOf(';');
        if (i < 0) {
            return result;
        }
        int n = header.length();
        i++;
        while (i < n) {
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t' || header.charAt(i) == ';')) {
                i++;
            }
            int eq = header.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = header.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < n && header.charAt(i) == '"') {
                i++;
                while (i < n && header.charAt(i) != '"') {
                    char c = header.charAt(i);
                    // browsers do not escape backslashes in file names (C:\x\a.png): only \" and \\ are escapes
                    if (c == '\\' && i + 1 < n && (header.charAt(i + 1) == '"' || header.charAt(i + 1) == '\\')) {
                        i++;
                        c = header.charAt(i);
                    }
                    value.append(c);
                    i++;
                }
                i++;
                while (i < n && header.charAt(i) != ';') {
                    i++;
                }
            } else {
                int end = header.indexOf(';', i);
                end = end < 0 ? n : end;
                value.append(header, i, end);
                i = end;
            }
            result.putIfAbsent(
                    name,
                    name.endsWith("*") ? value.toString() : value.toString().strip());
        }
        String extended = result.remove("filename*");
        if (extended != null) {
            int quote = extended.indexOf("''");
            if (quote >= 0 && extended.substring(0, quote).equalsIgnoreCase("utf-8")) {
                try {
                    result.put(
                            "filename",
                            URLDecoder.decode(
                                    extended.substring(quote + 2).replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // keep the plain filename
                }
            }
        }
        return result;
    }

    private static ProblemException malformed(String why) {
        return new ProblemException(ProblemType.MALFORMED_REQUEST, "Malformed multipart/form-data body: " + why);
    }

    /** The scanner: a window over the body, parts delimited by CRLF--boundary. */
    private static final class Reader {

        private final InputStream in;
        private final byte[] delimiter;
        private final byte[] buffer = new byte[WINDOW];
        private int pos;
        private int limit;
        private boolean eof;
        private boolean finished;
        private Map<String, String> headers = Map.of();
        private PartStream current;

        Reader(InputStream in, String boundary) {
            this.in = in;
            this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            // the first boundary may open the body without a CRLF before it: read as if there were one
            buffer[0] = '\r';
            buffer[1] = '\n';
            limit = 2;
        }

        void skipPreamble() throws IOException {
            current = new PartStream();
            current.transferTo(OutputStreamNull.INSTANCE);
        }

        /** Moves to the next part (the current one's rest is skipped); false after the closing boundary. */
        boolean nextPart() throws IOException {
            if (finished) {
                return false;
            }
            current.transferTo(OutputStreamNull.INSTANCE);
            // after a delimiter: "--" closes the body, else optional whitespace and CRLF open a part
            if (!fill(2)) {
                throw malformed("the body ends after a boundary");
            }
            if (buffer[pos] == '-' && buffer[pos + 1] == '-') {
                finished = true;
                return false;
            }
            String line = line();
            if (!line.isBlank()) {
                throw malformed("unexpected text after a boundary");
            }
            Map<String, String> read = new LinkedHashMap<>();
            int total = 0;
            while (true) {
                String header = line();
                total += header.length() + 2;
                if (total > MAX_HEADER_BYTES) {
                    throw malformed("a part's headers are too long");
                }
                if (header.isEmpty()) {
                    break;
                }
                int colon = header.indexOf(':');
                if (colon > 0) {
                    read.putIfAbsent(
                            header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            header.substring(colon + 1).strip());
                }
            }
            headers = read;
            current = new PartStream();
            return true;
        }

        Map<String, String> disposition() {
            String value = headers.get("content-disposition");
            if (value == null || !value.toLowerCase(Locale.ROOT).startsWith("form-data")) {
                throw malformed("a part has no Content-Disposition: form-data");
            }
            return parameters(value);
        }

        String contentType() {
            return headers.get("content-type");
        }

        InputStream content() {
            return current;
        }

        /** A header line (UTF-8, as browsers send file names), without its CRLF. */
        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                if (!fill(2)) {
                    throw malformed("the body ends inside a part's headers");
                }
                if (buffer[pos] == '\r' && buffer[pos + 1] == '\n') {
                    pos += 2;
                    return line.toString(StandardCharsets.UTF_8);
                }
                line.write(buffer[pos++]);
                if (line.size() > MAX_HEADER_BYTES) {
                    throw malformed("a part's headers are too long");
                }
            }
        }

        /** Makes at least {@code need} bytes available unless the body ends first; whether they are. */
        private boolean fill(int need) throws IOException {
            while (limit - pos < need && !eof) {
                if (pos > 0 && (limit == buffer.length || buffer.length - pos < need)) {
                    System.arraycopy(buffer, pos, buffer, 0, limit - pos);
                    limit -= pos;
                    if (current != null) {
                        current.shifted(pos);
                    }
                    pos = 0;
                }
                int n = in.read(buffer, limit, buffer.length - limit);
                if (n < 0) {
                    eof = true;
                } else {
                    limit += n;
                }
            }
            return limit - pos >= need;
        }

        /** The index of the delimiter in [from, limit), or -1. */
        private int indexOfDelimiter(int from) {
            int last = limit - delimiter.length;
            outer:
            for (int i = from; i <= last; i++) {
                if (buffer[i] != delimiter[0]) {
                    continue;
                }
                for (int j = 1; j < delimiter.length; j++) {
                    if (buffer[i + j] != delimiter[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        /** One part's content: up to the next delimiter, which it consumes at its end. */
        private final class PartStream extends InputStream {

            private boolean done;
            /** Up to here (exclusive) the window is known to hold content of this part. */
            private int safeEnd = -1;

            void shifted(int by) {
                safeEnd = safeEnd < 0 ? -1 : safeEnd - by;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (done) {
                    return -1;
                }
                if (len == 0) {
                    return 0;
                }
                if (safeEnd <= pos) {
                    fill(delimiter.length);
                    int at = indexOfDelimiter(pos);
                    if (at == pos) {
                        pos += delimiter.length;
                        done = true;
                        return -1;
                    }
                    if (at > 0) {
                        safeEnd = at;
                    } else if (eof) {
                        throw malformed("the body ends inside a part (no closing boundary)");
                    } else {
                        // a delimiter may start in the last bytes of the window: keep them for the next look
                        safeEnd = limit - (delimiter.length - 1);
                    }
                }
                int n = Math.min(len, safeEnd - pos);
                System.arraycopy(buffer, pos, b, off, n);
                pos += n;
                return n;
            }
        }
    }

    /** Discards what is written. */
    private static final class OutputStreamNull extends java.io.OutputStream {

        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
