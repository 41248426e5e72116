package dev.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.herald.platform.CallsAtOnce.Entry;
import org.junit.jupiter.api.Test;

class CallsAtOnceTest {

    private final CallsAtOnce<String> calls = new CallsAtOnce<>(2, 3, 4);

    @Test
    void aKeysCallsBeyondItsPlacesWaitInLineAndEachEndingCallHandsItsPlaceToTheFirstInLine() {
        assertEquals(Entry.RUN, calls.enter("a", () -> "never asked"));
        assertEquals(Entry.RUN, calls.enter("a", () -> "never asked"));
        assertEquals(Entry.WAITING, calls.enter("a", () -> "a3"));
        assertEquals(Entry.WAITING, calls.enter("a", () -> "a4"));
        assertEquals(Entry.RUN, calls.enter("b", () -> "never asked")); // another key's places are its own

        assertEquals("a3", calls.leave("a"));
        assertEquals("a4", calls.leave("a"));
        assertNull(calls.leave("a")); // nobody waits: the place is free again
        assertEquals(Entry.RUN, calls.enter("a", () -> "never asked"));
        assertEquals(Entry.WAITING, calls.enter("a", () -> "a5"));
    }

    @Test
    void aFullLineRefusesAndSoDoAllLinesTogether() {
        calls.enter("a", () -> "x");
        calls.enter("a", () -> "x");
        for (int i = 0; i < 3; i++) {
            assertEquals(Entry.WAITING, calls.enter("a", () -> "a"));
        }
        assertEquals(Entry.FULL, calls.enter("a", () -> "a"));
        assertEquals(3, calls.waiting("a"));

        calls.enter("b", () -> "x");
        calls.enter("b", () -> "x");
        assertEquals(Entry.WAITING, calls.enter("b", () -> "b")); // the fourth waiting call of all
        assertEquals(Entry.FULL, calls.enter("b", () -> "b"));
        assertEquals(Entry.RUN, calls.enter("c", () -> "x")); // a free place needs no room in line

        calls.leave("a");
        assertEquals(Entry.WAITING, calls.enter("b", () -> "b"));
    }

    @Test
    void leavingWithoutHavingRunIsAMistakeNotAFreePlace() {
        assertThrows(IllegalStateException.class, () -> calls.leave("nobody"));
    }
}
