package io.switchboard.telephony.extension;

/**
 * What a phone needs to register, returned once: at creation and when reset. Switchboard keeps only a digest of the
 * password, so it cannot be shown again.
 */
public record SipCredentials(String username, String password, String realm, String domain) {}
