package io.switchboard.commons.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts what must not be stored in plain text (signing secrets, custom header values) with AES-GCM. Each value
 * carries the id of its key, so that a new key can be introduced while values written under the previous ones stay
 * readable; the associated data binds a value to the row it belongs to, so that a ciphertext copied to another row
 * does not decrypt. Shared by the services that keep secrets (webhook-dispatcher, routing-service); each passes the
 * prefix of its settings, {@code <prefix>.encryption-key} and {@code <prefix>.previous-encryption-keys}, which the
 * errors name.
 */
public final class SecretCipher {

    private static final String FORMAT = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String previousKeysSetting;
    private final String currentKeyId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    /**
     * @param settingsPrefix where the keys are configured, e.g. {@code switchboard.webhook}
     * @param currentKey base64 of 16, 24 or 32 bytes; encrypts new values
     * @param previousKeys keys of older values, still read
     * @throws IllegalArgumentException naming the setting when a key is unusable
     */
    public SecretCipher(String settingsPrefix, String currentKey, List<String> previousKeys) {
        previousKeysSetting = settingsPrefix + ".previous-encryption-keys";
        SecretKey current = key(currentKey, settingsPrefix + ".encryption-key");
        currentKeyId = keyId(current);
        keys.put(currentKeyId, current);
        for (String previous : previousKeys) {
            SecretKey key = key(previous, previousKeysSetting);
            keys.putIfAbsent(keyId(key), key);
        }
    }

    /** {@code v1.<key id>.<base64 of iv + ciphertext + tag>} */
    public String encrypt(String plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out =
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
            return FORMAT + "." + currentKeyId + "." + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws IllegalStateException when the value is damaged, bound to another context, or its key is unknown */
    public String decrypt(String stored, String context) {
        String[] parts = stored.split("\\.", 3);
        if (parts.length != 3 || !FORMAT.equals(parts[0])) {
            throw new IllegalStateException("Not an encrypted value of this service");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException(
                    "Value encrypted with unknown key " + parts[1] + "; add that key to " + previousKeysSetting);
        }
        try {
            byte[] data = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Encrypted value is damaged or belongs elsewhere", e);
        }
    }

    private static SecretKey key(String base64, String setting) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not base64");
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalArgumentException(setting + " must be the base64 of 16, 24 or 32 random bytes (32"
                    + " recommended: openssl rand -base64 32), not " + bytes.length + " bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static String keyId(SecretKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
