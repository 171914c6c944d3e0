package io.switchboard.telephony.extension;

import java.time.OffsetDateTime;
import java.util.List;

/** Where an extension is registered now, from the contacts Asterisk keeps in {@code ps_contacts}. */
public record Registration(boolean registered, List<Contact> contacts) {

    /** One registered device. */
    public record Contact(String uri, String userAgent, OffsetDateTime expiresAt) {}
}
