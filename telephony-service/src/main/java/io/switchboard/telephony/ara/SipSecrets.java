package io.switchboard.telephony.ara;

import java.security.SecureRandom;

/** Generated SIP passwords and voicemail PINs. */
public final class SipSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private SipSecrets() {}

    /** A password of {@code length} characters that is easy to type into a phone (no 0/O, 1/l/I). */
    public static String password(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    /** A numeric voicemail PIN of {@code length} digits. */
    public static String pin(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return out.toString();
    }
}
