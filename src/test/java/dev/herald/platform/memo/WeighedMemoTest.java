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

    /**
     * A tenant with more entries than the memo holds made it start afresh at each of its reads,
     * and every other tenant worked its entries out again after each: an owner's entries now hold
     * at most a quarter of each bound, its newest.
     */
    @Test
    void oneOwnersManyEntriesNeitherFillTheMemoNorPushOutTheOthers() {
        WeighedMemo<String, String> shared =
                new WeighedMemo<>(100, 10_000, 1_000, (key, value) -> key.length() + value.length());
        shared.get("quiet-1", "ten_quiet", upperCase);
        shared.get("quiet-2", "ten_quiet", upperCase);

        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 1_000; i++) {
                shared.get("busy-" + i, "ten_busy", upperCase);
            }
        }

        assertEquals(27, shared.size(), "the quiet tenant's two and the busy tenant's quarter");
        assertEquals("QUIET-1", shared.kept("quiet-1"));
        assertEquals("QUIET-2", shared.kept("quiet-2"));
        assertEquals("BUSY-999", shared.kept("busy-999"));
        assertEquals(null, shared.kept("busy-974"), "its newest 25 only");
    }

    /**
     * An owner's share holds its newest entries: the versions of a subscription changed again and
     * again age out of it, instead of filling it for good and leaving nothing new kept.
     */
    @Test
    void anOwnersOldestEntriesMakeRoomForItsNewOnes() {
        WeighedMemo<String, String> shared =
                new WeighedMemo<>(100, 10_000, 1_000, (key, value) -> key.length() + value.length());
        for (int version = 1; version <= 100; version++) {
            shared.get("wh_1@" + version, "ten_a", upperCase);
        }

        assertEquals(25, shared.size());
        assertEquals(null, shared.kept("wh_1@75"));
        assertEquals("WH_1@100", shared.kept("wh_1@100"));
        shared.get("wh_1@100", "ten_a", upperCase);
        assertEquals(100, workedOut.get(), "the newest is kept, not worked out again");
    }

    @Test
    void anOwnersShareIsAQuarterOfTheWeightToo() {
        WeighedMemo<String, String> shared =
                new WeighedMemo<>(100, 1_000, 1_000, (key, value) -> key.length() + value.length());
        String heavy = "h".repeat(49); // weighs 100 with its value
        for (int i = 0; i < 5; i++) {
            shared.get(heavy + i, "ten_busy", upperCase);
        }
        shared.get("quiet", "ten_quiet", upperCase);

        assertEquals(200 + 10, shared.weight(), "the busy tenant's newest two (a quarter is 250), and the quiet one");
        assertEquals(null, shared.kept(heavy + 2));
        assertEquals((heavy + 4).toUpperCase(), shared.kept(heavy + 4));
    }
}
