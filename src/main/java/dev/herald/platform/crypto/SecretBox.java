package dev.herald.platform.crypto;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
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

    @PostConstruct
    void loadKey() {
        byte[] key = configuredKey.map(CryptoKeys::decode).orElseGet(() -> {
            Path file = Path.of(dataDir, "herald.key");
            LOG.info(() -> "herald.crypto.key is not set: using the key file " + file.toAbsolutePath()
                    + " (instances sharing a database must share one key: set herald.crypto.key)");
            return CryptoKeys.loadOrCreate(file);
        });
        cipher = new AesGcmCipher(key);
    }

    public String seal(String plaintext) {
        return plaintext == null ? null : cipher.seal(plaintext);
    }

    public String open(String sealed) {
        return sealed == null ? null : cipher.open(sealed);
    }
}
