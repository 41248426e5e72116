package dev.herald.platform;

import java.util.Objects;

/**
 * The first {@link #CHARS} characters of a large stored text (an event's payload, a receipt's
 * body) and its whole length: what a list shows of it, so that a page of large rows costs its
 * previews, not its texts ({@link Listing#previewsInOrder}).
 */
public record Preview(String text, long length) {

    public static final int CHARS = 1000;

    /** A text that is not there (a receipt without a body) previews as empty. */
    public Preview {
        text = Objects.requireNonNullElse(text, "");
    }

    /** Whether the preview leaves part of the text out. */
    public boolean cut() {
        return length > text.length();
    }
}
