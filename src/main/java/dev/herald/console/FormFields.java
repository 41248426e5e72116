package dev.herald.console;

import dev.herald.platform.json.Jsons;
import dev.herald.problems.InputErrors;
import dev.herald.problems.InvalidInputException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns what people type into a form into the API's JSON, so that the API's own rule reads it
 * and names what is wrong: a number stays a number, anything else goes on as the text it is,
 * and a text area is read as lines.
 */
final class FormFields {

    /** The rules allow at most 20 entries a list; past 100 lines none is read. */
    static final int MAX_LINES = 100;

    private FormFields() {}

    /**
     * The non-blank lines of a text area. Past {@link #MAX_LINES} none is read: a pasted
     * megabyte costs one message, not one per line.
     */
    static List<String> lines(String text, String field, InputErrors lineErrors) {
        List<String> lines = text == null
                ? List.of()
                : text.lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .limit(MAX_LINES + 1)
                        .toList();
        if (lines.size() > MAX_LINES) {
            lineErrors.add(field, "may have at most " + MAX_LINES + " lines");
            return List.of();
        }
        return lines;
    }

    /**
     * Runs the API's rule on the form's JSON and throws what it refuses together with what the
     * form itself could not read (a line it cannot split), all at once.
     */
    static <T> T readByTheRule(InputErrors lineErrors, Supplier<T> rule) {
        T read = null;
        try {
            read = rule.get();
        } catch (InvalidInputException invalid) {
            lineErrors.addAll(invalid);
        }
        lineErrors.throwIfAny();
        return read;
    }

    /**
     * A text area of one entry a line, each line's words named by {@code keys}, the last taking
     * the rest of the line: with keys {@code field operator value}, the line
     * {@code data.channel equals stable release} is {@code {"field": "data.channel", "operator":
     * "equals", "value": "stable release"}}. A line with fewer words is reported with its number.
     */
    static JsonArrayBuilder wordLines(
            String text, String field, InputErrors lineErrors, String example, String... keys) {
        JsonArrayBuilder entries = Jsons.array();
        List<String> lines = lines(text, field, lineErrors);
        for (int i = 0; i < lines.size(); i++) {
            String[] words = lines.get(i).split("\\s+", keys.length);
            if (words.length < keys.length) {
                lineErrors.add(
                        field,
                        "line " + (i + 1) + " must read '" + String.join(" ", keys) + "', e.g. '" + example + "'");
                continue;
            }
            JsonObjectBuilder entry = Jsons.object();
            for (int k = 0; k < keys.length; k++) {
                entry.add(keys[k], words[k]);
            }
            entries.add(entry);
        }
        return entries;
    }

    static void addText(JsonObjectBuilder builder, String key, String value) {
        if (!blank(value)) {
            builder.add(key, value.strip());
        }
    }

    /** A number as a number; anything else as the text it is, so the API's rule names what is wrong with it. */
    static void addNumber(JsonObjectBuilder builder, String key, String value) {
        if (blank(value)) {
            return;
        }
        String text = value.strip();
        // No setting needs 30 digits; a longer one goes on as text, which the API's rule refuses,
        // rather than being parsed at any length.
        if (text.length() > 30) {
            builder.add(key, text);
            return;
        }
        try {
            builder.add(key, new BigDecimal(text));
        } catch (NumberFormatException e) {
            builder.add(key, text);
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
