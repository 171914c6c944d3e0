package io.switchboard.helpdesk.mailbox;

import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.security.SecretCipher;
import io.switchboard.helpdesk.config.HelpdeskConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Mailbox passwords at rest: AES-GCM with {@code switchboard.helpdesk.encryption-key}, each bound to its mailbox and
 * server so a value copied to another row does not decrypt. Without a key the service runs, but refuses passwords.
 */
@ApplicationScoped
public class MailboxCipher {

    static final String SETTINGS_PREFIX = "switchboard.helpdesk";

    private final SecretCipher cipher;

    public MailboxCipher(HelpdeskConfig config) {
        cipher = config.encryptionKey()
                .filter(k -> !k.isBlank())
                .map(k -> new SecretCipher(
                        SETTINGS_PREFIX, k, config.previousEncryptionKeys().orElse(List.of())))
                .orElse(null);
    }

    public String encrypt(String password, UUID mailboxId, String server) {
        if (cipher == null) {
            throw new ProblemException(Problem.of(
                    ProblemType.SERVICE_UNAVAILABLE,
                    "This deployment has no key to store mail server passwords"
                            + " (SWITCHBOARD_HELPDESK_ENCRYPTION_KEY); an operator must set one"));
        }
        return cipher.encrypt(password, context(mailboxId, server));
    }

    public String decrypt(String stored, UUID mailboxId, String server) {
        if (stored == null) {
            return null;
        }
        if (cipher == null) {
            throw new IllegalStateException("switchboard.helpdesk.encryption-key is not set");
        }
        return cipher.decrypt(stored, context(mailboxId, server));
    }

    private static String context(UUID mailboxId, String server) {
        return "mailbox:" + mailboxId + ":" + server;
    }
}
