package dev.herald.inbound.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.json.JsonBodies;
import dev.herald.platform.json.JsonFields;
import dev.herald.problems.FieldError;
import dev.herald.problems.InputErrors;
import dev.herald.problems.InvalidInputException;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An integration's filters on the normalized event: equals, contains (text or list) and matches (RE2). */
class IntegrationFilterTest {

    private static final JsonObject EVENT =
            json("{\"kind\":\"tag\",\"tag\":\"v2.0.0-rc1\"," + "\"payload\":{\"labels\":[\"release\",\"prod\"]}}");

    @Test
    void eachOperationHoldsOrNot() {
        assertTrue(new IntegrationFilter("$.kind", "equals", "tag").holdsFor(EVENT));
        assertFalse(new IntegrationFilter("$.kind", "equals", "ta").holdsFor(EVENT));
        assertTrue(new IntegrationFilter("$.tag", "contains", "-rc").holdsFor(EVENT));
        assertTrue(new IntegrationFilter("$.payload.labels", "contains", "prod").holdsFor(EVENT));
        assertFalse(new IntegrationFilter("$.payload.labels", "contains", "pro").holdsFor(EVENT), "items whole");
        assertTrue(new IntegrationFilter("$.tag", "matches", "^v[0-9]+\\.").holdsFor(EVENT));
        assertFalse(new IntegrationFilter("$.tag", "matches", "^[0-9]").holdsFor(EVENT));
        assertFalse(new IntegrationFilter("$.branch", "equals", "main").holdsFor(EVENT), "absent never holds");
    }

    @Test
    void readsFiltersAndNamesEveryMistake() {
        InputErrors errors = new InputErrors();
        JsonFields body = JsonFields.of(
                json("{\"filters\":["
                        + "{\"path\":\"$.tag\",\"op\":\"matches\",\"value\":\"^v\"},"
                        + "{\"path\":\"tag\",\"op\":\"like\",\"value\":\"v\"},{\"path\":\"$.tag\",\"op\":\"matches\","
                        + "\"value\":\"(a\"},{\"path\":\"$.tag\",\"op\":\"equals\",\"value\":\"v\",\"extra\":1}]}"),
                errors);

        List<IntegrationFilter> filters = IntegrationFilter.read(body.objects("filters"));

        assertEquals(4, filters.size());
        InvalidInputException thrown = assertThrows(InvalidInputException.class, errors::throwIfAny);
        List<String> fields = thrown.errors().stream().map(FieldError::field).toList();
        assertTrue(
                fields.containsAll(List.of("filters[1].path", "filters[1].op", "filters[2].value")), fields.toString());
        assertTrue(fields.stream().anyMatch(field -> field.startsWith("filters[3]")), fields.toString());
        assertFalse(fields.stream().anyMatch(field -> field.startsWith("filters[0]")), fields.toString());
    }

    @Test
    void keepsFiltersAsJson() {
        List<IntegrationFilter> filters = List.of(
                new IntegrationFilter("$.tag", "matches", "^v\"1"), new IntegrationFilter("$.kind", "equals", "tag"));
        assertEquals(filters, IntegrationFilter.fromJson(IntegrationFilter.toJson(filters)));
    }

    private static JsonObject json(String text) {
        return JsonBodies.parseObject(text.getBytes(StandardCharsets.UTF_8));
    }
}
