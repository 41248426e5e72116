package dev.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PreviewTest {

    @Test
    void aTextUpToTheLimitIsWholeAndALongerOneIsCut() {
        assertFalse(new Preview("x".repeat(Preview.CHARS), Preview.CHARS).cut());
        assertTrue(new Preview("x".repeat(Preview.CHARS), Preview.CHARS + 1).cut());
    }

    @Test
    void aPreviewCountedInCodePointsIsCutEvenWhenItHoldsMoreUtf16UnitsThanTheLimit() {
        // PostgreSQL's SUBSTRING and LENGTH count code points: 1,000 emoji are 2,000 UTF-16 units.
        String thousandEmoji = "\uD83D\uDE80".repeat(Preview.CHARS);

        Preview preview = new Preview(thousandEmoji, 1500);

        assertTrue(preview.cut());
        assertEquals(thousandEmoji, preview.text());
    }

    @Test
    void aCutThroughASurrogatePairDropsTheLoneFirstHalf() {
        // H2 counts UTF-16 units: the 1,000th unit can be the first half of an emoji.
        String cutInside = "x".repeat(Preview.CHARS - 1) + "\uD83D";

        Preview preview = new Preview(cutInside, 2000);

        assertEquals("x".repeat(Preview.CHARS - 1), preview.text());
        assertTrue(preview.cut());
    }

    @Test
    void aMissingTextPreviewsAsEmpty() {
        assertEquals("", new Preview(null, 0).text());
        assertFalse(new Preview(null, 0).cut());
    }
}
