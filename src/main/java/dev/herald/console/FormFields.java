package dev.herald.console;

import dev.herald.platform.json.Jsons;
import dev.herald.problems.InputErrors;
import dev.herald.problems.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
     * "equals", "value": "stable release"}}. A word may be written as a JSON string, which is how
     * the form shows one that would not read back the same bare ({@link #shown}): {@code
     * data.channel equals " beta"}. A line with fewer words is reported with its number.
     */
    static JsonArrayBuilder wordLines(
            String text, String field, InputErrors lineErrors, String example, String... keys) {
        JsonArrayBuilder entries = Jsons.array();
        List<String> lines = lines(text, field, lineErrors);
        for (int i = 0; i < lines.size(); i++) {
            Optional<List<String>> words = words(lines.get(i), keys.length);
            if (words.isEmpty()) {
                lineErrors.add(
                        field,
                        "line " + (i + 1) + " must read '" + String.join(" ", keys) + "', e.g. '" + example
                                + "' (a word with spaces, or an empty one, in double quotes as JSON)");
                continue;
            }
            JsonObjectBuilder entry = Jsons.object();
            for (int k = 0; k < keys.length; k++) {
                entry.add(keys[k], words.get().get(k));
            }
            entries.add(entry);
        }
        return entries;
    }

    /**
     * A line's entry as {@link #wordLines} reads it back: each word bare, or as a JSON string
     * where bare it would not read back the same (empty, white space in a word or at the ends
     * of the last, a line break, a double quote first). A filter's value of {@code " beta"}
     * shown bare came back as {@code beta}, silently, when the form was saved.
     */
    static String shown(List<String> words) {
        StringBuilder line = new StringBuilder();
        for (int k = 0; k < words.size(); k++) {
            String word = words.get(k);
            boolean last = k == words.size() - 1;
            boolean bare = !word.isEmpty()
                    && word.charAt(0) != '"'
                    && (last
                            ? word.strip().equals(word) && word.indexOf('\n') < 0 && word.indexOf('\r') < 0
                            : word.chars().noneMatch(Character::isWhitespace));
            line.append(k == 0 ? "" : " ")
                    .append(bare ? word : Json.createValue(word).toString());
        }
        return line.toString();
    }

    /**
     * The line's {@code count} words, the last taking the rest; empty when it has fewer, or a
     * word in double quotes is not a JSON string. A quoted word is one only when the literal
     * ends it (or, for the last, ends the line); otherwise its quote is part of a bare word.
     */
    private static Optional<List<String>> words(String line, int count) {
        List<String> words = new ArrayList<>();
        int at = 0;
        for (int k = 0; k < count; k++) {
            while (at < line.length() && Character.isWhitespace(line.charAt(at))) {
                at++;
            }
            if (at == line.length()) {
                return Optional.empty();
            }
            boolean last = k == count - 1;
            int close = line.charAt(at) == '"' ? closingQuote(line, at) : -1;
            if (close > 0 && (last ? line.substring(close + 1).isBlank() : endsWord(line, close + 1))) {
                Optional<String> decoded = jsonString(line.substring(at, close + 1));
                if (decoded.isEmpty()) {
                    return Optional.empty();
                }
                words.add(decoded.get());
                at = close + 1;
            } else if (last) {
                words.add(line.substring(at));
            } else {
                int end = at;
                while (!endsWord(line, end)) {
                    end++;
                }
                words.add(line.substring(at, end));
                at = end;
            }
        }
        return Optional.of(words);
    }

    private static boolean endsWord(String line, int at) {
        return at == line.length() || Character.isWhitespace(line.charAt(at));
    }

    /** Where the JSON string that opens at {@code open} closes; -1 when it does not. */
    private static int closingQuote(String line, int open) {
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> jsonString(String literal) {
        try (JsonReader reader = Json.createReader(new StringReader("[" + literal + "]"))) {
            JsonArray array = reader.readArray();
            return array.size() == 1 && array.get(0) instanceof JsonString text
                    ? Optional.of(text.getString())
                    : Optional.empty();
        } catch (JsonException notJson) {
            return Optional.empty();
        }
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
