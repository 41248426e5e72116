package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.text.FilterVerdict;
import dev.herald.platform.text.FilterWork;
import dev.herald.platform.text.TextComparison;
import dev.herald.subscriptions.control.SubscriptionSpec.Filter;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventMatcherTest {

    private static final JsonObject PAYLOAD = Json.createReader(new StringReader(
                    "{\"event\":\"release.created\",\"subject\":\"rel_1\",\"data\":{\"channel\":\"stable\","
                            + "\"version\":\"1.4.2\",\"build\":{\"number\":42,\"green\":true}}}"))
            .readObject();

    @Test
    void matchesExactNamesCategoriesAndEverything() {
        assertTrue(EventMatcher.typeMatches(List.of("release.created"), "release.created"));
        assertTrue(EventMatcher.typeMatches(List.of("approval.*", "release.*"), "release.created"));
        assertTrue(EventMatcher.typeMatches(List.of("*"), "webhook.ping"));
        assertFalse(EventMatcher.typeMatches(List.of("release.published"), "release.created"));
        assertFalse(EventMatcher.typeMatches(List.of("rel.*"), "release.created"), "a category is a whole word");
    }

    @Test
    void appliesEveryFilterToThePayload() {
        assertTrue(passes(
                List.of(
                        new Filter("data.channel", TextComparison.EQUALS, "stable"),
                        new Filter("data.version", TextComparison.MATCHES, "^1\\.\\d+\\.\\d+$"),
                        new Filter("subject", TextComparison.CONTAINS, "rel")),
                PAYLOAD));
        assertFalse(passes(
                List.of(
                        new Filter("data.channel", TextComparison.EQUALS, "stable"),
                        new Filter("data.channel", TextComparison.EQUALS, "beta")),
                PAYLOAD));
        assertTrue(passes(List.of(), PAYLOAD));
    }

    /**
     * A comparison is charged before it runs: one that would cost more than the event's work has
     * left does not run (the pattern below took two seconds over this value), and a cheaper one
     * after it still may; comparisons that each fit run until their sum does not.
     */
    @Test
    void aComparisonTooCostlyForTheEventsWorkDoesNotRunAndCheaperOnesStillMay() {
        JsonObject payload = Json.createObjectBuilder()
                .add("data", Json.createObjectBuilder().add("channel", "stable").add("blob", "a".repeat(65_535) + "9"))
                .build();
        FilterWork work = FilterWork.perEvent();
        assertEquals(
                FilterVerdict.TOO_COSTLY,
                EventMatcher.filtersPass(
                        List.of(new Filter("data.blob", TextComparison.MATCHES, "[a-z]{1,1000}9")), payload, work));
        assertEquals(
                FilterVerdict.PASSES,
                EventMatcher.filtersPass(
                        List.of(
                                new Filter("data.channel", TextComparison.EQUALS, "stable"),
                                new Filter("data.blob", TextComparison.MATCHES, "9$")),
                        payload,
                        work));

        assertEquals(
                FilterVerdict.FAILS,
                EventMatcher.filtersPass(
                        List.of(
                                new Filter("data.blob", TextComparison.MATCHES, "[a-z]{1,1000}9"),
                                new Filter("data.channel", TextComparison.EQUALS, "beta")),
                        payload,
                        work),
                "a cheaper filter that fails decides: the event is not the subscription's");

        List<Filter> wholeValueRead = List.of(new Filter("data.blob", TextComparison.CONTAINS, "9"));
        int passed = 0;
        while (EventMatcher.filtersPass(wholeValueRead, payload, work) == FilterVerdict.PASSES) {
            passed++;
        }
        long eachCost = TextComparison.CONTAINS.cost("a".repeat(65_535) + "9", "9");
        assertTrue(passed > 0 && passed <= FilterWork.PER_EVENT / eachCost, passed + " passed");
        assertEquals(
                FilterVerdict.PASSES,
                EventMatcher.filtersPass(
                        List.of(new Filter("data.channel", TextComparison.EQUALS, "stable")), payload, work),
                "what is left still pays for a short comparison");
    }

    @Test
    void readsNestedNumbersAndBooleansAsJsonTextAndMissingPathsFail() {
        assertEquals("42", EventMatcher.textAt(PAYLOAD, "data.build.number"));
        assertEquals("true", EventMatcher.textAt(PAYLOAD, "data.build.green"));
        assertNull(EventMatcher.textAt(PAYLOAD, "data.build"));
        assertNull(EventMatcher.textAt(PAYLOAD, "data.nothing.here"));
        assertFalse(passes(List.of(new Filter("data.missing", TextComparison.CONTAINS, "")), PAYLOAD));
    }

    @Test
    void splitsFiltersAtTheFieldsSetWhenTheEventIsChained() {
        var arriving = new dev.herald.events.control.EventArriving(
                "evt_1", "ten_1", "release.created", "rel_1", PAYLOAD.getJsonObject("data"));
        JsonObject known = Payloads.beforeChaining(arriving);
        List<Filter> filters = List.of(
                new Filter("data.channel", TextComparison.EQUALS, "stable"),
                new Filter("timestamp", TextComparison.MATCHES, "^2026-"));
        assertTrue(passesBeforeChaining(filters, known), "the timestamp filter waits");
        assertFalse(passesBeforeChaining(List.of(new Filter("data.channel", TextComparison.EQUALS, "beta")), known));

        var recorded = new dev.herald.events.control.RecordedEvent(
                "evt_1",
                "ten_1",
                "release.created",
                "rel_1",
                PAYLOAD.getJsonObject("data"),
                java.time.Instant.parse("2026-12-01T10:00:00Z"),
                1,
                false,
                true);
        JsonObject payload = Payloads.of("dlv_1", recorded);
        assertTrue(passesAfterChaining(filters, payload));
        assertFalse(
                passesAfterChaining(
                        List.of(
                                new Filter("timestamp", TextComparison.MATCHES, "^2025-"),
                                new Filter("data.channel", TextComparison.EQUALS, "beta")),
                        payload),
                "only the chained fields are read after");
        assertTrue(
                passesAfterChaining(List.of(new Filter("data.channel", TextComparison.EQUALS, "beta")), payload),
                "the rest were read before");
        assertTrue(passes(filters, payload));
    }

    private static boolean passes(List<Filter> filters, JsonObject payload) {
        return EventMatcher.filtersPass(filters, payload, FilterWork.perEvent()) == FilterVerdict.PASSES;
    }

    private static boolean passesBeforeChaining(List<Filter> filters, JsonObject known) {
        return EventMatcher.filtersPassBeforeChaining(filters, known, FilterWork.perEvent()) == FilterVerdict.PASSES;
    }

    private static boolean passesAfterChaining(List<Filter> filters, JsonObject payload) {
        return EventMatcher.filtersPassAfterChaining(filters, payload, FilterWork.perEvent()) == FilterVerdict.PASSES;
    }
}
