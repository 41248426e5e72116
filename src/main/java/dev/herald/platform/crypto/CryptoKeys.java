package dev.herald.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Where the encryption key comes from: the configuration, or a file generated once. */
public final class CryptoKeys {

    private CryptoKeys() {
    }

    /** Decodes {@code herald.crypto.key}: base64 of 32 bytes. */
    public static byte[] decode(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("herald.crypto.key must be base64 of 32 random bytes", e);
        }
        if (key.length != AesGcmCipher.KEY_BYTES) {
            throw new IllegalStateException("herald.crypto.key must be base64 of 32 random bytes, it has "
                    + key.length + " bytes");
        }
        return key;
    }

    /** Reads the key file, creating it (owner-only permissions where supported) on first use. */
    public static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII));
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] key = new byte[AesGcmCipher.KEY_BYTES];
            new SecureRandom().nextBytes(key);
            try {
                Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException raced) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII));
            }
            restrictToOwner(file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key file " + file, e);
        }
    }

    /** Owner-only where the file system has POSIX permissions; elsewhere the folder's own protection applies. */
    private static void restrictToOwner(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
