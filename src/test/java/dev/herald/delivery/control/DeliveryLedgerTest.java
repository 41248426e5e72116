package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.access.entity.Tenant;
import dev.herald.cluster.control.Instances;
import dev.herald.delivery.entity.Delivery;
import dev.herald.delivery.entity.DeliveryStatus;
import dev.herald.events.control.RecordedEvent;
import dev.herald.events.entity.Event;
import dev.herald.platform.Ids;
import dev.herald.platform.MigratedH2;
import dev.herald.platform.OneTransaction;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.RecordedStatements;
import dev.herald.platform.Times;
import dev.herald.platform.json.Jsons;
import dev.herald.problems.ConflictException;
import dev.herald.problems.NotFoundProblem;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery ledger without a server: its claims, leases, per-subject order and holds, run
 * as Herald runs them (EclipseLink, the real schema from the Flyway migrations) on an H2
 * database in memory, each step in a transaction of its own.
 */
class DeliveryLedgerTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String URL = MigratedH2.url("ledger");
    /** The event every delivery here is of (deliveries name an existing event and tenant). */
    private static final String EVENT = "evt_ledger_test";

    private static EntityManagerFactory factory;
    private static RecordedStatements statements;

    private EntityManager em;
    private DeliveryLedger ledger;

    @BeforeAll
    static void database() {
        JdbcDataSource dataSource = MigratedH2.inMemory("ledger");
        statements = new RecordedStatements(dataSource);
        factory = MigratedH2.persistenceUnit(statements.dataSource());
        EntityManager setup = factory.createEntityManager();
        setup.getTransaction().begin();
        Instant now = Times.now();
        setup.persist(new Tenant("ten_a", "tenant a", now));
        setup.persist(new Tenant("ten_b", "tenant b", now));
        setup.persist(new Event(EVENT, "ten_a", "build.finished", null, "{}", now, 1, "0".repeat(64), "1".repeat(64)));
        setup.getTransaction().commit();
        setup.close();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @BeforeEach
    void ledger() {
        em = factory.createEntityManager();
        ledger = new DeliveryLedger();
        ledger.em = em;
        ledger.databaseUrl = URL;
        ledger.newDeliveries = new NewDeliveries();
        ledger.newDeliveries.em = em;
        ledger.newDeliveries.transaction = new OneTransaction();
        ledger.settings = new DeliverySettings() {
            @Override
            public Duration lease() {
                return LEASE;
            }
        };
        inTransaction(() -> em.createQuery("DELETE FROM Delivery").executeUpdate());
    }

    @AfterEach
    void closeEntityManager() {
        em.close();
    }

    @Test
    void aDueDeliveryIsClaimedOnceUntilItsLeaseRunsOut() {
        Delivery first = add("ten_a", null, 1);
        Delivery second = add("ten_b", null, 2);

        List<Claim> claims = inTransaction(() -> ledger.claimDue(10, Set.of()));

        assertEquals(
                List.of(first.id(), second.id()),
                claims.stream().map(Claim::deliveryId).toList());
        assertEquals(
                List.of("ten_a", "ten_b"), claims.stream().map(Claim::tenantId).toList());
        Instant leasedUntil = claims.get(0).leasedUntil();
        assertTrue(Duration.between(Times.now(), leasedUntil).compareTo(LEASE.minusSeconds(5)) > 0, "a full lease");
        assertEquals(List.of(), inTransaction(() -> ledger.claimDue(10, Set.of())), "claimed until the lease ends");
        assertEquals(claims.get(0).token(), stored(first.id()).claimToken());
    }

    @Test
    void aTenantWhoseBacklogIsFullIsSkippedAndTheOthersAreClaimed() {
        add("ten_a", null, 1);
        Delivery other = add("ten_b", null, 2);
        add("ten_a", null, 3);

        List<Claim> claims = inTransaction(() -> ledger.claimDue(10, Set.of("ten_a", "ten_c")));

        assertEquals(List.of(other.id()), claims.stream().map(Claim::deliveryId).toList());
        assertEquals(
                2, inTransaction(() -> ledger.claimDue(10, Set.of())).size(), "the skipped ones were left unclaimed");
    }

    @Test
    void aClaimCarriesItsPayloadUnlessLarge() {
        Delivery small = add("ten_a", null, 1);
        Delivery large = add("ten_a", null, 2, "x".repeat(DeliveryLedger.PAYLOAD_READ_WITH_CLAIM + 1));
        Delivery alsoSmall = add("ten_a", null, 3);

        List<Claim> claims = inTransaction(() -> ledger.claimDue(10, Set.of()));

        assertEquals(
                List.of(small.id(), large.id(), alsoSmall.id()),
                claims.stream().map(Claim::deliveryId).toList());
        assertEquals("{}", claims.get(0).work().payload());
        assertNull(claims.get(1).work().payload(), "a large payload is read by the worker");
        assertEquals("{}", claims.get(2).work().payload());
    }

    @Test
    void aBatchIsNoLargerThanAsked() {
        for (int i = 0; i < 5; i++) {
            add("ten_a", null, i);
        }
        assertEquals(2, inTransaction(() -> ledger.claimDue(2, Set.of())).size());
        assertEquals(3, inTransaction(() -> ledger.claimDue(10, Set.of())).size());
    }

    /**
     * Behind a backlog, a claim costs what it takes, not what waits: H2 applies a locking
     * query's limit only after reading every row it matches (250 ms a claim behind 20,000 due
     * deliveries, which held the pump to 400 deliveries a second).
     */
    @Test
    void aClaimOnH2ReadsNoMoreDueRowsThanItTakes() {
        for (int i = 0; i < 300; i++) {
            add("ten_a", null, i);
        }
        String plan = inTransaction(
                () -> (String) em.createNativeQuery("EXPLAIN ANALYZE " + DeliveryLedger.claimStatement(true, 1))
                        .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC))
                        .setParameter(2, 10)
                        .setParameter(3, "ten_c")
                        .getSingleResult());

        Matcher scans = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        assertTrue(scans.find(), plan);
        do {
            assertTrue(Integer.parseInt(scans.group(1)) <= 11, "rows read to claim 10 of 300:\n" + plan);
        } while (scans.find());
        assertEquals(
                10, inTransaction(() -> ledger.claimDue(10, Set.of("ten_c"))).size());
    }

    /**
     * On H2 a claim chooses its rows before it locks them; what another transaction did in
     * between (logged an attempt, took the row as its lease ran out, held it back) keeps the
     * row out of this claim, so no delivery is sent twice.
     */
    @Test
    void aChosenDeliveryThatChangedBeforeItsLockIsNotClaimed() {
        Delivery due = add("ten_a", null, 1);
        Delivery attempted = add("ten_a", null, 2);
        Delivery taken = add("ten_a", null, 3);
        Delivery heldBack = add("ten_a", null, 4);
        Instant now = Times.now();
        String othersToken = DeliveryLedger.newToken();
        inTransaction(() -> {
            change(attempted, "d.status = :value", DeliveryStatus.SUCCEEDED);
            change(taken, "d.claimToken = :value", othersToken);
            change(taken, "d.claimedUntil = :value", now.plus(LEASE));
            change(heldBack, "d.nextAttemptAt = :value", now.plus(Duration.ofHours(1)));
        });
        List<String> chosen = List.of(due.id(), attempted.id(), taken.id(), heldBack.id());

        Set<String> claimed = inTransaction(() -> ledger.claimRows(chosen, "tok_mine", now.plus(LEASE), now));

        assertEquals(Set.of(due.id()), claimed);
        assertEquals("tok_mine", stored(due.id()).claimToken());
        assertEquals(othersToken, stored(taken.id()).claimToken());
        assertNull(stored(attempted.id()).claimToken());
        assertNull(stored(heldBack.id()).claimToken());
    }

    private void change(Delivery delivery, String assignment, Object value) {
        em.createQuery("UPDATE Delivery d SET " + assignment + " WHERE d.id = :id")
                .setParameter("value", value)
                .setParameter("id", delivery.id())
                .executeUpdate();
    }

    @Test
    void deliveriesMadeAtFanOutAreSeenByTheChecksOfTheirTransactionAndWrittenWhole() {
        Instant now = Times.now();
        Delivery claimed = new Delivery(
                Ids.next("dlv"),
                "ten_a",
                EVENT,
                "wh_1",
                "build.finished",
                "{\"n\":1}",
                null,
                "rel_1",
                "wh_1|rel_1",
                1,
                now);
        claimed.claim("token-1", now.plus(LEASE));
        Delivery suppressed = new Delivery(
                Ids.next("dlv"), "ten_a", EVENT, "wh_2", "build.finished", "{\"n\":2}", null, "rel_1", null, 1, now);
        suppressed.suppress("oneTime: not the first");

        inTransaction(() -> {
            ledger.newDeliveries.add(claimed);
            assertTrue(ledger.hasPending("wh_1|rel_1"), "written before the check reads");
            ledger.newDeliveries.add(suppressed);
            ledger.newDeliveries.write();
            ledger.newDeliveries.write(); // nothing left to write: no duplicate
        });

        Delivery stored = stored(claimed.id());
        assertEquals(
                List.of("ten_a", EVENT, "wh_1", "build.finished", "{\"n\":1}", "rel_1", "wh_1|rel_1", "token-1"),
                List.of(
                        stored.tenantId(),
                        stored.eventId(),
                        stored.subscriptionId(),
                        stored.eventType(),
                        stored.payload(),
                        stored.subject(),
                        stored.orderingKey(),
                        stored.claimToken()));
        assertEquals(DeliveryStatus.PENDING, stored.status());
        assertEquals(now, stored.createdAt());
        assertEquals(now.plus(LEASE), stored.claimedUntil());
        assertEquals(1L, stored.eventSequence());
        assertEquals(DeliveryStatus.SUPPRESSED, stored(suppressed.id()).status());
        assertEquals("oneTime: not the first", stored(suppressed.id()).lastError());
        assertEquals(null, stored(suppressed.id()).nextAttemptAt());
    }

    @Test
    void aWideFanOutsDeliveriesAreWrittenAsTheyComeAThousandAtATime() {
        Instant now = Times.now();
        int count = NewDeliveries.WRITTEN_AT_MOST + 1;

        long writtenBeforeTheEnd = inTransaction(() -> {
            for (int i = 0; i < count; i++) {
                ledger.newDeliveries.add(new Delivery(
                        Ids.next("dlv"), "ten_a", EVENT, "wh_" + i, "build.finished", "{}", null, null, null, 1, now));
            }
            long written = em.createQuery("SELECT COUNT(d) FROM Delivery d", Long.class)
                    .getSingleResult();
            ledger.newDeliveries.write();
            return written;
        });

        assertEquals(NewDeliveries.WRITTEN_AT_MOST, writtenBeforeTheEnd);
        assertEquals(
                (long) count,
                inTransaction(() -> em.createQuery("SELECT COUNT(d) FROM Delivery d", Long.class)
                        .getSingleResult()));
    }

    /**
     * Copied payloads are written sooner once they are large (only while an instance from before
     * makes every payload be copied can they be): a thousand of 1 MiB were a GiB kept until the
     * thousandth.
     */
    @Test
    void deliveriesWithLargeCopiedPayloadsAreWrittenOnceTheyHoldFourMebicharacters() {
        Instant now = Times.now();
        String payload = "{\"log\":\"" + "x".repeat(1024 * 1024) + "\"}";

        long writtenBeforeTheEnd = inTransaction(() -> {
            for (int i = 0; i < 5; i++) {
                ledger.newDeliveries.add(new Delivery(
                        Ids.next("dlv"),
                        "ten_a",
                        EVENT,
                        "wh_" + i,
                        "build.finished",
                        payload,
                        null,
                        null,
                        null,
                        1,
                        now));
            }
            long written = em.createQuery("SELECT COUNT(d) FROM Delivery d", Long.class)
                    .getSingleResult();
            ledger.newDeliveries.write();
            return written;
        });

        assertEquals(4, writtenBeforeTheEnd); // the fourth passed 4 Mi characters
    }

    /**
     * A large payload is not copied into its delivery (a thousand deliveries of a 1 MiB event were
     * a GiB written in its publish's transaction): an attempt, and the API, get it rendered from
     * the event, the same text fan-out made.
     */
    @Test
    void aLargePayloadIsRenderedFromItsEventNotCopied() {
        JsonObject data = Jsons.object()
                .add("log", "\u00fc\"\\x\u2603".repeat(1000))
                .add("n", 1.5)
                .add("nested", Jsons.object().add("a", JsonValue.NULL))
                .build();
        Instant at = Times.now();
        String eventId = Ids.next("evt");
        inTransaction(() -> em.persist(new Event(
                eventId,
                "ten_b",
                "build.finished",
                "rel/1",
                data.toString(),
                at,
                100,
                "0".repeat(64),
                "2".repeat(64))));
        RecordedEvent event =
                new RecordedEvent(eventId, "ten_b", "build.finished", "rel/1", data, at, 100, false, true);
        DeliveryPayloads payloads = new DeliveryPayloads();
        payloads.em = em;
        DeliveryQueries queries = new DeliveryQueries();
        queries.em = em;
        queries.payloads = payloads;

        for (boolean dataBody : new boolean[] {false, true}) {
            String deliveryId = Ids.next("dlv");
            String body = Payloads.body(Payloads.of(deliveryId, event), dataBody);
            Payloads.Kept kept = Payloads.Kept.rendered(dataBody);
            inTransaction(() -> {
                ledger.newDeliveries.add(new Delivery(
                        deliveryId,
                        "ten_b",
                        eventId,
                        "wh_1",
                        "build.finished",
                        kept.copy(),
                        kept.form(),
                        "rel/1",
                        null,
                        100,
                        Times.now()));
                ledger.newDeliveries.write();
            });

            Delivery stored = stored(deliveryId);
            assertNull(stored.payload(), "no copy");
            Payload forAttempt = payloads.forAttempt(deliveryId);
            assertEquals(body.length(), forAttempt.chars(), "weighed before it is read");
            assertEquals(body, forAttempt.text(), "read for an attempt");
            List<Long> weighed = new ArrayList<>();
            DeliveryView whole = queries.withoutAttempts("ten_b", deliveryId, (chars, tooLarge) -> weighed.add(chars));
            assertEquals(body, whole.payload(), "read whole");
            assertEquals(List.of((long) body.length()), weighed, "weighed before it is read: no attempt yet");
            ConflictException refused = assertThrows(
                    ConflictException.class,
                    () -> queries.withoutAttempts("ten_b", deliveryId, (chars, tooLarge) -> {
                        throw tooLarge.apply(1024);
                    }));
            assertTrue(
                    refused.getMessage().contains("GET /webhooks/wh_1/deliveries lists its latest"),
                    refused.getMessage());
        }
        Delivery copied = add("ten_a", null, 1, "{\"n\":\"\u00fc\"}");
        assertEquals(9, payloads.forAttempt(copied.id()).chars());
        assertEquals("{\"n\":\"\u00fc\"}", payloads.forAttempt(copied.id()).text());
    }

    /**
     * A transaction copies payloads up to what a claim reads with it, and 1 Mi characters of them
     * in all; the rest are rendered from their events. While an instance from before is alive,
     * everything is copied, as that instance can only send copies.
     */
    @Test
    void aTransactionCopiesPayloadsUpToABoundAndEverythingWhileAnOlderInstanceIsAlive() {
        boolean[] allRender = {true};
        ledger.newDeliveries.instances = new Instances() {
            @Override
            public boolean allRenderPayloads() {
                return allRender[0];
            }
        };
        String largest = "x".repeat(DeliveryLedger.PAYLOAD_READ_WITH_CLAIM);
        inTransaction(() -> {
            assertEquals(Payloads.Kept.rendered(false), ledger.newDeliveries.keep(largest + "x", false));
            for (int i = 0; i < NewDeliveries.COPIED_A_TRANSACTION / largest.length(); i++) {
                assertNull(ledger.newDeliveries.keep(largest, false).form(), "copied");
            }
            assertEquals(Payloads.Kept.rendered(true), ledger.newDeliveries.keep("{}", true), "1 Mi copied");
        });
        ledger.newDeliveries.transaction = new OneTransaction(); // the next transaction's
        inTransaction(
                () -> assertEquals(Payloads.Kept.copied("{}"), ledger.newDeliveries.keep("{}", true), "a new one"));
        allRender[0] = false;
        ledger.newDeliveries.transaction = new OneTransaction();
        inTransaction(() -> {
            String huge = "x".repeat(NewDeliveries.COPIED_A_TRANSACTION + 1);
            assertNull(ledger.newDeliveries.keep(huge, false).form(), "copied");
        });
    }

    @Test
    void anOrderedSubjectsLaterDeliveryWaitsUntilTheEarlierOneIsDone() {
        Delivery earlier = add("ten_a", "wh_1|rel_1", 1);
        Delivery later = add("ten_a", "wh_1|rel_1", 2);
        Delivery otherSubject = add("ten_a", "wh_1|rel_2", 3);

        List<Claim> claims = inTransaction(() -> ledger.claimDue(10, Set.of()));

        assertEquals(
                List.of(earlier.id(), otherSubject.id()),
                claims.stream().map(Claim::deliveryId).toList());
        assertTrue(inTransaction(() -> ledger.hasPending("wh_1|rel_1")));
        assertEquals(
                Optional.empty(),
                inTransaction(() -> ledger.claimNextInOrder("wh_1|rel_1")),
                "the earlier one is still pending, and claimed");

        inTransaction(() -> ledger.abandon(claims.get(0), "gone for good"));
        Optional<Claim> next = inTransaction(() -> ledger.claimNextInOrder("wh_1|rel_1"));

        assertEquals(later.id(), next.orElseThrow().deliveryId());
        assertEquals(DeliveryStatus.FAILED, stored(earlier.id()).status());
        assertEquals("gone for good", stored(earlier.id()).lastError());
    }

    /**
     * An ordered subject's backlog (its endpoint was down; a backfill queues up to 10,000 under
     * one key) is taken up a delivery at a time, and finding the next reads the subject's first
     * pending rows, not the backlog: on an index that stopped at the status it read and sorted
     * every pending delivery of the subject each time, the backlog's length squared in all.
     */
    @Test
    void anOrderedSubjectsNextDeliveryIsFoundWithoutReadingItsBacklog() throws Exception {
        List<Delivery> backlog = new ArrayList<>();
        for (int sequence = 1; sequence <= 300; sequence++) {
            backlog.add(add("ten_a", "wh_1|backlog", sequence));
        }
        List<Claim> claims = inTransaction(() -> ledger.claimDue(10, Set.of()));
        assertEquals(
                List.of(backlog.get(0).id()),
                claims.stream().map(Claim::deliveryId).toList());
        inTransaction(() -> ledger.abandon(claims.get(0), "gone for good"));
        statements.take();

        Optional<Claim> next = inTransaction(() -> ledger.claimNextInOrder("wh_1|backlog"));

        assertEquals(backlog.get(1).id(), next.orElseThrow().deliveryId());
        List<RecordedStatements.Run> reads = statements.take().stream()
                .filter(run -> run.sql().startsWith("SELECT"))
                .toList();
        assertEquals(1, reads.size(), "one read: " + reads);
        int read = statements.rowsRead(reads.get(0));
        assertTrue(read <= 2, read + " rows read by " + reads.get(0).sql());
    }

    /**
     * An ordered subject's waiting deliveries are set aside out of every claim's way, so that
     * one tenant's backlog behind an endpoint that is down costs other tenants' claims nothing;
     * the next is made due by the worker ending the one before it, and by the pump's next
     * sorting when that one ended elsewhere; their order is kept throughout.
     */
    @Test
    void anOrderedSubjectsWaitingDeliveriesAreSetAsideUntilTheirTurn() throws Exception {
        List<Delivery> backlog = new ArrayList<>();
        for (int sequence = 1; sequence <= 300; sequence++) {
            backlog.add(add("ten_a", "wh_1|down", sequence));
        }
        Claim head = inTransaction(() -> ledger.claimDue(10, Set.of())).get(0);
        assertEquals(backlog.get(0).id(), head.deliveryId());
        inTransaction(() -> ledger.hold(head, Times.now().plus(Duration.ofHours(1)))); // its retry, later

        assertArrayEquals(new int[] {299, 0}, inTransaction(() -> ledger.sortTurns(Times.now())));
        Delivery setAside = stored(backlog.get(1).id());
        assertEquals(Delivery.SET_ASIDE_UNTIL_ITS_TURN, setAside.nextAttemptAt());
        DeliveryQueries queries = new DeliveryQueries();
        queries.em = em;
        queries.payloads = new DeliveryPayloads();
        queries.payloads.em = em;
        assertEquals(
                setAside.createdAt(),
                queries.withoutAttempts("ten_a", setAside.id(), ReadRoom.NONE).nextAttemptAt(),
                "the API shows when it was made, not the time set aside");
        Delivery otherTenants = add("ten_b", null, 301);
        statements.take();
        List<Claim> claims = inTransaction(() -> ledger.claimDue(10, Set.of()));
        assertEquals(
                List.of(otherTenants.id()),
                claims.stream().map(Claim::deliveryId).toList());
        for (RecordedStatements.Run run : statements.take()) {
            if (run.sql().startsWith("SELECT")) {
                int read = statements.rowsRead(run);
                assertTrue(read <= 25, read + " rows read to claim beside 299 waiting: " + run.sql());
            }
        }
        assertArrayEquals(new int[] {0, 0}, inTransaction(() -> ledger.sortTurns(Times.now())), "nothing to sort");

        // The head ends on a worker, which takes up the next at once, set aside as it was.
        inTransaction(() ->
                change(backlog.get(0), "d.nextAttemptAt = :value", Times.now().minusSeconds(1)));
        Claim retried = inTransaction(() -> ledger.claimDue(10, Set.of())).get(0);
        inTransaction(() -> ledger.abandon(retried, "gone for good"));
        Claim second = inTransaction(() -> ledger.claimNextInOrder("wh_1|down")).orElseThrow();
        assertEquals(backlog.get(1).id(), second.deliveryId());
        assertFalse(stored(second.deliveryId()).nextAttemptAt().isAfter(Times.now()), "due, should its claim run out");

        // The second ends elsewhere (here: deleted): the next sorting makes the third due, only it.
        inTransaction(() -> em.createQuery("DELETE FROM Delivery d WHERE d.id = :id")
                .setParameter("id", second.deliveryId())
                .executeUpdate());
        assertArrayEquals(new int[] {0, 1}, inTransaction(() -> ledger.sortTurns(Times.now())));
        assertEquals(
                List.of(backlog.get(2).id()),
                inTransaction(() -> ledger.claimDue(10, Set.of())).stream()
                        .map(Claim::deliveryId)
                        .toList());
        assertEquals(
                Delivery.SET_ASIDE_UNTIL_ITS_TURN, stored(backlog.get(3).id()).nextAttemptAt());
    }

    @Test
    void aHeldDeliveryIsLeftAloneUntilItsTime() {
        Delivery held = add("ten_a", null, 1);
        Claim claim = inTransaction(() -> ledger.claimDue(10, Set.of())).get(0);

        inTransaction(() -> ledger.hold(claim, Times.now().plus(Duration.ofHours(1))));

        assertNull(stored(held.id()).claimToken(), "the claim is given up");
        assertEquals(List.of(), inTransaction(() -> ledger.claimDue(10, Set.of())));
        assertEquals(DeliveryStatus.PENDING, stored(held.id()).status());
    }

    @Test
    void aClaimThatIsNoLongerTheWorkersChangesNothing() {
        Delivery delivery = add("ten_a", null, 1);
        Claim claim = inTransaction(() -> ledger.claimDue(10, Set.of())).get(0);
        Claim stale = new Claim(claim.deliveryId(), claim.tenantId(), DeliveryLedger.newToken());

        inTransaction(() -> ledger.abandon(stale, "not mine"));
        inTransaction(() -> ledger.hold(stale, Times.now().plus(Duration.ofHours(1))));

        Delivery stored = stored(delivery.id());
        assertEquals(DeliveryStatus.PENDING, stored.status());
        assertEquals(claim.token(), stored.claimToken());
    }

    @Test
    void aRedeliveryIsClaimedUnderTheSameIdForItsTenantOnly() {
        Delivery delivery = add("ten_a", null, 1);
        Claim claim = inTransaction(() -> ledger.claimDue(10, Set.of())).get(0);
        inTransaction(() -> ledger.abandon(claim, "failed"));

        assertThrows(NotFoundProblem.class, () -> inTransaction(() -> ledger.redeliver("ten_b", delivery.id())));
        Claim again = inTransaction(() -> ledger.redeliver("ten_a", delivery.id()));

        assertEquals(delivery.id(), again.deliveryId());
        assertEquals(DeliveryStatus.PENDING, stored(delivery.id()).status());
        assertFalse(again.token().equals(claim.token()));
    }

    /**
     * A redelivery claims its delivery at once, past the pump's order: a later delivery of an
     * ordered subject redelivered while an earlier one is pending would overtake it. It is
     * refused, naming the earlier one; once that one is done, it is redelivered.
     */
    @Test
    void aLaterDeliveryOfAnOrderedSubjectIsNotRedeliveredBeforeAnEarlierPendingOne() {
        Delivery earlier = add("ten_a", "wh_1|rel_9", 1);
        Delivery later = add("ten_a", "wh_1|rel_9", 2);

        ConflictException refused =
                assertThrows(ConflictException.class, () -> inTransaction(() -> ledger.redeliver("ten_a", later.id())));
        assertTrue(refused.getMessage().contains("behind delivery " + earlier.id()), refused.getMessage());
        assertEquals(null, stored(later.id()).claimToken(), "not claimed");

        Claim first = inTransaction(() -> ledger.claimDue(10, Set.of())).get(0);
        inTransaction(() -> ledger.abandon(first, "failed"));
        assertEquals(
                later.id(),
                inTransaction(() -> ledger.redeliver("ten_a", later.id())).deliveryId());
        assertEquals(
                earlier.id(),
                inTransaction(() -> ledger.redeliver("ten_a", earlier.id())).deliveryId());
    }

    /** A delivery's view reads its whole attempts list: redeliveries and replays stop adding to it at 1,000. */
    @Test
    void aDeliveryAttemptedAThousandTimesIsNeitherRedeliveredNorReplayed() {
        Delivery delivery = add("ten_a", null, 1);
        Claim claim = inTransaction(() -> ledger.claimDue(10, Set.of())).get(0);
        inTransaction(() -> ledger.abandon(claim, "failed"));
        inTransaction(() -> change(delivery, "d.attemptCount = :value", DeliveryLedger.MOST_ATTEMPTS - 1));
        inTransaction(() -> ledger.redeliver("ten_a", delivery.id()));
        inTransaction(() -> change(delivery, "d.attemptCount = :value", DeliveryLedger.MOST_ATTEMPTS));
        inTransaction(() -> change(delivery, "d.claimedUntil = :value", null));
        inTransaction(() -> change(delivery, "d.status = :value", DeliveryStatus.FAILED));
        em.clear(); // as a new request finds it

        ConflictException refused = assertThrows(
                ConflictException.class, () -> inTransaction(() -> ledger.redeliver("ten_a", delivery.id())));
        assertTrue(refused.getMessage().contains("attempted 1000 times"), refused.getMessage());
        assertEquals(
                0,
                inTransaction(() -> ledger.replay(
                                "ten_a", "wh_1", Times.now().minus(Duration.ofDays(1)), DeliveryStatus.FAILED)
                        .count()));
        assertEquals(DeliveryStatus.FAILED, stored(delivery.id()).status());
    }

    /**
     * One replay makes at most 10,000 deliveries due again, oldest first, up to the instant of the
     * first it leaves out, and names that instant to go on from; replayed from there, the rest are
     * taken, none of the first again (which, sent and succeeded again, a replay of succeeded
     * deliveries from the same time would take again). The last 60 share one instant, as a
     * backfill's deliveries do, across the 10,000th.
     */
    @Test
    void aReplayMakesAtMostTenThousandDeliveriesDueAndNamesWhereTheRestBegin() {
        int succeeded = DeliveryLedger.MOST_REPLAYED + 50;
        int sharedFrom = DeliveryLedger.MOST_REPLAYED - 10;
        Instant first = Times.now().minusSeconds(60);
        inTransaction(() -> {
            for (int i = 0; i < succeeded; i++) {
                em.persist(new Delivery(
                        Ids.next("dlv"),
                        "ten_a",
                        EVENT,
                        "wh_1",
                        "build.finished",
                        "{}",
                        null,
                        null,
                        null,
                        1,
                        first.plusMillis(Math.min(i, sharedFrom))));
            }
        });
        markAll(DeliveryStatus.SUCCEEDED);
        Instant since = first.minus(Duration.ofDays(1));

        DeliveryLedger.Replayed taken =
                inTransaction(() -> ledger.replay("ten_a", "wh_1", since, DeliveryStatus.SUCCEEDED));
        assertEquals(sharedFrom, taken.count());
        assertEquals(Optional.of(first.plusMillis(sharedFrom)), taken.nextSince());

        markAll(DeliveryStatus.SUCCEEDED); // sent, and succeeded again
        DeliveryLedger.Replayed rest = inTransaction(
                () -> ledger.replay("ten_a", "wh_1", taken.nextSince().orElseThrow(), DeliveryStatus.SUCCEEDED));
        assertEquals(succeeded - sharedFrom, rest.count());
        assertEquals(Optional.empty(), rest.nextSince());
    }

    private void markAll(DeliveryStatus status) {
        inTransaction(() -> em.createQuery("UPDATE Delivery d SET d.status = :status")
                .setParameter("status", status)
                .executeUpdate());
    }

    private Delivery add(String tenantId, String orderingKey, long eventSequence) {
        return add(tenantId, orderingKey, eventSequence, "{}");
    }

    private Delivery add(String tenantId, String orderingKey, long eventSequence, String payload) {
        Delivery delivery = new Delivery(
                Ids.next("dlv"),
                tenantId,
                EVENT,
                "wh_1",
                "build.finished",
                payload,
                null,
                null,
                orderingKey,
                eventSequence,
                Times.now().minusSeconds(1));
        inTransaction(() -> em.persist(delivery));
        return delivery;
    }

    private Delivery stored(String id) {
        em.clear();
        return em.find(Delivery.class, id);
    }

    private void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    private <T> T inTransaction(Supplier<T> work) {
        em.getTransaction().begin();
        try {
            T result = work.get();
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
        }
    }
}
