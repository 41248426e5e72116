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
        assertEquals(
                secret, cipher.open(cipher.seal(secret, "subscriptions/wh_1/secret"), "subscriptions/wh_1/secret"));
    }

    @Test
    void sealedTextNeitherContainsNorRepeatsThePlainText() {
        String secret = "my-api-key-123456";
        String first = cipher.seal(secret, "row");
        String second = cipher.seal(secret, "row");
        assertTrue(first.startsWith("v2:"));
        assertFalse(first.contains(secret));
        assertNotEquals(first, second, "a fresh nonce makes each sealing different");
    }

    @Test
    void detectsTampering() {
        String sealed = cipher.seal("credentials", "row");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;
        String altered = "v2:" + Base64.getEncoder().encodeToString(bytes);
        assertThrows(IllegalArgumentException.class, () -> cipher.open(altered, "row"));
    }

    @Test
    void refusesValuesSealedWithAnotherKey() {
        String sealed = new AesGcmCipher(randomKey()).seal("credentials", "row");
        assertThrows(IllegalArgumentException.class, () -> cipher.open(sealed, "row"));
    }

    @Test
    void refusesKeysThatAreNot256Bits() {
        assertThrows(IllegalArgumentException.class, () -> new AesGcmCipher(new byte[16]));
    }

    @Test
    void refusesValuesThatWereNeverSealed() {
        assertThrows(IllegalArgumentException.class, () -> cipher.open("plain text", "row"));
        assertThrows(IllegalArgumentException.class, () -> cipher.open("v2:AAAA", "row"));
        assertThrows(IllegalArgumentException.class, () -> cipher.open("v2:%%%", "row"));
    }

    @Test
    void aValueOpensOnlyInTheRowAndFieldItWasSealedFor() {
        String sealed = cipher.seal("whsec_abc", "subscriptions/wh_1/secret");
        assertThrows(IllegalArgumentException.class, () -> cipher.open(sealed, "subscriptions/wh_2/secret"));
        assertThrows(IllegalArgumentException.class, () -> cipher.open(sealed, "subscriptions/wh_1/headers"));
    }

    @Test
    void anUnboundValueOpensOnlyToBeBound() {
        String unbound = "v1:" + cipher.seal("legacy", "").substring(3);
        assertEquals("legacy", cipher.openUnbound(unbound));
        assertThrows(IllegalArgumentException.class, () -> cipher.open(unbound, ""));
    }
}
