package dev.herald.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.json.Jsons;
import dev.herald.problems.InputErrors;
import dev.herald.problems.InvalidInputException;
import jakarta.json.JsonValue;
import java.util.List;
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
                "line 2 must read 'field operator value', e.g. 'data.channel equals stable'",
                refused.errors().get(0).message());
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
