package dev.herald.events.control;

import dev.herald.events.entity.ChainAnchor;
import dev.herald.events.entity.ChainHead;
import dev.herald.events.entity.Event;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.json.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads a tenant's hash chain back for auditors: the stretch of it a time window covers,
 * checked link by link ({@link #verify}) or as exported lines ({@link #lines}). Once events
 * were pruned, the chain kept starts after its {@link ChainAnchor}.
 */
@ApplicationScoped
@Transactional
public class HistoryAudit {

    private static final int BATCH = 500;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    ChainMetrics metrics;

    /**
     * The sequence numbers of the stretch of chain recorded in [since, until), by the chain
     * head rather than by the events present, so that removed events show as missing: from
     * the first kept sequence (without since) or the first event at or after since, to the one
     * before the first event at or after until (or the head). {@code headHash} is the head's
     * hash when the stretch runs to the head, for the newest event to be checked against it.
     */
    public record Stretch(long first, long last, String headHash) {}

    /** Where the tenant's kept history starts, if events were pruned. */
    public Optional<ChainAnchor> anchor(String tenantId) {
        return Optional.ofNullable(em.find(ChainAnchor.class, tenantId));
    }

    public Optional<Stretch> stretch(String tenantId, Instant since, Instant until) {
        ChainHead head = em.find(ChainHead.class, tenantId);
        if (head == null || head.sequence() == 0) {
            return Optional.empty();
        }
        long firstKept = anchor(tenantId).map(anchor -> anchor.sequence() + 1).orElse(1L);
        Optional<Long> afterWindow = until == null ? Optional.empty() : firstAtOrAfter(tenantId, until);
        long last = afterWindow.map(sequence -> sequence - 1).orElse(head.sequence());
        long first = since == null ? firstKept : firstAtOrAfter(tenantId, since).orElse(head.sequence() + 1);
        first = Math.max(first, firstKept);
        if (afterWindow.isEmpty()) {
            // Events missing at the end have no time to place them by: a window up to the head includes them.
            Long newest = em.createQuery("SELECT MAX(e.sequence) FROM Event e WHERE e.tenantId = :tenant", Long.class)
                    .setParameter("tenant", tenantId)
                    .getSingleResult();
            // None kept past the anchor: pruned to the head (nothing to check), or removed after it.
            first = Math.min(first, newest == null ? firstKept : Math.max(firstKept, newest + 1));
        }
        if (last < first) {
            return Optional.empty();
        }
        return Optional.of(new Stretch(first, last, afterWindow.isEmpty() ? head.hash() : null));
    }

    private Optional<Long> firstAtOrAfter(String tenantId, Instant time) {
        return Optional.ofNullable(em.createQuery(
                        "SELECT MIN(e.sequence) FROM Event e WHERE e.tenantId = :tenant" + " AND e.createdAt >= :time",
                        Long.class)
                .setParameter("tenant", tenantId)
                .setParameter("time", time)
                .getSingleResult());
    }

    /** Where a chain stops holding together: the event (or the missing sequence) and why. */
    public record Break(long sequence, String eventId, String reason) {}

    /**
     * The outcome of walking a stretch: how many events held, and the first break if any;
     * {@code anchor} is where the kept chain starts when events were pruned, else null.
     */
    public record Verification(Stretch stretch, long checked, String lastHash, Break firstBreak, ChainAnchor anchor) {

        public boolean valid() {
            return firstBreak == null;
        }
    }

    /**
     * Walks the stretch, reading batches of at most {@code batchChars} of data
     * ({@link ReadRoom#takeForBatches}), and counts the result for {@code /metrics}
     * ({@code chain_verifications_total}).
     */
    public Verification verify(String tenantId, Instant since, Instant until, long batchChars) {
        Verification verification = verifyOnce(tenantId, since, until, batchChars);
        Break broken = verification.firstBreak();
        if (broken != null
                && broken.eventId() == null
                && anchor(tenantId)
                        .filter(anchor -> anchor.sequence() >= broken.sequence())
                        .isPresent()) {
            // Pruned while it was read: the events it missed are now behind the anchor.
            em.clear();
            verification = verifyOnce(tenantId, since, until, batchChars);
        }
        metrics.verified(verification.valid());
        return verification;
    }

    private Verification verifyOnce(String tenantId, Instant since, Instant until, long batchChars) {
        ChainAnchor anchor = anchor(tenantId).orElse(null);
        Optional<Stretch> found = stretch(tenantId, since, until);
        if (found.isEmpty()) {
            return new Verification(null, 0, null, prunedToTheHead(tenantId, anchor), anchor);
        }
        Stretch stretch = found.get();
        Optional<String> before = hashBefore(tenantId, stretch.first(), anchor);
        if (before.isEmpty()) {
            long missing = stretch.first() - 1;
            return new Verification(
                    stretch,
                    0,
                    null,
                    new Break(missing, null, "event #" + missing + " is missing from the history"),
                    anchor);
        }
        String previous = before.get();
        long expected = stretch.first();
        while (expected <= stretch.last()) {
            List<Event> batch = batch(tenantId, expected - 1, stretch.last(), batchChars);
            if (batch.isEmpty()) {
                break;
            }
            for (Event event : batch) {
                Break broken = check(event, expected, previous);
                if (broken != null) {
                    return new Verification(stretch, expected - stretch.first(), previous, broken, anchor);
                }
                previous = event.hash();
                expected++;
            }
            em.clear();
        }
        if (expected <= stretch.last()) {
            return new Verification(
                    stretch,
                    expected - stretch.first(),
                    previous,
                    new Break(expected, null, "event #" + expected + " is missing from the history"),
                    anchor);
        }
        if (stretch.headHash() != null && !stretch.headHash().equals(previous)) {
            return new Verification(
                    stretch,
                    expected - stretch.first(),
                    previous,
                    new Break(
                            stretch.last(),
                            null,
                            "the newest event's hash differs from the one recorded as the chain's head"),
                    anchor);
        }
        return new Verification(stretch, expected - stretch.first(), previous, null, anchor);
    }

    /** With every event pruned, the anchor is the newest link: it must be the head. */
    private Break prunedToTheHead(String tenantId, ChainAnchor anchor) {
        ChainHead head = em.find(ChainHead.class, tenantId);
        if (anchor == null
                || head == null
                || anchor.sequence() != head.sequence()
                || anchor.hash().equals(head.hash())) {
            return null;
        }
        return new Break(
                anchor.sequence(),
                null,
                "the last pruned event's hash differs from the one recorded as " + "the chain's head");
    }

    private static Break check(Event event, long expected, String previous) {
        if (event.sequence() != expected) {
            return new Break(expected, null, "event #" + expected + " is missing from the history");
        }
        if (!event.prevHash().equals(previous)) {
            return new Break(
                    expected,
                    event.id(),
                    "its prevHash is not the hash of event #" + (expected - 1)
                            + ": an event before it was altered, removed or inserted");
        }
        if (!EventHash.of(content(event)).equals(event.hash())) {
            return new Break(expected, event.id(), "its content does not match its hash: the event was altered");
        }
        return null;
    }

    /**
     * The exported lines of up to one batch of the stretch, after sequence {@code after}, of at
     * most {@code batchChars} of data (one event at least); the export streams them batch by
     * batch, each read in its own short transaction.
     */
    public List<JsonObject> lines(String tenantId, long after, long last, long batchChars) {
        return batch(tenantId, after, last, batchChars).stream()
                .map(event ->
                        Jsons.object(content(event)).add("hash", event.hash()).build())
                .toList();
    }

    /**
     * The events after {@code after}, in order: at most {@link #BATCH}, and only as many as hold
     * {@code batchChars} of data, one at least (500 events of 1 MiB held 500 MiB).
     */
    private List<Event> batch(String tenantId, long after, long last, long batchChars) {
        return em.createQuery(
                        "SELECT e FROM Event e WHERE e.tenantId = :tenant AND e.sequence > :after"
                                + " AND e.sequence <= :last ORDER BY e.sequence",
                        Event.class)
                .setParameter("tenant", tenantId)
                .setParameter("after", after)
                .setParameter("last", lastFitting(tenantId, after, last, batchChars))
                .getResultList();
    }

    private long lastFitting(String tenantId, long after, long last, long batchChars) {
        List<Object[]> sizes = em.createQuery(
                        "SELECT e.sequence, LENGTH(e.dataJson) FROM Event e WHERE e.tenantId = :tenant"
                                + " AND e.sequence > :after AND e.sequence <= :last ORDER BY e.sequence",
                        Object[].class)
                .setParameter("tenant", tenantId)
                .setParameter("after", after)
                .setParameter("last", last)
                .setMaxResults(BATCH)
                .getResultList();
        long fitting = after;
        long chars = 0;
        for (Object[] size : sizes) {
            chars += ((Number) size[1]).longValue();
            if (fitting > after && chars > batchChars) {
                break;
            }
            fitting = ((Number) size[0]).longValue();
        }
        return fitting;
    }

    /**
     * The hash the stretch's first event must link to: the genesis, the anchor's, or the event's
     * before it. Empty when that event is gone and no anchor stands in for it; a sweep that
     * pruned it since the stretch was chosen moved the anchor, and {@link #verify} reads again
     * (taking the genesis instead reported an untouched history as altered).
     */
    private Optional<String> hashBefore(String tenantId, long first, ChainAnchor anchorAtStart) {
        if (first == 1) {
            return Optional.of(ChainHead.GENESIS);
        }
        if (anchorAtStart != null && first == anchorAtStart.sequence() + 1) {
            return Optional.of(anchorAtStart.hash());
        }
        Optional<String> hash = em.createQuery(
                        "SELECT e.hash FROM Event e WHERE e.tenantId = :tenant AND e.sequence = :sequence",
                        String.class)
                .setParameter("tenant", tenantId)
                .setParameter("sequence", first - 1)
                .getResultStream()
                .findFirst();
        return hash.or(() -> anchor(tenantId)
                .filter(anchor -> anchor.sequence() == first - 1)
                .map(ChainAnchor::hash));
    }

    private static JsonObject content(Event event) {
        return EventHash.content(
                        event.sequence(),
                        event.id(),
                        event.tenantId(),
                        event.type(),
                        event.subject(),
                        event.createdAt(),
                        Jsons.parseObject(event.dataJson()),
                        event.prevHash())
                .build();
    }
}
