package dev.herald.platform;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Opaque, prefixed ids ({@code wh_…}, {@code evt_…}): 48 bits of milliseconds then 80 random
 * bits in Crockford base32 (a ULID). Within one process they are strictly increasing, even
 * within a millisecond, so "created earlier" is "smaller id": per-subject ordering relies on it.
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long LOW_40_BITS = (1L << 40) - 1;

    private static long lastMillis;
    private static long lastHigh;
    private static long lastLow;

    private Ids() {}

    public static String next(String prefix) {
        return next(prefix, Clock.systemUTC());
    }

    static synchronized String next(String prefix, Clock clock) {
        long millis = clock.millis();
        if (millis > lastMillis) {
            lastMillis = millis;
            lastHigh = RANDOM.nextLong() & LOW_40_BITS;
            lastLow = RANDOM.nextLong() & LOW_40_BITS;
        } else {
            // Same (or an earlier) millisecond: count up from the last id instead of drawing anew.
            lastLow = (lastLow + 1) & LOW_40_BITS;
            if (lastLow == 0) {
                lastHigh = (lastHigh + 1) & LOW_40_BITS;
            }
        }
        char[] out = new char[26];
        encode(lastMillis, out, 0, 10);
        encode(lastHigh, out, 10, 8);
        encode(lastLow, out, 18, 8);
        return prefix + "_" + new String(out);
    }

    private static void encode(long value, char[] out, int offset, int length) {
        long rest = value;
        for (int i = offset + length - 1; i >= offset; i--) {
            out[i] = ALPHABET[(int) (rest & 31)];
            rest >>>= 5;
        }
    }
}
