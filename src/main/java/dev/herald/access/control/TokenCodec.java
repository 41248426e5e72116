package dev.herald.access.control;

import dev.herald.platform.crypto.Digests;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes bearer tokens and the hashes they are stored as. Tokens carry 256 random bits, so a
 * plain SHA-256 (no salt, no stretching) is enough to make a stolen table useless.
 */
public final class TokenCodec {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenCodec() {}

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "hrld_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        return Digests.sha256Hex(token);
    }
}
