package dev.herald.events.control;

import dev.herald.catalog.control.EventCatalog;
import dev.herald.events.entity.ChainAnchor;
import dev.herald.events.entity.ChainHead;
import dev.herald.events.entity.Event;
import dev.herald.events.entity.IdempotencyKey;
import dev.herald.platform.Ids;
import dev.herald.platform.Listing;
import dev.herald.platform.Page;
import dev.herald.platform.PageRequest;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.Times;
import dev.herald.platform.json.Jsons;
import dev.herald.problems.ConflictException;
import dev.herald.problems.NotFoundProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/** The tenant's event history: recording facts and reading them back. */
@ApplicationScoped
@Transactional
public class EventLog {

    /** How long an idempotency key keeps answering with its first event. */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    /**
     * What an event read whole weighs in memory besides its data, in characters: its ids, type,
     * subject, hashes and times, and the parsed data's structure.
     */
    private static final long EVENT_ROW_CHARS = 1024;

    /** The most events a chunk of {@link #history} holds: its ids are one query's parameters. */
    private static final int CHUNK_EVENTS = 1_000;

    /** EclipseLink's hint: rows read are not registered with the transaction, so they can be collected. */
    private static final String READ_ONLY = "eclipselink.read-only";

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    EventCatalog catalog;

    @Inject
    jakarta.enterprise.event.Event<EventArriving> arriving;

    @Inject
    jakarta.enterprise.event.Event<RecordedEvent> recorded;

    @Inject
    jakarta.enterprise.event.Event<EventsRecorded> recordedAll;

    @Inject
    HashChain chain;

    /** Records events other features raise, in their transaction. */
    void onRaised(@Observes RaisedEvent raised) {
        record(raised);
    }

    /**
     * Records the event and, through {@link RecordedEvent} observers, schedules its
     * deliveries, all in the caller's transaction. A repeated idempotency key returns the
     * first event instead.
     */
    public RecordedEvent record(RaisedEvent raised) {
        catalog.requireKnown(raised.tenantId(), raised.type());
        return recordAll(List.of(raised)).get(0);
    }

    /**
     * Records events in order, in one transaction (see {@link EventIngest}): all of them, or,
     * if one fails, none. Their callers have checked each type with {@link EventCatalog#requirePublishable}
     * already, before batching them. An item that repeats an earlier item's idempotency key
     * answers that item's event, as a repeat in a later request would.
     */
    public List<RecordedEvent> recordAll(List<RaisedEvent> events) {
        return recordAll(events, true);
    }

    /**
     * {@link #recordAll(List)}, answering a repeated key's event with or without its data.
     *
     * @param replaysCarryData whether an item that repeats a key answers its first event's data;
     *     without it ({@code null}), a commit batch reads none: a batch publish's answer names its
     *     events without their data (500 replays of large events read and parsed each one's data,
     *     gigabytes for nothing), and a single publish reads it once its batch has committed
     *     ({@link #dataText})
     */
    public List<RecordedEvent> recordAll(List<RaisedEvent> events, boolean replaysCarryData) {
        // All matched first: once the first is chained, the head stays locked until commit, and
        // tenants' filters must not run under it.
        List<String> ids = events.stream().map(this::arrive).toList();
        return write(events, ids, true, replaysCarryData);
    }

    /**
     * Records an event that only its caller delivers (the sample a subscription's test sends):
     * it is history like any other, but no subscription is matched against it.
     */
    public RecordedEvent recordWithoutFanOut(RaisedEvent raised) {
        catalog.requireKnown(raised.tenantId(), raised.type());
        return write(List.of(raised), List.of(Ids.next("evt")), false, true).get(0);
    }

