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
     * Refuses a key that opens none of the sealed values the database holds (a few of each
     * field's are tried; one that opens settles it). A database restored without its key file,
     * or an instance given another key, started and answered ready, and then every delivery
     * failed to open its subscription's secret, was claimed again at each lease, for ever.
     *
     * @throws IllegalStateException naming a value the key does not open, and what to do
     */
    public void requireKeyOpensSealedValues(Connection connection) throws SQLException {
        String refused = null;
        for (SealedField field : SealedField.values()) {
            String sample = "SELECT id, " + field.column + " FROM " + field.table + " WHERE " + field.column
                    + " IS NOT NULL ORDER BY id FETCH FIRST 3 ROWS ONLY";
            try (Statement query = connection.createStatement();
                    ResultSet rows = query.executeQuery(sample)) {
                while (rows.next()) {
                    String sealed = rows.getString(2);
                    try {
                        if (sealed.startsWith(AesGcmCipher.UNBOUND_PREFIX)) {
                            cipher.openUnbound(sealed); // from before bindings: bound right after this
                        } else {
                            cipher.open(sealed, field.binding(rows.getString(1)));
                        }
                        return;
                    } catch (IllegalArgumentException notThisKey) {
                        refused = field.table + "." + field.column + " of " + rows.getString(1);
                    }
                }
            }
        }
        if (refused != null) {
            throw new IllegalStateException("The encryption key (herald.crypto.key, or else the key file in"
                    + " herald.data-dir) opens none of this database's sealed secrets, " + refused
                    + " among them: they were sealed with another key. Give this instance the key the database was"
                    + " written with (the other instances' herald.crypto.key, or the herald.key file kept with the"
                    + " database); Herald does not start with a key that cannot open them.");
        }
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
