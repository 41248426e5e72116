package dev.herald.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;

/** Where the encryption key comes from: the configuration, or a file generated once. */
public final class CryptoKeys {

    private CryptoKeys() {}

    /** Decodes {@code herald.crypto.key}: base64 of 32 bytes. */
    public static byte[] decode(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("herald.crypto.key must be base64 of 32 random bytes", e);
        }
        if (key.length != AesGcmCipher.KEY_BYTES) {
            throw new IllegalStateException(
                    "herald.crypto.key must be base64 of 32 random bytes, it has " + key.length + " bytes");
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
            try (var channel = Files.newByteChannel(
                    file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(file))) {
                channel.write(
                        ByteBuffer.wrap(Base64.getEncoder().encodeToString(key).getBytes(StandardCharsets.US_ASCII)));
            } catch (FileAlreadyExistsException raced) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII));
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key file " + file, e);
        }
    }

    /**
     * Owner-only from the moment the file exists, where the file system has POSIX permissions
     * (setting them after writing left the key readable for a moment); elsewhere the folder's
     * own protection applies.
     */
    private static FileAttribute<?>[] ownerOnly(Path file) {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            };
        }
        return new FileAttribute<?>[0];
    }
}
