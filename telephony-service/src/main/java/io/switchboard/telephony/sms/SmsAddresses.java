package io.switchboard.telephony.sms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The phone numbers of a text message's addresses as Asterisk hands them over ({@code "Alice" <sip:+4930111222@host>},
 * {@code pjsip:+4930123456@host}, {@code tel:+49-30-123456}), in E.164. Carriers write numbers with {@code +}, with
 * {@code 00}, or as bare international digits without either; a number is accepted only when libphonenumber finds it
 * valid, so a national or short-code sender is refused rather than guessed.
 */
public final class SmsAddresses {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Visual separators of tel URIs (RFC 3966) and of what carriers put in the user part. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s().-]");

    private static final Pattern DIGITS = Pattern.compile("[0-9]{8,15}");

    private SmsAddresses() {}

    /** The E.164 number of a SIP or tel URI, or of a bare number; empty when it holds no valid international number. */
    public static Optional<String> e164(String address) {
        String user = userPart(address);
        if (user == null) {
            return Optional.empty();
        }
        String number = SEPARATORS.matcher(user).replaceAll("");
        if (number.startsWith("00")) {
            number = "+" + number.substring(2);
        } else if (DIGITS.matcher(number).matches()) {
            number = "+" + number;
        }
        if (!number.startsWith("+") || number.length() > 20) {
            return Optional.empty();
        }
        try {
            PhoneNumber parsed = UTIL.parse(number, "ZZ");
            if (!UTIL.isValidNumber(parsed) || parsed.hasExtension()) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The user part of an address without display name, scheme, host and parameters; null when there is none. */
    static String userPart(String address) {
        if (address == null || address.isBlank() || address.length() > 512) {
            return null;
        }
        String value = address.strip();
        int open = value.indexOf('<');
        int close = value.lastIndexOf('>');
        if (open >= 0 && close > open) {
            value = value.substring(open + 1, close);
        }
        int colon = value.indexOf(':');
        if (colon > 0 && value.substring(0, colon).matches("(?i)pjsip|sips?|tel")) {
            value = value.substring(colon + 1);
        }
        int at = value.indexOf('@');
        if (at >= 0) {
            value = value.substring(0, at);
        }
        int params = value.indexOf(';');
        if (params >= 0) {
            value = value.substring(0, params);
        }
        return value.isBlank() ? null : value;
    }
}
