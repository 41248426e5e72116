package dev.herald.platform;

import java.util.function.LongFunction;

/**
 * Room in memory for the stored text a read is about to load (a page of events with their data,
 * of receipts with their bodies): such a page costs several times its text while it is read,
 * mapped and written out, and a few pages of large rows at once exhausted the heap, which on H2
 * closes the embedded database for every tenant. Taken before the rows are loaded, held until
 * the call's answer is written.
 */
public interface ReadRoom {

    /**
     * The most stored text a read in batches holds at once, in characters (a batch has one row at
     * least): exports, verification, backfills and the deliveries they write.
     */
    long BATCH_CHARS = 4 * 1024 * 1024;

    /** For reads that take no room (the console's pages, a person paging). */
    ReadRoom NONE = (chars, tooLarge) -> {};

    /**
     * Takes room for {@code chars} of stored text for the current call.
     *
     * @param tooLarge the problem to throw when the read is larger than one call may hold,
     *                 given the most it may (in characters): it says how to ask for less
     * @throws RuntimeException {@code tooLarge}'s, or 429 when the caller's room is taken by its other calls
     */
    void take(long chars, LongFunction<RuntimeException> tooLarge);

    /**
     * Takes room for a read in batches of {@code chars} of stored text (an export, a backfill),
     * or of a part of the caller's share when that is less, for the current call: parsed, a
     * batch weighs many times its text, and each call held its own outside every bound.
     *
     * @return the most characters a batch may hold
     * @throws RuntimeException 429 when the caller's room is taken by its other calls
     */
    default long takeForBatches(long chars) {
        take(chars, most -> new IllegalStateException("A batch of " + chars + " characters is more than " + most));
        return chars;
    }

    /** The most stored text a batch of a read in batches holds at once, in characters ({@link #takeForBatches}). */
    default long batchChars() {
        return BATCH_CHARS;
    }
}
