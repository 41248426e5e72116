package dev.herald.catalog.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.problems.FieldError;
import dev.herald.problems.InputErrors;
import dev.herald.problems.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaShapeTest {

    @Test
    void aSchemaOfManyBadPropertiesUnderALongNameListsAHundredErrorsOfBoundedFields() {
        JsonObjectBuilder bad = Json.createObjectBuilder();
        for (int i = 0; i < 50_000; i++) {
            bad.add("p" + i, 0);
        }
        String longName = "n".repeat(100_000);
        var schema = Json.createObjectBuilder()
                .add(
                        "properties",
                        Json.createObjectBuilder()
                                .add(longName, Json.createObjectBuilder().add("properties", bad)))
                .build();
        InputErrors errors = new InputErrors();

        SchemaShape.check(schema, "schema", errors);

        List<FieldError> listed = errors.list();
        assertEquals(InputErrors.MAX_LISTED, listed.size());
        assertTrue(listed.stream().allMatch(error -> error.field().length() <= InputErrors.MAX_FIELD), "clipped");
        var refused = assertThrows(InvalidInputException.class, errors::throwIfAny);
        assertEquals("The request has 50000 problems; errors lists the first 100", refused.summary());
    }

    @Test
    void theTupleFormOfItemsIsReadAndEachOfItsSchemasChecked() {
        var tuple = Json.createObjectBuilder()
                .add(
                        "items",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder().add("type", "string"))
                                .add(true)
                                .add(Json.createObjectBuilder().add("enum", "x")))
                .build();
        InputErrors errors = new InputErrors();

        SchemaShape.check(tuple, "schema", errors);

        assertEquals(
                List.of(new FieldError("schema.items[2].enum", "must be a non-empty array of the allowed values")),
                errors.list());
    }

    @Test
    void aSubschemaOfTheWrongKindIsNamedWhereItIs() {
        var schema = Json.createObjectBuilder()
                .add(
                        "properties",
                        Json.createObjectBuilder()
                                .add("a", Json.createObjectBuilder().add("additionalProperties", 3)))
                .add("items", "string")
                .build();
        InputErrors errors = new InputErrors();

        SchemaShape.check(schema, "schema", errors);

        assertEquals(
                List.of("schema.properties.a.additionalProperties", "schema.items"),
                errors.list().stream().map(FieldError::field).toList());
    }
}
