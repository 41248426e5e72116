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
