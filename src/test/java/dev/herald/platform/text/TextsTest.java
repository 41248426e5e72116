package dev.herald.platform.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void clipKeepsAtMostTheColumnsLength() {
        assertEquals("abc", Texts.clip("abcdef", 3));
        assertEquals("ab", Texts.clip("ab", 3));
        assertNull(Texts.clip(null, 3));
    }

    @Test
    void someoneElsesTextCannotStartALogLineOfItsOwn() {
        assertEquals("eve\\u000a[INFO] forged", Texts.forLog("eve\n[INFO] forged", 100));
        assertEquals("abc…", Texts.forLog("abcdef", 3));
        assertNull(Texts.forLog(null, 3));
    }
}
