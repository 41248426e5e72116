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

    @Test
    void aPageWhoseOffsetWouldOverflowIsRefusedNamingTheLastOne() {
        var error = assertThrows(InvalidInputException.class, () -> PageRequest.of("2147483647", "200"));
        assertEquals("page", error.errors().get(0).field());
        int last = (Integer.MAX_VALUE - 200) / 200 + 1;
        PageRequest lastPage = PageRequest.of(String.valueOf(last), "200");
        assertEquals(true, (long) lastPage.offset() + lastPage.pageSize() <= Integer.MAX_VALUE);
        assertThrows(InvalidInputException.class, () -> PageRequest.of(String.valueOf(last + 1), "200"));
        PageRequest.of("2147483647", "1");
        assertThrows(InvalidInputException.class, () -> PageRequest.of("2147483647", "2"));
    }
}
