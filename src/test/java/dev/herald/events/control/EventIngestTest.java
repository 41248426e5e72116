package dev.herald.events.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EventIngestTest {

    /**
     * A publish waiting for its batch holds its parsed body, which no other bound counts up to
     * 16 KiB: counted one a publish, 1,024 of a tenant's 16 KiB publishes of dense values held some
     * 600 MB. Each KiB of such a body takes a place, so a tenant's waiting bodies hold 1 MiB of text.
     */
    @Test
    void aWaitingPublishTakesAPlaceForEachKibOfABodyNothingElseCounts() {
        assertEquals(1, EventIngest.placesFor(0));
        assertEquals(1, EventIngest.placesFor(200));
        assertEquals(1, EventIngest.placesFor(1024));
        assertEquals(2, EventIngest.placesFor(1025));
        assertEquals(16, EventIngest.placesFor(16 * 1024));
        assertEquals(1, EventIngest.placesFor(16 * 1024 + 1), "a larger body is counted by the request body room");
        assertEquals(16, EventIngest.placesFor(-1), "chunked: it may be as large as any uncounted body");
    }
}
