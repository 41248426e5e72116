package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.herald.platform.json.Jsons;
import dev.herald.problems.FieldError;
import dev.herald.problems.InvalidInputException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A backfill's {@code types} are matched against every event of the history it reads, so they
 * are bounded as a subscription's {@code events} are: a body of 200,000 {@code .*} patterns, read
 * unchecked, made one call some 2×10⁹ comparisons.
 */
class RedeliveryInputTest {

    @Test
    void aBackfillsTypesAreBoundedAsASubscriptionsEvents() {
        assertEquals(List.of("types"), refused(IntStream.range(0, 101).mapToObj(i -> "t" + i + ".*")));
        assertEquals(List.of("types"), refused(IntStream.range(0, 200_000).mapToObj(i -> ".*")));
        assertEquals(List.of("types"), refused(List.of("build.*", "build.*").stream()));
        assertEquals(List.of("types[1]"), refused(List.of("build.*", "b".repeat(101)).stream()));

        var accepted = RedeliveryInput.backfill(body(IntStream.range(0, 100).mapToObj(i -> "t" + i + ".*")));
        assertEquals(100, accepted.types().size());
    }

    private static List<String> refused(Stream<String> types) {
        InvalidInputException thrown =
                assertThrows(InvalidInputException.class, () -> RedeliveryInput.backfill(body(types)));
        return thrown.errors().stream().map(FieldError::field).toList();
    }

    private static JsonObject body(Stream<String> types) {
        JsonArrayBuilder array = Jsons.array();
        types.forEach(array::add);
        return Jsons.object()
                .add("since", "2026-01-01T00:00:00Z")
                .add("types", array)
                .build();
    }
}
