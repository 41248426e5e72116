package dev.herald.platform.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoKeysTest {

    @TempDir
    Path dataDir;

    @Test
    void generatesTheKeyFileOnceAndReusesIt() throws Exception {
        Path file = dataDir.resolve("nested/herald.key");
        byte[] first = CryptoKeys.loadOrCreate(file);
        byte[] second = CryptoKeys.loadOrCreate(file);
        assertEquals(32, first.length);
        assertArrayEquals(first, second);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void decodesAConfiguredKey() {
        byte[] key = new byte[32];
        key[0] = 7;
        assertArrayEquals(key, CryptoKeys.decode(Base64.getEncoder().encodeToString(key)));
    }

    @Test
    void rejectsConfiguredKeysOfTheWrongSizeOrForm() {
        assertThrows(IllegalStateException.class, () -> CryptoKeys.decode("not base64!"));
        assertThrows(
                IllegalStateException.class,
                () -> CryptoKeys.decode(Base64.getEncoder().encodeToString(new byte[16])));
    }
}
