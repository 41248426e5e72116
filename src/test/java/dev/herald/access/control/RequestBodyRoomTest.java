package dev.herald.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.access.control.RequestBodyRoom.Holder;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.TenantShares;
import dev.herald.problems.TooManyRequestsProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestBodyRoomTest {

    private static final long LARGEST = 8 * 1024 * 1024;
    private static final Holder T1 = new Holder("t1", "this tenant");
    private static final Holder T2 = new Holder("t2", "this tenant");

    /** A heap that holds four largest batches at their heaviest, as the instance takes at most. */
    private static final long LARGE_HEAP = 16L << 30;

    private final RequestBodyRoom room = new RequestBodyRoom();

    @BeforeEach
    void shareTheLargestBatch() {
        room.createShares(LARGEST, LARGE_HEAP);
    }

    /** An eighth of a share, and never more than 4 Mi characters, whoever reads (API or console). */
    @Test
    void aReadInBatchesHoldsAnEighthOfAShareAtOnce() {
        assertEquals(1024 * 1024, room.readBatchChars());
        RequestBodyRoom suites = new RequestBodyRoom();
        suites.createShares(256 * 1024, LARGE_HEAP);
        assertEquals(32 * 1024, suites.readBatchChars());
        RequestBodyRoom large = new RequestBodyRoom();
        large.createShares(256L * 1024 * 1024, LARGE_HEAP);
        assertEquals(ReadRoom.BATCH_CHARS, large.readBatchChars());
    }

    @Test
    void aSmallBodyTakesNoRoomEvenWhenItsHolderHasNoneLeft() {
        try (TenantShares.Place largest = room.takeDeclared(T1, LARGEST).orElseThrow()) {
            assertTrue(room.takeDeclared(T1, RequestBodyRoom.UNCOUNTED_BYTES).isEmpty());
            assertThrows(
                    TooManyRequestsProblem.class, () -> room.takeDeclared(T1, RequestBodyRoom.UNCOUNTED_BYTES + 1));
        }
    }

    @Test
    void aHolderHasOneLargestBodyInProgressAtATimeOrManySmallerOnesWithinThat() {
        TenantShares.Place largest = room.takeDeclared(T1, LARGEST).orElseThrow();
        var refused = assertThrows(TooManyRequestsProblem.class, () -> room.takeDeclared(T1, 20_000));
        assertTrue(refused.getMessage().contains("this tenant"), refused.getMessage());
        room.takeDeclared(T2, LARGEST).orElseThrow().close(); // another tenant is not held back
        largest.close();

        List<TenantShares.Place> singles = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            singles.add(room.takeDeclared(T1, 1024 * 1024).orElseThrow());
        }
        assertThrows(TooManyRequestsProblem.class, () -> room.takeDeclared(T1, 20_000));
        singles.forEach(TenantShares.Place::close);
        room.takeDeclared(T1, LARGEST).orElseThrow().close();
    }

    /**
     * Unauthenticated calls share one holder's room apart from the instance's four: inside them, a
     * tenant's own calls, its integration's and calls to an integration that does not exist held
     * three of the four shares, and every other tenant shared the last.
     */
    @Test
    void theUnauthenticatedShareIsApartFromTheInstancesFour() {
        List<TenantShares.Place> places = new ArrayList<>();
        places.add(room.takeDeclared(RequestBodyRoom.UNAUTHENTICATED, LARGEST).orElseThrow());
        for (int tenant = 0; tenant < RequestBodyRoom.SHARES_AT_ONCE; tenant++) {
            places.add(room.takeDeclared(new Holder("t" + tenant, "this tenant"), LARGEST)
                    .orElseThrow());
        }
        assertThrows(
                TooManyRequestsProblem.class,
                () -> room.takeDeclared(RequestBodyRoom.UNAUTHENTICATED, 20_000),
                "its own share is full");
        places.forEach(TenantShares.Place::close);
    }

    @Test
    void theInstanceTakesFourHoldersSharesAtOnceAndGivesThemBack() {
        List<TenantShares.Place> places = new ArrayList<>();
        for (int tenant = 0; tenant < RequestBodyRoom.SHARES_AT_ONCE; tenant++) {
            places.add(room.takeDeclared(new Holder("t" + tenant, "this tenant"), LARGEST)
                    .orElseThrow());
        }
        Holder late = new Holder("t9", "this tenant");
        var refused = assertThrows(TooManyRequestsProblem.class, () -> room.takeDeclared(late, 20_000));
        assertEquals(1, refused.retryAfterSeconds());
        assertTrue(refused.getMessage().contains("as many large request bodies"), refused.getMessage());

        places.remove(0).close();
        room.takeDeclared(late, LARGEST).orElseThrow().close();
        // The refused attempt gave its tenant's share back: t9 could take all of it just now.
        places.forEach(TenantShares.Place::close);
    }

    /**
     * What the instance works on at once (bodies being parsed, pages being read) is what half its
     * heap holds of bodies at their heaviest: with the README's 320 MiB, one 8 MiB batch at a time
     * (four at once ran that heap out and closed H2's database); with 1 GiB, three; never less
     * than one, never more than four. Bodies arriving are their bytes: four holders' at once
     * whatever the heap, so one tenant's slow upload keeps nobody else's body from being worked on.
     */
    @Test
    void theInstanceWorksOnAsManySharesAsHalfItsHeapHoldsAndTakesFourArriving() {
        assertEquals(1, sharesAtOnce(320L << 20, Room::working));
        assertEquals(1, sharesAtOnce(64L << 20, Room::working));
        assertEquals(3, sharesAtOnce(1L << 30, Room::working));
        assertEquals(RequestBodyRoom.SHARES_AT_ONCE, sharesAtOnce(16L << 30, Room::working));
        assertEquals(RequestBodyRoom.SHARES_AT_ONCE, sharesAtOnce(320L << 20, Room::arriving));

        RequestBodyRoom small = new RequestBodyRoom();
        small.createShares(LARGEST, 320L << 20);
        try (TenantShares.Place upload = small.takeDeclared(T1, LARGEST).orElseThrow();
                TenantShares.Place parsed = Room.working(small, T2)) {
            assertThrows(
                    TooManyRequestsProblem.class, () -> Room.working(small, T1), "the instance's working room is full");
        }
    }

    /** Takes a largest body's room of one kind. */
    private interface Room {
        TenantShares.Place take(RequestBodyRoom room, Holder holder);

        static TenantShares.Place working(RequestBodyRoom room, Holder holder) {
            return room.takeForRead(holder, LARGEST, most -> new IllegalStateException("more than " + most))
                    .orElseThrow();
        }

        static TenantShares.Place arriving(RequestBodyRoom room, Holder holder) {
            return room.takeDeclared(holder, LARGEST).orElseThrow();
        }
    }

    /** How many tenants' largest bodies the room takes at once under a heap of this size. */
    private static int sharesAtOnce(long maxHeapBytes, Room kind) {
        RequestBodyRoom sized = new RequestBodyRoom();
        sized.createShares(LARGEST, maxHeapBytes);
        List<TenantShares.Place> places = new ArrayList<>();
        try {
            while (places.size() < 10) {
                places.add(kind.take(sized, new Holder("t" + places.size(), "this tenant")));
            }
        } catch (TooManyRequestsProblem full) {
            assertTrue(full.getMessage().contains("as many large request bodies"), full.getMessage());
        }
        places.forEach(TenantShares.Place::close);
        return places.size();
    }

    @Test
    void aDeclaredLengthBeyondTheLargestAllowedTakesOneWholeShareAndIsLeftToTheSizeLimit() {
        try (TenantShares.Place excessive =
                room.takeDeclared(T1, Long.MAX_VALUE).orElseThrow()) {
            assertThrows(TooManyRequestsProblem.class, () -> room.takeDeclared(T1, 20_000));
        }
        room.takeDeclared(T1, LARGEST).orElseThrow().close();
    }

    @Test
    void aBodyOfUnknownLengthTakesRoomAsItArrivesAndIsRefusedWhenItOutgrowsIt() throws IOException {
        TenantShares.Place held = room.takeDeclared(T1, LARGEST - 100 * 1024).orElseThrow();
        TenantShares.Place growing = room.emptyRoom(T1);
        InputStream body = room.metered(T1, new ByteArrayInputStream(new byte[200 * 1024]), growing);
        body.readNBytes(RequestBodyRoom.UNCOUNTED_BYTES); // free
        body.readNBytes(48 * 1024); // counted from the first byte: one step of 64 KiB fits the 100 KiB left
        assertThrows(TooManyRequestsProblem.class, () -> body.readNBytes(1)); // a second step does not
        growing.close();
        held.close();
        room.takeDeclared(T1, LARGEST).orElseThrow().close(); // all of it given back
    }

    @Test
    void aBodyOfUnknownLengthNeverTakesMoreThanAShareSoTheSizeLimitAnswersIt() throws IOException {
        TenantShares.Place growing = room.emptyRoom(T1);
        InputStream body = room.metered(T1, new ByteArrayInputStream(new byte[(int) LARGEST + 4096]), growing);
        assertEquals(LARGEST + 4096, body.readAllBytes().length);
        assertThrows(TooManyRequestsProblem.class, () -> room.takeDeclared(T1, 20_000));
        growing.close();
        growing.close(); // a second close gives nothing twice
        room.takeDeclared(T1, LARGEST).orElseThrow().close();
        try (TenantShares.Place full = room.takeDeclared(T1, LARGEST).orElseThrow()) {
            assertThrows(TooManyRequestsProblem.class, () -> room.takeDeclared(T1, 20_000));
        }
    }
}
