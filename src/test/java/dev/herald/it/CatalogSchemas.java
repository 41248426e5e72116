package dev.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schemas of the served catalog, checked with an independent validator (formats
 * asserted too), so that what Herald sends is what its catalog promises.
 */
public final class CatalogSchemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private CatalogSchemas() {}

    /** Fails with the validator's messages unless {@code data} validates against the type's schema. */
    public static void assertValid(String type, String data) {
        JsonNode instance = JSON.readTree(data);
        List<Error> errors = schema(type)
                .validate(instance, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), type + " data " + data);
    }

    /** Checks a delivered payload: its {@code data} against the schema of its {@code event}. */
    public static void assertValidPayload(String body) {
        JsonNode payload = JSON.readTree(body);
        assertValid(payload.get("event").asString(), JSON.writeValueAsString(payload.get("data")));
    }

    private static Schema schema(String type) {
        return SCHEMAS.computeIfAbsent(type, name -> {
            String served = Api.admin()
                    .get("event-types/" + name)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            return REGISTRY.getSchema(
                    JSON.writeValueAsString(JSON.readTree(served).get("schema")));
        });
    }
}