    /**
     * Chains the events that are new, then writes them as one JDBC batch and their keys with one
     * flush, instead of a statement and a flush per event: each flush computes the changes of
     * everything the transaction holds, so per-event flushes cost a batch the square of its
     * size. Only then are their deliveries scheduled, since those rows refer to the events.
     */
    private List<RecordedEvent> write(
            List<RaisedEvent> events, List<String> ids, boolean fanOut, boolean replaysCarryData) {
        List<RecordedEvent> answers = new ArrayList<>(events.size());
        List<RecordedEvent> chained = new ArrayList<>(events.size());
        List<Event> written = new ArrayList<>(events.size());
        Map<String, RecordedEvent> keyedInBatch = new HashMap<>();
        List<IdempotencyKey> keys = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            RaisedEvent raised = events.get(i);
            String key = raised.idempotencyKey();
            RecordedEvent earlier = key == null ? null : keyedInBatch.get(key);
            Optional<RecordedEvent> replayed =
                    earlier != null ? Optional.of(asReplay(earlier)) : replayed(raised, replaysCarryData);
            if (replayed.isPresent()) {
                if (earlier == null) {
                    keyedInBatch.put(key, replayed.get()); // a key repeated in the batch is read once
                }
                answers.add(replayed.get());
                continue;
            }
            Event event = chain.append(ids.get(i), raised.tenantId(), raised.type(), raised.subject(), raised.data());
            written.add(event);
            RecordedEvent result = new RecordedEvent(
                    event.id(),
                    event.tenantId(),
                    event.type(),
                    event.subject(),
                    raised.data(),
                    event.createdAt(),
                    event.sequence(),
                    false,
                    fanOut);
            if (key != null) {
                keys.add(new IdempotencyKey(raised.tenantId(), key, event.id(), event.createdAt()));
                keyedInBatch.put(key, result);
            }
            answers.add(result);
            chained.add(result);
        }
        // The events first, so the rows that refer to them (their keys, their deliveries) never precede them.
        if (!written.isEmpty()) {
            EventRows.insert(em.unwrap(Connection.class), written);
        }
        if (!keys.isEmpty()) {
            keys.forEach(em::persist);
            // A concurrent request with one of these keys fails here, and its caller replays ours.
            em.flush();
        }
        chained.forEach(recorded::fire);
        if (!chained.isEmpty()) {
            recordedAll.fire(new EventsRecorded());
        }
        return answers;
    }

    private static RecordedEvent asReplay(RecordedEvent first) {
        return new RecordedEvent(
                first.id(),
                first.tenantId(),
                first.type(),
                first.subject(),
                first.data(),
                first.createdAt(),
                first.sequence(),
                true,
                first.fanOut());
    }

    /** The first event of the raised one's idempotency key, if it has one that was seen. */
    private Optional<RecordedEvent> replayed(RaisedEvent raised, boolean withData) {
        return raised.idempotencyKey() == null
                ? Optional.empty()
                : replay(raised.tenantId(), raised.idempotencyKey(), Times.now(), withData);
    }

    /** Names the event and has the subscriptions matched against it (before it is chained): answers its id. */
    private String arrive(RaisedEvent raised) {
        String id = Ids.next("evt");
        arriving.fire(new EventArriving(id, raised.tenantId(), raised.type(), raised.subject(), raised.data()));
        return id;
    }

    /**
     * The event an idempotency key recorded within the window, if any, without its data ({@code
     * null}): {@link #dataText} reads that once there is room for it.
     */
    public Optional<RecordedEvent> replay(String tenantId, String key, Instant now) {
        return replay(tenantId, key, now, false);
    }

    /**
     * The stored text of an event's data: a replayed single publish answers it as it was stored,
     * read once its batch has committed, on the thread that answers the batch's calls one after
     * another, so a lane holds one such text at a time. Read and parsed in the commit batch (some
     * ten times its text when its values are dense) and held there until every call of the batch
     * was answered, a thousand small publishes repeating the keys of 1 MiB events ran the heap out,
     * and the process with it.
     *
     * @throws ConflictException when the event is no longer in the history (a retention sweep took
     *     it since its key was read)
     */
    public String dataText(String eventId) {
        return em.createQuery("SELECT e.dataJson FROM Event e WHERE e.id = :id", String.class)
                .setParameter("id", eventId)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new ConflictException("The first event of this idempotency key (" + eventId
                        + ") is no longer in the history: a retention sweep took it, and its key with it;"
                        + " publish the event again"));
    }

    /** @param withData false for its data {@code null}, not read */
    private Optional<RecordedEvent> replay(String tenantId, String key, Instant now, boolean withData) {
        IdempotencyKey stored = em.find(IdempotencyKey.class, new IdempotencyKey.Key(tenantId, key));
        if (stored == null) {
            return Optional.empty();
        }
        if (stored.createdAt().isBefore(now.minus(IDEMPOTENCY_WINDOW))) {
            em.remove(stored);
            em.flush();
            return Optional.empty();
        }
        // Empty when a retention sweep took the event and its key since the key was read: the
        // key is then as good as unseen (its window ended with the event's retention), and is
        // let go of here so that recording it anew is not taken for a second copy of it.
        Optional<RecordedEvent> replayed = withData
                ? Optional.ofNullable(em.find(Event.class, stored.eventId())).map(event -> toRecorded(event, true))
                : withoutData(stored.eventId());
        if (replayed.isEmpty()) {
            em.detach(stored);
        }
        return replayed;
    }

    /**
     * One event of the tenant's with its data, once {@code room} has been taken for it: up to 1 MiB
     * of text, parsed into some ten times that.
     */
    public RecordedEvent get(String tenantId, String id, ReadRoom room) {
        if (room != ReadRoom.NONE) {
            long chars = em.createQuery(
                            "SELECT LENGTH(e.dataJson) FROM Event e WHERE e.id = :id AND e.tenantId = :tenant",
                            Number.class)
                    .setParameter("id", id)
                    .setParameter("tenant", tenantId)
                    .getResultStream()
                    .findFirst()
                    .orElseThrow(() -> new NotFoundProblem("event", id))
                    .longValue();
            room.take(
                    chars + EVENT_ROW_CHARS,
                    most -> new ConflictException("This event's data holds " + chars
                            + " characters, more than one call may read at once (" + most + ")"));
        }
        Event event = em.find(Event.class, id);
        if (event == null || !event.tenantId().equals(tenantId)) {
            throw new NotFoundProblem("event", id);
        }
        return toRecorded(event, false);
    }

    /** Criteria of the history listing; null fields do not restrict. */
    public record Query(String type, String subject, Instant since, Instant until) {}

    /** @param room where the page's data must fit before it is loaded */
    public Page<RecordedEvent> list(String tenantId, Query query, PageRequest request, ReadRoom room) {
        return Listing.page(
                        em,
                        Event.class,
                        tenantId,
                        narrowing(query),
                        request,
                        () -> kept(tenantId),
                        new Listing.Bulk("LENGTH(x.dataJson)", "events", room))
                .map(event -> toRecorded(event, false));
    }

    /**
     * The page {@link #list} would answer, each event with a preview of its payload instead of
     * all of it: what the console lists, whatever the events weigh, without taking anyone's room.
     */
    public Page<EventPreview> previews(String tenantId, Query query, PageRequest request) {
        Page<String> ids = Listing.ids(em, Event.class, tenantId, narrowing(query), request, () -> kept(tenantId));
        return new Page<>(previewsInOrder(ids.items()), ids.page(), ids.pageSize(), ids.total());
    }

    private static Listing.Narrowing narrowing(Query query) {
        return Listing.Narrowing.newestBy("createdAt")
                .equal("type", query.type())
                .equal("subject", query.subject())
                .within(query.since(), query.until());
    }

    /**
     * How many events the tenant's history holds, without counting them: the chain numbers
     * every event, and pruning removes them from the start of the chain up to the anchor.
     */
    private long kept(String tenantId) {
        ChainHead head = em.find(ChainHead.class, tenantId);
        ChainAnchor anchor = em.find(ChainAnchor.class, tenantId);
        return (head == null ? 0 : head.sequence()) - (anchor == null ? 0 : anchor.sequence());
    }

    /**
     * A tenant's events from {@code since} up to (not including) {@code before}, oldest first, at
     * most {@code limit}, handed to {@code chunk} a few at a time: as many as hold
     * {@code chunkChars} of data (one at least; {@link ReadRoom#takeForBatches}), read when their
     * turn comes and not kept by this transaction, so that a long history of large events is never
     * in memory at once.
     */
    public void history(
            String tenantId,
            Instant since,
            Instant before,
            int limit,
            long chunkChars,
            Consumer<List<RecordedEvent>> chunk) {
        List<Object[]> sizes = em.createQuery(
                        "SELECT e.id, LENGTH(e.dataJson) FROM Event e WHERE e.tenantId = :tenant"
                                + " AND e.createdAt >= :since AND e.createdAt < :before ORDER BY e.createdAt, e.id",
                        Object[].class)
                .setParameter("tenant", tenantId)
                .setParameter("since", since)
                .setParameter("before", before)
                .setMaxResults(limit)
                .getResultList();
        List<String> ids = new ArrayList<>();
        long chars = 0;
        for (Object[] size : sizes) {
            long length = ((Number) size[1]).longValue();
            if (!ids.isEmpty() && (chars + length > chunkChars || ids.size() == CHUNK_EVENTS)) {
                chunk.accept(readOnly(ids));
                ids.clear();
                chars = 0;
            }
            ids.add((String) size[0]);
            chars += length;
        }
        if (!ids.isEmpty()) {
            chunk.accept(readOnly(ids));
        }
    }

    /** The events, in the order of {@code ids}, not kept by the persistence context once handed over. */
    private List<RecordedEvent> readOnly(List<String> ids) {
        Map<String, Event> rows = em.createQuery("SELECT e FROM Event e WHERE e.id IN :ids", Event.class)
                .setParameter("ids", ids)
                .setHint(READ_ONLY, true)
                .getResultStream()
                .collect(Collectors.toMap(Event::id, row -> row));
        return ids.stream()
                .map(rows::get)
                .filter(Objects::nonNull)
                .map(event -> toRecorded(event, false))
                .toList();
    }

    /**
     * When the newest pruned event of the tenant was recorded: the history kept starts after
     * it. Empty while nothing was pruned ({@code herald.retention.events}).
     */
    public Optional<Instant> prunedThrough(String tenantId) {
        return Optional.ofNullable(em.find(ChainAnchor.class, tenantId)).map(ChainAnchor::recordedAt);
    }

    /**
     * A tenant's events about any of {@code subjects}, in the order they were recorded, once their
     * data has room ({@code tooLarge} says how to read them otherwise).
     */
    public List<RecordedEvent> about(
            String tenantId, Collection<String> subjects, ReadRoom room, LongFunction<RuntimeException> tooLarge) {
        if (room != ReadRoom.NONE) {
            Object[] weight = em.createQuery(
                            "SELECT SUM(LENGTH(e.dataJson)), COUNT(e) FROM Event e WHERE e.tenantId = :tenant"
                                    + " AND e.subject IN :subjects",
                            Object[].class)
                    .setParameter("tenant", tenantId)
                    .setParameter("subjects", subjects)
                    .getSingleResult();
            long events = ((Number) weight[1]).longValue();
            if (events > 0) {
                // Weighed by their rows too: anyone who may publish names a subject, and a million
                // events of empty data weighed nothing by their data alone.
                room.take(((Number) weight[0]).longValue() + events * EVENT_ROW_CHARS, tooLarge);
            }
        }
        return em.createQuery(
                        "SELECT e FROM Event e WHERE e.tenantId = :tenant AND e.subject IN :subjects"
                                + " ORDER BY e.sequence",
                        Event.class)
                .setParameter("tenant", tenantId)
                .setParameter("subjects", subjects)
                .getResultStream()
                .map(event -> toRecorded(event, false))
                .toList();
    }

    /** The first {@code limit} of a tenant's events about any of {@code subjects}, in the order they were recorded, previewed. */
    public List<EventPreview> previewsAbout(String tenantId, Collection<String> subjects, int limit) {
        List<String> ids = em.createQuery(
                        "SELECT e.id FROM Event e WHERE e.tenantId = :tenant AND e.subject IN :subjects ORDER BY e.sequence",
                        String.class)
                .setParameter("tenant", tenantId)
                .setParameter("subjects", subjects)
                .setMaxResults(limit)
                .getResultList();
        return previewsInOrder(ids);
    }

    private List<EventPreview> previewsInOrder(List<String> ids) {
        return Listing.previewsInOrder(
                em,
                Event.class,
                ids,
                "x.type, x.subject, x.createdAt",
                "x.dataJson",
                (values, payload) -> new EventPreview(
                        (String) values[0], (String) values[1], (String) values[2], (Instant) values[3], payload));
    }

    /** A replayed event without its data ({@code null}): neither read nor parsed. */
    private Optional<RecordedEvent> withoutData(String id) {
        return em.createQuery(
                        "SELECT e.tenantId, e.type, e.subject, e.createdAt, e.sequence FROM Event e WHERE e.id = :id",
                        Object[].class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst()
                .map(row -> new RecordedEvent(
                        id,
                        (String) row[0],
                        (String) row[1],
                        (String) row[2],
                        null,
                        (Instant) row[3],
                        ((Number) row[4]).longValue(),
                        true,
                        true));
    }

    private static RecordedEvent toRecorded(Event event, boolean replayed) {
        try (JsonReader reader = Jsons.reader(new StringReader(event.dataJson()))) {
            JsonObject data = reader.readObject();
            return new RecordedEvent(
                    event.id(),
                    event.tenantId(),
                    event.type(),
                    event.subject(),
                    data,
                    event.createdAt(),
                    event.sequence(),
                    replayed,
                    true);
        }
    }
}
