package dev.herald.platform.text;

/** Text cut to the size of the column or the log line it goes into. */
public final class Texts {

    private Texts() {}

    /** At most {@code max} characters of the text (null stays null). */
    public static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * Someone else's text (a receiver's answer, a sender's event name, an error quoting either)
     * as a text column takes it: NUL, which PostgreSQL refuses, as U+FFFD. Without it, one such
     * value failed the insert it was part of.
     *
     * @return null for null
     */
    public static String storable(String text) {
        return text == null ? null : text.replace('\u0000', '\uFFFD');
    }

    /** {@link #storable(String)}, at most {@code max} characters. */
    public static String storable(String text, int max) {
        return clip(storable(text), max);
    }

    /**
     * Someone else's text for one log line: clipped, and every control character (a line break
     * above all) written as a backslash, u and four hex digits, so that it cannot forge a line of its own.
     */
    public static String forLog(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder safe = new StringBuilder();
        String clipped = clip(text, max);
        clipped.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                safe.append(String.format("\\u%04x", c));
            } else {
                safe.appendCodePoint(c);
            }
        });
        return clipped.length() < text.length() ? safe.append('…').toString() : safe.toString();
    }
}
