package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LongestQueuesTest {

    @Test
    void takesTheNewestOfWhicheverQueueIsLongestAtEachStep() {
        Map<String, ArrayDeque<String>> queues = new HashMap<>();
        queues.put("noisy", queue("n1", "n2", "n3", "n4"));
        queues.put("busy", queue("b1", "b2", "b3"));
        queues.put("quiet", queue("q1"));

        List<String> taken = LongestQueues.takeNewest(queues, 4);

        // noisy 4 -> 3 (ties with busy), then one of the two, then the other, down to 2 each.
        assertEquals("n4", taken.get(0));
        assertEquals(List.of("b3", "n3"), taken.subList(1, 3).stream().sorted().toList());
        assertTrue(List.of("b2", "n2").contains(taken.get(3)), taken.toString());
        assertEquals(List.of("q1"), List.copyOf(queues.get("quiet")));
        assertEquals(4, queues.values().stream().mapToInt(ArrayDeque::size).sum());
    }

    @Test
    void dropsTheQueuesItEmptiesAndStopsWhenAllAre() {
        Map<String, ArrayDeque<String>> queues = new HashMap<>();
        queues.put("a", queue("a1", "a2"));
        queues.put("b", queue("b1"));

        List<String> taken = LongestQueues.takeNewest(queues, 10);

        assertEquals(3, taken.size());
        assertEquals("a2", taken.get(0));
        assertTrue(queues.isEmpty());
    }

    @Test
    void takesNothingWhenAskedForNothing() {
        Map<String, ArrayDeque<String>> queues = new HashMap<>(Map.of("a", queue("a1")));

        assertTrue(LongestQueues.takeNewest(queues, 0).isEmpty());
        assertTrue(LongestQueues.takeNewest(queues, -3).isEmpty());
        assertEquals(1, queues.get("a").size());
    }

    /** Thousands of claims back from among thousands of tenants: the one with the backlog gives them all. */
    @Test
    void aBacklogAmongManyQuietTenantsIsTakenFromTheBacklogAlone() {
        Map<String, ArrayDeque<String>> queues = new HashMap<>();
        IntStream.range(0, 5_000).forEach(i -> queues.put("quiet-" + i, queue("q" + i)));
        ArrayDeque<String> backlog = new ArrayDeque<>();
        IntStream.range(0, 20_000).forEach(i -> backlog.add("b" + i));
        queues.put("noisy", backlog);

        List<String> taken = LongestQueues.takeNewest(queues, 19_999);

        assertEquals(19_999, taken.size());
        assertEquals("b19999", taken.get(0));
        assertEquals("b1", taken.get(19_998));
        assertEquals(List.of("b0"), List.copyOf(queues.get("noisy")));
        assertEquals(5_001, queues.size());
        assertFalse(taken.stream().anyMatch(item -> item.startsWith("q")));
    }

    private static ArrayDeque<String> queue(String... items) {
        return new ArrayDeque<>(List.of(items));
    }
}
