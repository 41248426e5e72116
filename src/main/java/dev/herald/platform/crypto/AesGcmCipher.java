package dev.herald.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets at rest. A sealed value is {@code v2:} + base64(12-byte nonce ‖
 * ciphertext ‖ tag), sealed with the value's binding (which row and field it belongs to) as
 * associated data: a value copied into another row or field no longer opens. {@code v1:}
 * values, sealed before bindings, open only through {@link #openUnbound}, which the upgrade
 * uses once to bind them.
 */
public final class AesGcmCipher {

    public static final int KEY_BYTES = 32;
    static final String UNBOUND_PREFIX = "v1:";
    private static final String PREFIX = "v2:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public AesGcmCipher(byte[] keyBytes) {
        if (keyBytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("An AES-256 key has " + KEY_BYTES + " bytes, not " + keyBytes.length);
        }
        this.key = new SecretKeySpec(keyBytes, "AES");
    }

    /** @param binding what the value belongs to, e.g. {@code subscriptions/wh_1/secret} */
    public String seal(String plaintext, String binding) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * @throws IllegalArgumentException if the value was altered, sealed with another key or
     *                                  for another binding, or is not a bound value
     */
    public String open(String sealed, String binding) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a bound sealed value");
        }
        return decrypt(sealed.substring(PREFIX.length()), binding);
    }

    /** Opens a value sealed before bindings existed; only for binding it. */
    public String openUnbound(String sealed) {
        if (sealed == null || !sealed.startsWith(UNBOUND_PREFIX)) {
            throw new IllegalArgumentException("Not an unbound sealed value");
        }
        return decrypt(sealed.substring(UNBOUND_PREFIX.length()), null);
    }

    private String decrypt(String base64, String binding) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Sealed value is not base64", e);
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("Sealed value is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            if (binding != null) {
                cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
            }
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException(
                    "Sealed value was altered, sealed with another key or belongs elsewhere", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
