package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(EventMatcher.filtersPass(
                List.of(
                        new Filter("data.channel", TextComparison.EQUALS, "stable"),
                        new Filter("data.version", TextComparison.MATCHES, "^1\\.\\d+\\.\\d+$"),
                        new Filter("subject", TextComparison.CONTAINS, "rel")),
                PAYLOAD));
        assertFalse(EventMatcher.filtersPass(
                List.of(
                        new Filter("data.channel", TextComparison.EQUALS, "stable"),
                        new Filter("data.channel", TextComparison.EQUALS, "beta")),
                PAYLOAD));
        assertTrue(EventMatcher.filtersPass(List.of(), PAYLOAD));
    }

    @Test
    void readsNestedNumbersAndBooleansAsJsonTextAndMissingPathsFail() {
        assertEquals("42", EventMatcher.textAt(PAYLOAD, "data.build.number"));
        assertEquals("true", EventMatcher.textAt(PAYLOAD, "data.build.green"));
        assertNull(EventMatcher.textAt(PAYLOAD, "data.build"));
        assertNull(EventMatcher.textAt(PAYLOAD, "data.nothing.here"));
        assertFalse(
                EventMatcher.filtersPass(List.of(new Filter("data.missing", TextComparison.CONTAINS, "")), PAYLOAD));
    }

    @Test
    void splitsFiltersAtTheFieldsSetWhenTheEventIsChained() {
        var arriving = new dev.herald.events.control.EventArriving(
                "evt_1", "ten_1", "release.created", "rel_1", PAYLOAD.getJsonObject("data"));
        JsonObject known = Payloads.beforeChaining(arriving);
        List<Filter> filters = List.of(
                new Filter("data.channel", TextComparison.EQUALS, "stable"),
                new Filter("timestamp", TextComparison.MATCHES, "^2026-"));
        assertTrue(EventMatcher.filtersPassBeforeChaining(filters, known), "the timestamp filter waits");
        assertFalse(EventMatcher.filtersPassBeforeChaining(
                List.of(new Filter("data.channel", TextComparison.EQUALS, "beta")), known));

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
        assertTrue(EventMatcher.filtersPassAfterChaining(filters, payload));
        assertFalse(
                EventMatcher.filtersPassAfterChaining(
                        List.of(
                                new Filter("timestamp", TextComparison.MATCHES, "^2025-"),
                                new Filter("data.channel", TextComparison.EQUALS, "beta")),
                        payload),
                "only the chained fields are read after");
        assertTrue(
                EventMatcher.filtersPassAfterChaining(
                        List.of(new Filter("data.channel", TextComparison.EQUALS, "beta")), payload),
                "the rest were read before");
        assertTrue(EventMatcher.filtersPass(filters, payload));
    }
}
