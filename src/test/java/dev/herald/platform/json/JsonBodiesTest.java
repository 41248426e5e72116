package dev.herald.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.problems.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    private static String problemWith(String body) {
        var error = assertThrows(
                InvalidInputException.class, () -> JsonBodies.parseObject(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals("body", error.errors().get(0).field());
        return error.errors().get(0).message();
    }

    @Test
    void readsAnObject() {
        assertEquals(
                "b",
                JsonBodies.parseObject("{\"a\":\"b\"}".getBytes(StandardCharsets.UTF_8))
                        .getString("a"));
    }

    @Test
    void saysWhereMalformedJsonBreaks() {
        assertTrue(problemWith("{\"a\": \n tru}").contains("line 2"));
    }

    @Test
    void refusesEmptyBodiesAndNonObjects() {
        assertTrue(problemWith("").contains("empty"));
        assertTrue(problemWith("[1,2]").contains("an array"));
        assertTrue(problemWith("\"text\"").contains("a string"));
    }
}
