package dev.herald.delivery.control;

import java.util.function.Supplier;

/**
 * A delivery's payload as an attempt needs it: its length at once, so that its place in flight
 * is weighed before it is read ({@link InFlightLimits#weight}); its text only once the attempt
 * goes ahead. A worker that read a large payload before learning it must wait held it for
 * nothing, and 128 of them about 300 MB.
 */
final class Payload {

    private final int chars;
    private final Supplier<String> reader;
    private String text;

    private Payload(int chars, Supplier<String> reader, String text) {
        this.chars = chars;
        this.reader = reader;
        this.text = text;
    }

    /** A payload in hand. */
    static Payload of(String text) {
        return new Payload(text.length(), null, text);
    }

    /** A payload of this length, read when its text is first asked for. */
    static Payload toRead(int chars, Supplier<String> reader) {
        return new Payload(chars, reader, null);
    }

    int chars() {
        return chars;
    }

    String text() {
        if (text == null) {
            text = reader.get();
        }
        return text;
    }
}
