package dev.herald.delivery.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Taking work back from per-tenant queues: the newest items of the longest queues first. */
final class LongestQueues {

    private LongestQueues() {}

    /**
     * Removes up to {@code count} items from the tails of the longest queues, one at a time
     * from whichever is longest, and drops queues left empty: the tenant with the biggest
     * backlog gives up its latest work, and a tenant with one waiting delivery keeps it.
     */
    static <T> List<T> takeNewest(Map<String, ArrayDeque<T>> queues, int count) {
        List<T> taken = new ArrayList<>();
        while (taken.size() < count && !queues.isEmpty()) {
            var longest = queues.entrySet().stream()
                    .max(Comparator.comparingInt(entry -> entry.getValue().size()))
                    .orElseThrow();
            taken.add(longest.getValue().pollLast());
            if (longest.getValue().isEmpty()) {
                queues.remove(longest.getKey());
            }
        }
        return taken;
    }
}
