package dev.herald.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.problems.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonShapeTest {

    private static Optional<String> problem(String json) {
        return JsonShape.problemWith(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ordinaryDocumentsPass() {
        assertEquals(Optional.empty(), problem("{\"a\":[1,-2.5e10,{\"b\":\"x{[\\\"]}\"}],\"c\":1E-7}"));
        assertEquals(Optional.empty(), problem("[".repeat(JsonShape.MAX_DEPTH) + "]".repeat(JsonShape.MAX_DEPTH)));
    }

    /**
     * A value parsed weighs tens of bytes whatever its text: {@code [0,0,0,…]} in an 8 MiB batch
     * parsed into about 300 MB, the whole heap every tenant shares. Past the first few thousand
     * values, a body may hold one value per three bytes; ordinary events hold far fewer.
     */
    @Test
    void valuesPackedDenserThanOneInThreeBytesAreRefusedOrdinaryEventsPass() {
        String zeros = "{\"data\":{\"a\":[" + "0,".repeat(200_000) + "0]}}";
        assertTrue(
                problem(zeros).orElseThrow().contains("values in"),
                problem(zeros).orElseThrow());
        String ones = "{\"data\":{\"a\":[" + "1,-2,".repeat(100_000) + "3]}}";
        assertTrue(problem(ones).isPresent(), "two and a half bytes a value");
        assertEquals(Optional.empty(), problem("[" + "0,".repeat(16_000) + "0]"), "sixteen thousand always pass");
        assertEquals(
                Optional.empty(), problem("{\"points\":[" + "[1,2],".repeat(10_000) + "[3,4]]}"), "60 KB of pairs");
        String event =
                "{\"type\":\"build.finished\",\"subject\":\"b-1\",\"data\":{\"id\":\"evt_123\",\"n\":1,\"ok\":true,"
                        + "\"steps\":[12,345,6789],\"tags\":[\"a\",\"bc\"]}}";
        String batch = "{\"events\":[" + (event + ",").repeat(5000) + event + "]}";
        assertEquals(Optional.empty(), problem(batch), "dense, ordinary events, 5,001 of them");
    }

    @Test
    void deepNestingIsRefusedBeforeParsing() {
        assertTrue(problem("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")
                .orElseThrow()
                .contains("deeper"));
    }

    @Test
    void bracketsInsideStringsDoNotCount() {
        assertEquals(Optional.empty(), problem("{\"a\":\"" + "[{".repeat(5000) + "\"}"));
    }

    @Test
    void absurdNumbersAreRefused() {
        assertTrue(problem("{\"n\":" + "9".repeat(5000) + "}").orElseThrow().contains("more than"));
        assertTrue(problem("{\"n\":1e999999999}").orElseThrow().contains("exponent"));
        assertTrue(problem("{\"n\":1E-401}").isPresent());
        assertEquals(Optional.empty(), problem("{\"n\":1e308,\"m\":-1e-300}"));
    }

    @Test
    void malformedNumbersAreLeftToTheParserToReport() {
        for (String malformed : new String[] {"1e.5", "1e1.5", "1eE", "1e+-2", "1e"}) {
            assertEquals(Optional.empty(), problem("{\"n\":" + malformed + "}"), malformed);
            var error = assertThrows(
                    InvalidInputException.class,
                    () -> JsonBodies.parseObject(("{\"n\":" + malformed + "}").getBytes(StandardCharsets.UTF_8)),
                    malformed);
            assertEquals("body", error.errors().get(0).field());
        }
    }

    @Test
    void theReaderAnswersAFieldErrorForEach() {
        var error = assertThrows(
                InvalidInputException.class,
                () -> JsonBodies.parseObject(("{\"n\":1e999999999}").getBytes(StandardCharsets.UTF_8)));
        assertEquals("body", error.errors().get(0).field());
    }
}
