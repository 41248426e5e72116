package dev.herald.platform.memo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class WeighedMemoTest {

    private final AtomicInteger workedOut = new AtomicInteger();
    private final Function<String, String> upperCase = key -> {
        workedOut.incrementAndGet();
        return key.toUpperCase();
    };

    /** At most 4 entries, 100 characters together, 30 an entry (key and value). */
    private final WeighedMemo<String, String> memo =
            new WeighedMemo<>(4, 100, 30, (key, value) -> key.length() + value.length());

    @Test
    void aValueIsWorkedOutOnceAndKept() {
        assertEquals("ABC", memo.get("abc", upperCase));
        assertEquals("ABC", memo.get("abc", upperCase));
        assertEquals(1, workedOut.get());
        assertEquals(6, memo.weight());
    }

    @Test
    void aValueHeavierThanAnEntryMayBeIsWorkedOutAtEachUseAndTheOthersStay() {
        memo.get("small", upperCase);
        String heavy = "x".repeat(16);
        for (int i = 0; i < 3; i++) {
            assertEquals(heavy.toUpperCase(), memo.get(heavy, upperCase));
        }
        assertEquals(4, workedOut.get(), "the heavy one each time");
        assertEquals(1, memo.size());
        memo.get("small", upperCase);
        assertEquals(4, workedOut.get(), "the light one kept");
    }

    @Test
    void theEntriesNeverWeighMoreThanTheBoundTogether() {
        for (int i = 0; i < 50; i++) {
            memo.get("key-" + "y".repeat(i % 9) + i, upperCase);
            assertTrue(memo.weight() <= 100, memo.weight() + " after " + i);
            assertTrue(memo.size() <= 4, memo.size() + " after " + i);
        }
    }
}
