package io.switchboard.helpdesk.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Optional;

/**
 * Phone numbers of contacts in E.164 with libphonenumber: international input ({@code +49 30 1234567}) always,
 * national input ({@code 030 1234567}) when the tenant's locale names a country.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {}

    /**
     * @param region ISO 3166 country of national numbers, or null
     * @return the number in E.164, or empty when it is not a valid number
     */
    public static Optional<String> e164(String input, String region) {
        if (input == null || input.isBlank()) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(input.strip(), region == null ? "ZZ" : region.toUpperCase(Locale.ROOT));
            if (!UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The country of a locale such as {@code de-DE}, or null. */
    public static String region(String locale) {
        if (locale == null) {
            return null;
        }
        String[] parts = locale.split("[-_]");
        return parts.length > 1 && parts[1].length() == 2 ? parts[1].toUpperCase(Locale.ROOT) : null;
    }
}
