package dev.herald.subscriptions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretGeneratorTest {

    @Test
    void generatesStandardWebhooksSecretsOf32RandomBytes() {
        String secret = SecretGenerator.newSecret();
        assertTrue(secret.startsWith("whsec_"));
        assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);
        assertNotEquals(secret, SecretGenerator.newSecret());
    }

    @Test
    void acceptsGeneratedAndLongEnoughChosenSecrets() {
        assertNull(SecretGenerator.problemWith(SecretGenerator.newSecret()));
        assertNull(SecretGenerator.problemWith("a-plain-shared-secret-of-32-chars"));
    }

    @Test
    void rejectsShortMalformedOrUnprintableSecrets() {
        assertNotNull(SecretGenerator.problemWith("short"));
        assertNotNull(SecretGenerator.problemWith("whsec_not*base64"));
        assertNotNull(SecretGenerator.problemWith("whsec_" + Base64.getEncoder().encodeToString(new byte[8])));
        assertNotNull(SecretGenerator.problemWith("a secret with spaces in it, long enough"));
        // 38 bytes are 52 base64 characters with their padding: Python's and Go's decoders refuse 51.
        String padded = Base64.getEncoder().encodeToString(new byte[38]);
        assertNull(SecretGenerator.problemWith("whsec_" + padded));
        String unpadded = padded.substring(0, padded.indexOf('='));
        assertTrue(SecretGenerator.problemWith("whsec_" + unpadded).contains("'=' padding"));
        assertFalse(SecretGenerator.problemWith("whsec_" + unpadded).contains(unpadded), "no secret in the answer");
    }
}
