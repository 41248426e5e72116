package dev.herald.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.json.Jsons;
import dev.herald.problems.InputErrors;
import dev.herald.problems.InvalidInputException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How the console turns what people type into the API's JSON, so the API's rule can name what is wrong. */
class FormFieldsTest {

    @Test
    void aTextAreaIsReadAsItsNonBlankLinesStripped() {
        InputErrors errors = new InputErrors();
        assertEquals(List.of("a b", "c"), FormFields.lines("  a b \n\n   \nc\r\n", "filters", errors));
        assertEquals(List.of(), FormFields.lines(null, "filters", errors));
        errors.throwIfAny();
    }

    @Test
    void pastAHundredLinesNoneIsReadAndOneErrorSaysSo() {
        InputErrors errors = new InputErrors();
        assertEquals(List.of(), FormFields.lines("x\n".repeat(100_000), "headers", errors));
        InvalidInputException refused = assertThrows(InvalidInputException.class, errors::throwIfAny);
        assertEquals(1, refused.errors().size());
        assertEquals("headers", refused.errors().get(0).field());
    }

    @Test
    void theRulesRefusalsAndTheFormsOwnComeTogether() {
        InputErrors lineErrors = new InputErrors();
        lineErrors.add("filters", "line 2 must read 'path op value'");
        InvalidInputException refused = assertThrows(
                InvalidInputException.class,
                () -> FormFields.readByTheRule(lineErrors, () -> {
                    InputErrors rule = new InputErrors();
                    rule.add("name", "is required");
                    rule.throwIfAny();
                    return "never";
                }));
        assertEquals(
                List.of("filters", "name"),
                refused.errors().stream().map(e -> e.field()).toList());
        assertEquals("read", FormFields.readByTheRule(new InputErrors(), () -> "read"));
    }

    @Test
    void eachLineIsAnEntryItsLastWordTakingTheRestAndAShortLineIsNamedByItsNumber() {
        InputErrors errors = new InputErrors();
        var entries = FormFields.wordLines(
                        "data.channel equals stable release\ndata.x",
                        "filters",
                        errors,
                        "data.channel equals stable",
                        "field",
                        "operator",
                        "value")
                .build();
        assertEquals(1, entries.size());
        assertEquals("stable release", entries.getJsonObject(0).getString("value"));
        assertEquals("equals", entries.getJsonObject(0).getString("operator"));
        InvalidInputException refused = assertThrows(InvalidInputException.class, errors::throwIfAny);
        assertEquals(
                "line 2 must read 'field operator value', e.g. 'data.channel equals stable'"
                        + " (a word with spaces, or an empty one, in double quotes as JSON)",
                refused.errors().get(0).message());
    }

    /**
     * What the form shows of a filter reads back as the same filter: a value with spaces at its
     * ends, a line break, nothing, or a quote first, and a path with a space, each come back
     * as they were (bare, " beta" came back as "beta" when the form was saved).
     */
    @Test
    void everyEntryShownReadsBackTheSame() {
        List<List<String>> entries = List.of(
                List.of("data.channel", "equals", " beta"),
                List.of("data.channel", "equals", "beta "),
                List.of("data.note", "contains", "two\nlines"),
                List.of("data.note", "equals", ""),
                List.of("data.note", "equals", "\"quoted\" and not"),
                List.of("data.note", "equals", "\"lone"),
                List.of("$['a b']", "equals", "x"),
                List.of("\"odd", "matches", "^v\\d+ \"x\"$"),
                List.of("data.channel", "equals", "stable release"));
        String shown = entries.stream().map(FormFields::shown).collect(Collectors.joining("\n"));
        InputErrors errors = new InputErrors();
        var read = FormFields.wordLines(shown, "filters", errors, "data.channel equals stable", "a", "b", "c")
                .build();
        errors.throwIfAny();
        assertEquals(
                entries,
                read.getValuesAs(JsonObject.class).stream()
                        .map(e -> List.of(e.getString("a"), e.getString("b"), e.getString("c")))
                        .toList(),
                shown);
        assertEquals("data.channel equals stable release", FormFields.shown(entries.get(8)), "bare when it reads back");

        // A word in quotes that is no JSON string is named like a short line.
        FormFields.wordLines("data.x equals \"\\q\"", "filters", errors, "e", "a", "b", "c");
        assertThrows(InvalidInputException.class, errors::throwIfAny);
    }

    @Test
    void aNumberGoesOnAsANumberAndAnythingElseAsTheTextItIs() {
        var body = Jsons.object();
        FormFields.addNumber(body, "timeout", " 5000 ");
        FormFields.addNumber(body, "maxRetries", "five");
        FormFields.addNumber(body, "huge", "9".repeat(31));
        FormFields.addNumber(body, "blank", "  ");
        FormFields.addText(body, "name", "  shop  ");
        FormFields.addText(body, "none", "");
        var json = body.build();
        assertEquals(JsonValue.ValueType.NUMBER, json.get("timeout").getValueType());
        assertEquals(5000, json.getInt("timeout"));
        assertEquals("five", json.getString("maxRetries"));
        assertEquals("9".repeat(31), json.getString("huge"));
        assertEquals("shop", json.getString("name"));
        assertTrue(!json.containsKey("blank") && !json.containsKey("none"));
    }
}
