package dev.herald.platform.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.MigratedH2;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static SecretBox withKey(String base64) {
        SecretBox box = new SecretBox();
        box.configuredKey = Optional.of(base64);
        box.dataDir = "./data";
        box.loadKey();
        return box;
    }

    private static String newKey() {
        byte[] key = new byte[AesGcmCipher.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * A database restored without its key file, or an instance given another key, started and
     * answered ready; then no delivery could open its subscription's secret. Such a key is refused
     * at start, saying what to give it; the right key, or a database with nothing sealed, starts.
     */
    @Test
    void aKeyThatOpensNoneOfTheDatabasesSealedValuesIsRefusedAtStart() throws Exception {
        var database = MigratedH2.inMemory("sealed" + System.nanoTime());
        SecretBox written = withKey(newKey());
        try (Connection connection = database.getConnection()) {
            assertDoesNotThrow(() -> withKey(newKey()).requireKeyOpensSealedValues(connection), "nothing sealed yet");
            connection
                    .createStatement()
                    .execute("INSERT INTO tenants (id, name, created_at) VALUES ('ten_a', 'a', NOW())");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO subscriptions (id, tenant_id, url,"
                    + " events_json, secret_sealed, method, auth_type, filters_json, retry_policy_json, timeout_ms,"
                    + " ordering, options_json, status, created_at, updated_at, version) VALUES ('wh_a', 'ten_a',"
                    + " 'https://e.example', '[]', ?, 'POST', 'none', '[]', '{}', 5000, 'none', '{}', 'ACTIVE', NOW(),"
                    + " NOW(), 0)")) {
                insert.setString(1, written.seal("whsec_c2VjcmV0", SealedField.SUBSCRIPTION_SECRET, "wh_a"));
                insert.executeUpdate();
            }

            assertDoesNotThrow(() -> written.requireKeyOpensSealedValues(connection));
            var refused = assertThrows(
                    IllegalStateException.class, () -> withKey(newKey()).requireKeyOpensSealedValues(connection));
            assertTrue(refused.getMessage().contains("subscriptions.secret_sealed of wh_a"), refused.getMessage());
            assertTrue(refused.getMessage().contains("herald.crypto.key"), refused.getMessage());
        }
    }
}
