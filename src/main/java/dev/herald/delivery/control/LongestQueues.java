package dev.herald.delivery.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** Taking work back from per-tenant queues: the newest items of the longest queues first. */
final class LongestQueues {

    private LongestQueues() {}

    /**
     * Removes up to {@code count} items from the tails of the longest queues, one at a time
     * from whichever is longest, and drops queues left empty: the tenant with the biggest
     * backlog gives up its latest work, and a tenant with one waiting delivery keeps it.
     * The queues are kept in a heap by length, so that taking many items back from among many
     * tenants costs a step per tenant and per item, not a scan of every tenant per item.
     */
    static <T> List<T> takeNewest(Map<String, ArrayDeque<T>> queues, int count) {
        List<T> taken = new ArrayList<>();
        if (count <= 0) {
            return taken;
        }
        PriorityQueue<Queue<T>> longestFirst = new PriorityQueue<>(
                Math.max(1, queues.size()),
                Comparator.comparingInt((Queue<T> queue) -> queue.items().size())
                        .reversed());
        queues.forEach((key, items) -> longestFirst.add(new Queue<>(key, items)));
        while (taken.size() < count && !longestFirst.isEmpty()) {
            Queue<T> longest = longestFirst.poll();
            taken.add(longest.items().pollLast());
            if (longest.items().isEmpty()) {
                queues.remove(longest.key());
            } else {
                longestFirst.add(longest);
            }
        }
        return taken;
    }

    private record Queue<T>(String key, ArrayDeque<T> items) {}
}
