package dev.herald.platform.text;

/** Text cut to the size of the column or the log line it goes into. */
public final class Texts {

    private Texts() {}

    /** At most {@code max} characters of the text (null stays null). */
    public static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
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
