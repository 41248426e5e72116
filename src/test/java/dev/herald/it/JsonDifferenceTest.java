package dev.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JsonDifferenceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String first(String expected, String actual) {
        return JsonDifference.first(JSON.readTree(expected), JSON.readTree(actual));
    }

    @Test
    void equalDocumentsHaveNoDifferenceWhateverTheirMemberOrder() {
        assertEquals("", first("{\"a\":1,\"b\":[1,{\"c\":true}]}", "{\"b\":[1,{\"c\":true}],\"a\":1}"));
    }

    @Test
    void theFirstDifferenceIsNamedByItsPointer() {
        assertEquals(
                "/b/1/c: true in the first, false in the second",
                first("{\"a\":1,\"b\":[1,{\"c\":true}]}", "{\"a\":1,\"b\":[1,{\"c\":false}]}"));
        assertEquals(
                "/paths/~1api~1v1: absent in the first, present in the second",
                first("{\"paths\":{}}", "{\"paths\":{\"/api/v1\":{}}}"));
        assertEquals("/a: [1,2] in the first, [1] in the second", first("{\"a\":[1,2]}", "{\"a\":[1]}"));
    }
}
