package io.switchboard.routing.config;

import io.quarkus.runtime.Startup;
import io.switchboard.commons.security.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;

/** Makes the {@link SecretCipher} of webhook signing secrets from configuration; a bad key stops the start-up. */
public class CipherProducer {

    /** Where the keys are configured: {@code switchboard.routing.encryption-key} and its previous keys. */
    static final String SETTINGS_PREFIX = "switchboard.routing";

    @Produces
    @ApplicationScoped
    @Startup
    SecretCipher cipher(RoutingConfig config) {
        return new SecretCipher(
                SETTINGS_PREFIX,
                config.encryptionKey(),
                config.previousEncryptionKeys().orElse(List.of()));
    }
}
