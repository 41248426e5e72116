package dev.herald.subscriptions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    }
}
