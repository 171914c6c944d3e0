package io.switchboard.commons.storage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * File names from clients, made safe to keep and to send back: the last path segment only, no control or bidi
 * characters, at most 200 characters (keeping the extension), never empty; and the {@code Content-Disposition} of a
 * download with an ASCII fallback and the UTF-8 name (RFC 6266).
 */
public final class FileNames {

    public static final int MAX_LENGTH = 200;

    private FileNames() {}

    public static String clean(String name) {
        if (name == null) {
            return "file";
        }
        String n = Normalizer.normalize(name, Normalizer.Form.NFC);
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
        StringBuilder out = new StringBuilder();
        n.codePoints().forEach(c -> {
            if (Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT // bidi overrides, zero-width characters
                    || c == '"'
                    || c == '<'
                    || c == '>') {
                out.append('_');
            } else {
                out.appendCodePoint(Character.isWhitespace(c) ? ' ' : c);
            }
        });
        n = out.toString().strip();
        while (n.startsWith(".")) {
            n = n.substring(1);
        }
        if (n.codePointCount(0, n.length()) > MAX_LENGTH) {
            int dot = n.lastIndexOf('.');
            String ext = dot > 0 && n.length() - dot <= 16 ? n.substring(dot) : "";
            n = n.substring(0, n.offsetByCodePoints(0, MAX_LENGTH - ext.length())) + ext;
        }
        return n.isBlank() ? "file" : n;
    }

    /** {@code attachment; filename="..."; filename*=UTF-8''...} for a cleaned name. */
    public static String contentDisposition(String name) {
        String clean = clean(name);
        StringBuilder ascii = new StringBuilder();
        clean.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '\\' && c != '"' ? (char) c : '_'));
        String encoded = URLEncoder.encode(clean, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
