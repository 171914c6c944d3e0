package io.switchboard.helpdesk.contact;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import java.util.Optional;

/** E-mail addresses as contacts and mail keep them: a bare RFC 5322 address whose domain is lower-cased. */
public final class EmailAddresses {

    private EmailAddresses() {}

    /** The normalized address, or empty when {@code input} is not one bare address with a domain. */
    public static Optional<String> normalize(String input) {
        if (input == null || input.isBlank() || input.length() > 254) {
            return Optional.empty();
        }
        String candidate = input.strip();
        try {
            InternetAddress address = new InternetAddress(candidate, true);
            address.validate();
            String value = address.getAddress();
            int at = value.lastIndexOf('@');
            if (address.getPersonal() != null
                    || at <= 0
                    || !value.equals(candidate)
                    || !value.substring(at + 1).contains(".")
                    || value.endsWith(".")) {
                return Optional.empty();
            }
            return Optional.of(
                    value.substring(0, at + 1) + value.substring(at + 1).toLowerCase(Locale.ROOT));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
