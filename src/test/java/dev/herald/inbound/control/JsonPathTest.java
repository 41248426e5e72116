package dev.herald.inbound.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.herald.platform.json.JsonBodies;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The JSONPath subset integrations filter on: members, quoted members and indexes. */
class JsonPathTest {

    private static final JsonObject DOC = JsonBodies.parseObject(("{\"tag\":\"v1.2\",\"n\":42,\"ok\":true,"
                    + "\"payload\":{\"items\":[{\"name\":\"api\"},{\"name\":\"web\"}],\"odd key\":\"x\"},\"none\":null}")
            .getBytes(StandardCharsets.UTF_8));

    @Test
    void readsMembersQuotedMembersAndIndexes() {
        assertEquals("v1.2", JsonPath.text(DOC, "$.tag"));
        assertEquals("web", JsonPath.text(DOC, "$.payload.items[1].name"));
        assertEquals("api", JsonPath.text(DOC, "$.payload.items[0]['name']"));
        assertEquals("x", JsonPath.text(DOC, "$.payload['odd key']"));
        assertEquals(DOC, JsonPath.parse("$").in(DOC));
    }

    @Test
    void numbersAndBooleansReadAsWrittenAndEverythingElseAsNothing() {
        assertEquals("42", JsonPath.text(DOC, "$.n"));
        assertEquals("true", JsonPath.text(DOC, "$.ok"));
        assertNull(JsonPath.text(DOC, "$.none"));
        assertNull(JsonPath.text(DOC, "$.payload"), "an object is not text");
        assertNotNull(JsonPath.parse("$.payload").in(DOC));
    }

    @Test
    void aPathThatLeadsNowhereFindsNothing() {
        assertNull(JsonPath.text(DOC, "$.missing"));
        assertNull(JsonPath.text(DOC, "$.payload.items[2].name"), "past the end");
        assertNull(JsonPath.text(DOC, "$.tag.deeper"), "into a string");
        assertNull(JsonPath.text(DOC, "$.payload[0]"), "an index into an object");
    }

    @Test
    void onlyTheSubsetParses() {
        assertNull(JsonPath.parse("tag"));
        assertNull(JsonPath.parse(null));
        assertNull(JsonPath.parse("$..tag"));
        assertNull(JsonPath.parse("$.items[*]"));
        assertNull(JsonPath.parse("$.items[?(@.a)]"));
        assertNull(JsonPath.parse("$.a b"));
        // An index beyond an int: refused as a path, not a NumberFormatException (a 500 on save).
        assertNull(JsonPath.parse("$.items[99999999999]"));
        assertNull(JsonPath.parse("$.items[2147483648]"));
        assertNotNull(JsonPath.parse("$.items[999999999]"));
    }
}
