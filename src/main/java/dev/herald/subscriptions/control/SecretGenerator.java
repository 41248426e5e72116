package dev.herald.subscriptions.control;

import java.security.SecureRandom;
import java.util.Base64;

/** Signing secrets in the Standard Webhooks form: {@code whsec_} + base64 of 32 random bytes. */
public final class SecretGenerator {

    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretGenerator() {}

    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * Checks a client-chosen secret.
     *
     * @return what is wrong with it, or null when it is usable
     */
    public static String problemWith(String secret) {
        if (secret.startsWith(PREFIX)) {
            String encoded = secret.substring(PREFIX.length());
            byte[] key;
            try {
                key = Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                return "the part after whsec_ must be base64";
            }
            if (key.length < 24 || key.length > 64) {
                return "a whsec_ secret must carry 24 to 64 bytes of base64 key, this one has " + key.length;
            }
            // Java reads base64 without its '=' padding; Python's and Go's standard decoders, which
            // receivers verify with, refuse it, and such a receiver could never check a signature.
            return Base64.getEncoder().encodeToString(key).equals(encoded)
                    ? null
                    : "the part after whsec_ must be standard base64 with its '=' padding (a length a multiple of 4)";
        }
        if (secret.length() < 24 || secret.length() > 256) {
            return "must be 24 to 256 characters (or whsec_ + base64 of 24 to 64 bytes)";
        }
        return secret.chars().allMatch(c -> c > 32 && c < 127)
                ? null
                : "may contain only printable ASCII characters without spaces";
    }
}
