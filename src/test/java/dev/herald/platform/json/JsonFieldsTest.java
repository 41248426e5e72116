package dev.herald.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.problems.FieldError;
import dev.herald.problems.InputErrors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {

    private final InputErrors errors = new InputErrors();

    /**
     * A NUL inside a list or a map is refused with its place named, and left out: a list with a
     * null in it reached {@code Set.copyOf} and a map's null value {@code String.length} (500s).
     */
    @Test
    void aNulInsideAListOrAMapIsAnErrorAtItsPlaceAndNeverANull() {
        JsonFields fields = JsonFields.of(
                Jsons.parseObject("{\"events\":[\"a\",\"b\\u0000\"],\"headers\":{\"X-A\":\"1\",\"X-B\":\"\\u0000\"}}"),
                errors);

        assertEquals(List.of("a"), fields.strings("events"));
        assertEquals(Map.of("X-A", "1"), fields.stringMap("headers"));
        assertEquals(
                List.of("events[1]", "headers.X-B"),
                errors.list().stream().map(FieldError::field).toList());
    }
}
