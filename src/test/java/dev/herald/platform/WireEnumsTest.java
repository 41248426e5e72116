package dev.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.herald.platform.text.TextComparison;
import dev.herald.problems.InvalidInputException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Enum constants as the wire writes them: stored and read exactly, parsed from clients leniently. */
class WireEnumsTest {

    @Test
    void aWireNameIsTheConstantsNameInLowerCaseAndNothingElse() {
        assertEquals(Optional.of(TextComparison.MATCHES), WireEnums.ofWireName(TextComparison.class, "matches"));
        assertEquals(Optional.empty(), WireEnums.ofWireName(TextComparison.class, "MATCHES"));
        assertEquals(Optional.empty(), WireEnums.ofWireName(TextComparison.class, "like"));
        assertEquals(Optional.empty(), WireEnums.ofWireName(TextComparison.class, null));
        assertEquals(List.of("equals", "contains", "matches"), WireEnums.wireNames(TextComparison.class));
    }

    @Test
    void clientsMayWriteAnyCaseAndAreToldTheChoices() {
        assertEquals(TextComparison.EQUALS, WireEnums.parse(TextComparison.class, "op", " Equals "));
        assertNull(WireEnums.parse(TextComparison.class, "op", " "));
        InvalidInputException refused =
                assertThrows(InvalidInputException.class, () -> WireEnums.parse(TextComparison.class, "op", "like"));
        assertEquals("op", refused.errors().get(0).field());
        assertEquals(TextComparison.CONTAINS, WireEnums.orNull(TextComparison.class, "CONTAINS"));
        assertNull(WireEnums.orNull(TextComparison.class, "like"));
    }
}
