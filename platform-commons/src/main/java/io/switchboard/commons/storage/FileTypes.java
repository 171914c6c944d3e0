package io.switchboard.commons.storage;

import java.util.Locale;
import org.apache.tika.Tika;

/**
 * The media type of a file from its first bytes (magic numbers, Apache Tika), never from what the client claims. The
 * file name only refines a type the bytes already establish (a ZIP named {@code .docx} is a Word document; a PNG named
 * {@code .txt} stays {@code image/png}, and so does HTML named {@code .txt} stay {@code text/html}).
 */
public final class FileTypes {

    /** How many leading bytes the detection reads. */
    public static final int HEAD_BYTES = 64 * 1024;

    private static final Tika TIKA = new Tika();

    private FileTypes() {}

    /** The detected media type without parameters, e.g. {@code image/png}. */
    public static String detect(byte[] head, String fileName) {
        String type = TIKA.detect(head, fileName);
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    public static boolean isImage(String mediaType) {
        return mediaType != null && mediaType.startsWith("image/");
    }
}
