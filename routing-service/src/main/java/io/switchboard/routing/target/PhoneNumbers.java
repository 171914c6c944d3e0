package io.switchboard.routing.target;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/** Phone numbers in E.164, read and checked with libphonenumber. */
public final class PhoneNumbers {

    public static final String RULE = "must be a valid international number, e.g. +4930123456";
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {}

    /**
     * The E.164 form of a valid number given in international form ({@code +49 30 123456}, {@code +49 (30) 123-456},
     * {@code 004930123456}), or empty when it is not one.
     */
    public static Optional<String> e164(String input) {
        if (input == null || input.isBlank() || input.length() > 40) {
            return Optional.empty();
        }
        String candidate = input.strip();
        if (candidate.startsWith("00")) {
            candidate = "+" + candidate.substring(2);
        }
        if (!candidate.startsWith("+")) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(candidate, "ZZ");
            if (!UTIL.isValidNumber(number) || number.hasExtension()) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * How a called number is looked up: its E.164 form when it is a valid international number, otherwise as dialled
     * (an extension number, a queue name, a number without country code).
     */
    public static String lookupKey(String called) {
        return e164(called).orElse(called == null ? "" : called.strip());
    }
}
