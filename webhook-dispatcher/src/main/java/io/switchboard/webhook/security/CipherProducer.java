package io.switchboard.webhook.security;

import io.quarkus.runtime.Startup;
import io.switchboard.commons.security.SecretCipher;
import io.switchboard.webhook.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;

/** Makes the {@link SecretCipher} from configuration; a bad key stops the service at start-up. */
public class CipherProducer {

    /** Where the keys are configured: {@code switchboard.webhook.encryption-key} and its previous keys. */
    static final String SETTINGS_PREFIX = "switchboard.webhook";

    @Produces
    @ApplicationScoped
    @Startup
    SecretCipher cipher(WebhookConfig config) {
        return new SecretCipher(
                SETTINGS_PREFIX,
                config.encryptionKey(),
                config.previousEncryptionKeys().orElse(List.of()));
    }
}
