package dev.herald.platform;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Opaque, prefixed ids ({@code wh_…}, {@code evt_…}): 48 bits of milliseconds then 80 random
 * bits in Crockford base32, so ids sort by creation time and never collide in practice.
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String next(String prefix) {
        return next(prefix, Clock.systemUTC());
    }

    static String next(String prefix, Clock clock) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long millis = clock.millis();
        char[] out = new char[26];
        // 10 characters of time (50 bits, the top two always zero) ...
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // ... then 16 characters of randomness (80 bits).
        long high = 0;
        long low = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (random[i] & 0xff);
            low = (low << 8) | (random[i + 5] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return prefix + "_" + new String(out);
    }
}
