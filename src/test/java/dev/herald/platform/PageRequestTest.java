package dev.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.herald.problems.InvalidInputException;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void defaultsToTheFirstPageOfTwenty() {
        assertEquals(new PageRequest(1, 20), PageRequest.of(null, null));
    }

    @Test
    void computesTheOffset() {
        assertEquals(400, PageRequest.of("3", "200").offset());
    }

    @Test
    void rejectsOutOfRangeOrNonNumericValuesNamingEach() {
        var error = assertThrows(InvalidInputException.class, () -> PageRequest.of("0", "201"));
        assertEquals(2, error.errors().size());
        assertThrows(InvalidInputException.class, () -> PageRequest.of("x", null));
        assertThrows(InvalidInputException.class, () -> PageRequest.of(null, "-5"));
    }
}
