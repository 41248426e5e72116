package dev.herald.platform.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AesGcmCipherTest {

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final AesGcmCipher cipher = new AesGcmCipher(randomKey());

    @Test
    void opensWhatItSealed() {
        String secret = "whsec_c2VjcmV0LXZhbHVlLXdpdGgtw7xuaWPDtmRl";
        assertEquals(secret, cipher.open(cipher.seal(secret)));
    }

    @Test
    void sealedTextNeitherContainsNorRepeatsThePlainText() {
        String secret = "my-api-key-123456";
        String first = cipher.seal(secret);
        String second = cipher.seal(secret);
        assertTrue(first.startsWith("v1:"));
        assertFalse(first.contains(secret));
        assertNotEquals(first, second, "a fresh nonce makes each sealing different");
    }

    @Test
    void detectsTampering() {
        String sealed = cipher.seal("credentials");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;
        String altered = "v1:" + Base64.getEncoder().encodeToString(bytes);
        assertThrows(IllegalArgumentException.class, () -> cipher.open(altered));
    }

    @Test
    void refusesValuesSealedWithAnotherKey() {
        String sealed = new AesGcmCipher(randomKey()).seal("credentials");
        assertThrows(IllegalArgumentException.class, () -> cipher.open(sealed));
    }

    @Test
    void refusesKeysThatAreNot256Bits() {
        assertThrows(IllegalArgumentException.class, () -> new AesGcmCipher(new byte[16]));
    }

    @Test
    void refusesValuesThatWereNeverSealed() {
        assertThrows(IllegalArgumentException.class, () -> cipher.open("plain text"));
        assertThrows(IllegalArgumentException.class, () -> cipher.open("v1:AAAA"));
    }
}
