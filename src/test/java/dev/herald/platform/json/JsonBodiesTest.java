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

    private static String problemWith(byte[] body) {
        var error = assertThrows(InvalidInputException.class, () -> JsonBodies.parseObject(body));
        assertEquals("body", error.errors().get(0).field());
        return error.errors().get(0).message();
    }

    /**
     * UTF-16 and UTF-32 are not read: the parser guessed them from the bytes, while the shape
     * check reads the bytes as UTF-8 and saw no number in a UTF-16 one, so a 5,000-digit number
     * reached the parser (a 500). Nor are bytes that are not UTF-8.
     */
    @Test
    void onlyUtf8IsRead() {
        String longNumber = "{\"n\":" + "9".repeat(5_000) + "}";
        for (var encoding : java.util.List.of(
                StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, java.nio.charset.Charset.forName("UTF-32"))) {
            assertTrue(
                    problemWith(longNumber.getBytes(encoding)).contains("send JSON encoded as UTF-8"), encoding.name());
            assertTrue(problemWith("{\"a\":1}".getBytes(encoding)).contains("UTF-8"), encoding.name());
        }
        assertTrue(problemWith(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '(', '"', '}'})
                .contains("not UTF-8"));
        // A byte order mark is skipped (RFC 8259 allows it to be ignored).
        byte[] marked = ("\uFEFF{\"a\":\"b\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals("b", JsonBodies.parseObject(marked).getString("a"));
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
