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
            try {
                int bytes = Base64.getDecoder().decode(secret.substring(PREFIX.length())).length;
                return bytes >= 24 && bytes <= 64
                        ? null
                        : "a whsec_ secret must carry 24 to 64 bytes of base64 key, this one has " + bytes;
            } catch (IllegalArgumentException e) {
                return "the part after whsec_ must be base64";
            }
        }
        if (secret.length() < 24 || secret.length() > 256) {
            return "must be 24 to 256 characters (or whsec_ + base64 of 24 to 64 bytes)";
        }
        return secret.chars().allMatch(c -> c > 32 && c < 127)
                ? null
                : "may contain only printable ASCII characters without spaces";
    }
}
