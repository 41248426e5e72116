package dev.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void hasThePrefixAnd26Base32Characters() {
        String id = Ids.next("wh");
        assertTrue(id.matches("wh_[0-9a-hjkmnp-tv-z]{26}"), id);
    }

    @Test
    void sortsByCreationTime() {
        String earlier = Ids.next("evt", Clock.fixed(Instant.parse("2032-01-15T10:30:00Z"), ZoneOffset.UTC));
        String later = Ids.next("evt", Clock.fixed(Instant.parse("2032-01-15T10:30:00.001Z"), ZoneOffset.UTC));
        assertTrue(earlier.compareTo(later) < 0, earlier + " < " + later);
    }

    @Test
    void idsOfOneProcessStrictlyIncreaseEvenWithinAMillisecond() {
        Clock clock = Clock.fixed(Instant.parse("2030-01-15T10:30:00Z"), ZoneOffset.UTC);
        String previous = Ids.next("evt", clock);
        for (int i = 0; i < 1000; i++) {
            String next = Ids.next("evt", clock);
            assertTrue(previous.compareTo(next) < 0, previous + " < " + next);
            previous = next;
        }
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        Clock clock = Clock.fixed(Instant.parse("2031-01-15T10:30:00Z"), ZoneOffset.UTC);
        String a = Ids.next("dlv", clock);
        String b = Ids.next("dlv", clock);
        assertNotEquals(a, b);
        assertEquals(a.substring(0, 14), b.substring(0, 14), "same time part");
    }
}
