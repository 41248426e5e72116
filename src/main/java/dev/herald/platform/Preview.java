package dev.herald.platform;

import java.util.Objects;

/**
 * The first {@link #CHARS} characters of a large stored text (an event's payload, a receipt's
 * body) and its whole length: what a list shows of it, so that a page of large rows costs its
 * previews, not its texts ({@link Listing#previewsInOrder}). Both come from the database, which
 * counts characters its own way (PostgreSQL by code point, H2 by UTF-16 unit); the preview is
 * cut where the length exceeds {@link #CHARS} in that same count.
 */
public record Preview(String text, long length) {

    public static final int CHARS = 1000;

    /**
     * A text that is not there (a receipt without a body) previews as empty. A cut that split a
     * character in two (H2 counts the halves of a surrogate pair apart) drops the first half,
     * which alone would be written out as '?'.
     */
    public Preview {
        text = Objects.requireNonNullElse(text, "");
        if (length > CHARS && !text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
            text = text.substring(0, text.length() - 1);
        }
    }

    /** Whether the preview leaves part of the text out. */
    public boolean cut() {
        return length > CHARS;
    }
}
