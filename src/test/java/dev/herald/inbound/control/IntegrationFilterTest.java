package dev.herald.inbound.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.json.JsonBodies;
import dev.herald.platform.json.JsonFields;
import dev.herald.platform.text.FilterVerdict;
import dev.herald.platform.text.FilterWork;
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

    /** A comparison that would cost more than a call's filters may does not run (this one took two seconds). */
    @Test
    void aComparisonTooCostlyForTheCallsWorkDoesNotRun() {
        JsonObject call = json("{\"kind\":\"generic\",\"payload\":{\"blob\":\"" + "a".repeat(65_535) + "9\"}}");
        FilterWork work = FilterWork.perEvent();
        assertEquals(
                FilterVerdict.TOO_COSTLY,
                new IntegrationFilter("$.payload.blob", "matches", "[a-z]{1,1000}9").holdsFor(call, work));
        assertEquals(FilterVerdict.PASSES, new IntegrationFilter("$.kind", "equals", "generic").holdsFor(call, work));
    }

    @Test
    void eachOperationHoldsOrNot() {
        assertTrue(holds(new IntegrationFilter("$.kind", "equals", "tag")));
        assertFalse(holds(new IntegrationFilter("$.kind", "equals", "ta")));
        assertTrue(holds(new IntegrationFilter("$.tag", "contains", "-rc")));
        assertTrue(holds(new IntegrationFilter("$.payload.labels", "contains", "prod")));
        assertFalse(holds(new IntegrationFilter("$.payload.labels", "contains", "pro")), "items whole");
        assertTrue(holds(new IntegrationFilter("$.tag", "matches", "^v[0-9]+\\.")));
        assertFalse(holds(new IntegrationFilter("$.tag", "matches", "^[0-9]")));
        assertFalse(holds(new IntegrationFilter("$.branch", "equals", "main")), "absent never holds");
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

    private static boolean holds(IntegrationFilter filter) {
        return filter.holdsFor(EVENT, FilterWork.perEvent()) == FilterVerdict.PASSES;
    }
}
