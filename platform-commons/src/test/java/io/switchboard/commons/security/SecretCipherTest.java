package io.switchboard.commons.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String PREFIX = "switchboard.webhook";
    private static final String KEY = key();
    private static final String OTHER_KEY = key();

    @Test
    void encryptsWithAFreshNonceAndDecrypts() {
        SecretCipher cipher = new SecretCipher(PREFIX, KEY, List.of());
        String first = cipher.encrypt("whsec_secret", "secret:a");
        String second = cipher.encrypt("whsec_secret", "secret:a");
        assertThat(first).startsWith("v1.").doesNotContain("whsec_secret").isNotEqualTo(second);
        assertThat(cipher.decrypt(first, "secret:a")).isEqualTo("whsec_secret");
    }

    @Test
    void aValueBoundToAnotherRowOrTamperedWithDoesNotDecrypt() {
        SecretCipher cipher = new SecretCipher(PREFIX, KEY, List.of());
        String stored = cipher.encrypt("whsec_secret", "secret:a");
        assertThatThrownBy(() -> cipher.decrypt(stored, "secret:b")).isInstanceOf(IllegalStateException.class);
        byte[] raw = Base64.getDecoder().decode(stored.substring(stored.lastIndexOf('.') + 1));
        raw[raw.length - 1] ^= 1;
        String tampered = stored.substring(0, stored.lastIndexOf('.') + 1)
                + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> cipher.decrypt(tampered, "secret:a")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNewKeyStillReadsValuesOfThePreviousOne() {
        String stored = new SecretCipher(PREFIX, KEY, List.of()).encrypt("whsec_old", "secret:a");
        SecretCipher rotated = new SecretCipher(PREFIX, OTHER_KEY, List.of(KEY));
        assertThat(rotated.decrypt(stored, "secret:a")).isEqualTo("whsec_old");
        assertThatThrownBy(() -> new SecretCipher(PREFIX, OTHER_KEY, List.of()).decrypt(stored, "secret:a"))
                .hasMessageContaining("previous-encryption-keys");
    }

    @Test
    void anUnusableKeyIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new SecretCipher(PREFIX, "c2hvcnQ=", List.of()))
                .hasMessageContaining("switchboard.webhook.encryption-key")
                .hasMessageContaining("32");
        assertThatThrownBy(() -> new SecretCipher(PREFIX, "not base64!", List.of()))
                .hasMessageContaining("base64");
    }

    private static String key() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
