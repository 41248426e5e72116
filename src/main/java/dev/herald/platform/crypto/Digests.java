package dev.herald.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256 and HMAC as Herald uses them (token hashes, the history's chain, signatures in and out). */
public final class Digests {

    private Digests() {}

    /** Lower-case hex SHA-256 of the bytes. */
    public static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Lower-case hex SHA-256 of the text's UTF-8 bytes. */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param algorithm a JCA MAC name: {@code HmacSHA256} or {@code HmacSHA1}
     * @param content   the signed content, in as many parts as it comes (not joined into a copy)
     */
    public static byte[] hmac(String algorithm, byte[] key, byte[]... content) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            for (byte[] part : content) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has " + algorithm, e);
        }
    }
}
