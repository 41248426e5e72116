package dev.herald.platform.crypto;

import dev.herald.platform.logging.LogIds;
import dev.herald.platform.memo.WeighedMemo;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts secrets and credentials before they reach the database, with the key from
 * {@code herald.crypto.key} or, when that is unset, one generated into the data folder.
 */
@ApplicationScoped
public class SecretBox {

    private static final Logger LOG = Logger.getLogger(SecretBox.class.getName());

    @Inject
    @ConfigProperty(name = "herald.crypto.key")
    Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = "herald.data-dir", defaultValue = "./data")
    String dataDir;

    private AesGcmCipher cipher;

    /**
     * Values opened before, by binding and sealed text: every attempt of a delivery signs with
     * its subscription's secret, which is then opened once, not once per attempt. A value
     * sealed anew (a rotation, an update) has a new sealed text and is opened afresh. Bounded by
     * the characters kept, not only by count: a subscription's headers may hold 80,000, and a
     * tenant updating one 10,000 times kept each version. A value larger than 8,192 characters
     * with its key is opened at each use.
     */
    private final WeighedMemo<String, String> opened =
            new WeighedMemo<>(10_000, 4 * 1024 * 1024, 8_192, (key, plaintext) -> key.length() + plaintext.length());

    @PostConstruct
    void loadKey() {
        byte[] key = configuredKey.map(CryptoKeys::decode).orElseGet(() -> {
            Path file = Path.of(dataDir, "herald.key");
            LogIds.none()
                    .log(
                            LOG,
                            Level.INFO,
                            "herald.crypto.key is not set: using the key file " + file.toAbsolutePath()
                                    + " (instances sharing a database must share one key: set herald.crypto.key)");
            return CryptoKeys.loadOrCreate(file);
        });
        cipher = new AesGcmCipher(key);
    }

    /** Seals a value for one field of one row; null stays null. */
    public String seal(String plaintext, SealedField field, String rowId) {
        return plaintext == null ? null : cipher.seal(plaintext, field.binding(rowId));
    }

    /** @throws IllegalArgumentException if the value was not sealed for this field of this row */
    public String open(String sealed, SealedField field, String rowId) {
        if (sealed == null) {
            return null;
        }
        String binding = field.binding(rowId);
        return opened.get(binding + ' ' + sealed, key -> cipher.open(sealed, binding));
    }

    /**
     * Binds values sealed before bindings existed to their rows, once, at start; a value that
     * changed meanwhile (another instance bound it) is left alone.
     *
     * @return how many values were bound
     */
    public int bindUnboundValues(Connection connection) throws SQLException {
        int bound = 0;
        for (SealedField field : SealedField.values()) {
            String select = "SELECT id, " + field.column + " FROM " + field.table + " WHERE " + field.column + " LIKE '"
                    + AesGcmCipher.UNBOUND_PREFIX + "%'";
            String update =
                    "UPDATE " + field.table + " SET " + field.column + " = ? WHERE id = ? AND " + field.column + " = ?";
            try (Statement query = connection.createStatement();
                    ResultSet rows = query.executeQuery(select);
                    PreparedStatement write = connection.prepareStatement(update)) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    String unbound = rows.getString(2);
                    write.setString(1, cipher.seal(cipher.openUnbound(unbound), field.binding(id)));
                    write.setString(2, id);
                    write.setString(3, unbound);
                    bound += write.executeUpdate();
                }
            }
        }
        return bound;
    }
}
