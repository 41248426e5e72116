package dev.herald.platform;

import dev.herald.platform.OpenApiResponseExamples.Success;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Makes the generated OpenAPI document one that client generators accept (docs/openapi.json,
 * registered as {@code mp.openapi.filter}): the server names each operation after its Java
 * method ({@code list}, {@code get}, …), so dozens share a name, lists a tag once per resource
 * class, and writes constraints that mean nothing on every schema of a record, one of them
 * wrong ({@code maxProperties: 0} forbids every property). Here each operation gets a name of
 * its own, each tag appears once, and those constraints go; and every operation names the one
 * shape of its errors, the {@code Problem} (API.md: RFC 9457, with {@code errors} for invalid
 * input), for its 4xx answers and for the 503 of a database outage. Its success gets the
 * status it really answers and an example of it ({@link OpenApiResponseExamples}).
 */
public class OpenApiCleanup implements OASFilter {

    private static final String API_PREFIX = "/api/v1";
    private static final String PROBLEM = "Problem";
    private static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    private static final Map<String, Object> INVALID_INPUT_EXAMPLE =
            problem("invalid-input", "Invalid input", 400, "The request has 1 problem(s); see errors");
    private static final Map<String, Object> OUTAGE_EXAMPLE = problem(
            "unavailable",
            "Service unavailable",
            503,
            "Herald cannot reach its database right now; nothing was changed. Try again after Retry-After");

    static {
        Map<String, Object> fieldError = new LinkedHashMap<>();
        fieldError.put("field", "url");
        fieldError.put("message", "is required: the http(s) URL Herald delivers to");
        INVALID_INPUT_EXAMPLE.put("errors", List.of(fieldError));
    }

    @Override
    public Schema filterSchema(Schema schema) {
        if (Integer.valueOf(0).equals(schema.getMaxProperties())) {
            schema.setMaxProperties(null);
        }
        if (Integer.valueOf(0).equals(schema.getMinProperties())) {
            schema.setMinProperties(null);
        }
        if (Integer.valueOf(0).equals(schema.getMinLength())) {
            schema.setMinLength(null);
        }
        if (Boolean.FALSE.equals(schema.getUniqueItems())) {
            schema.setUniqueItems(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMaximum())) {
            schema.setExclusiveMaximum(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMinimum())) {
            schema.setExclusiveMinimum(null);
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getTags() != null) {
            Map<String, Tag> once = new LinkedHashMap<>();
            openAPI.getTags().forEach(tag -> once.putIfAbsent(tag.getName(), tag));
            openAPI.setTags(new ArrayList<>(once.values()));
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(PROBLEM, problemSchema());
        OpenApiResponseExamples examples = OpenApiResponseExamples.load();
        Set<String> taken = new HashSet<>();
        openAPI.getPaths()
                .getPathItems()
                .forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
                    operation.setOperationId(unique(
                            operationId(
                                    path,
                                    operation.getOperationId() != null
                                            ? operation.getOperationId()
                                            : method.name().toLowerCase(Locale.ROOT)),
                            taken));
                    if (operation.getResponses() == null) {
                        operation.setResponses(OASFactory.createAPIResponses());
                    }
                    operation
                            .getResponses()
                            .addAPIResponse(
                                    "4XX",
                                    problemResponse(
                                            "What the request got wrong: "
                                                    + "400 invalid input (each field named in errors), 401 no or a wrong token, 403 a scope it "
                                                    + "lacks, 404 not found (or another tenant's), 409 a conflicting state, 413 a body too large, "
                                                    + "429 too many at once",
                                            INVALID_INPUT_EXAMPLE));
                    operation
                            .getResponses()
                            .addAPIResponse(
                                    "503",
                                    problemResponse(
                                            "The database cannot be reached; "
                                                    + "nothing was changed. Try again after Retry-After seconds",
                                            OUTAGE_EXAMPLE));
                    examples.of(method.name(), path).ifPresent(success -> document(operation.getResponses(), success));
                }));
    }

    /**
     * Replaces the "default" answer the server writes for a method returning a JAX-RS Response
     * with the status the operation really answers, keeping its schema, and adds the recorded
     * example body.
     */
    static void document(APIResponses responses, Success success) {
        String status = String.valueOf(success.status());
        APIResponse response = responses.getAPIResponse(status);
        if (response == null) {
            response = OASFactory.createAPIResponse().description(success.description());
            APIResponse declared = responses.getDefaultValue();
            if (declared != null
                    && declared.getContent() != null
                    && success.example().isPresent()) {
                response.content(declared.getContent());
            }
            responses.addAPIResponse(status, response);
        }
        responses.removeAPIResponse(APIResponses.DEFAULT);
        if (success.example().isEmpty()) {
            return;
        }
        Object example = success.example().get();
        if (response.getContent() == null) {
            response.content(OASFactory.createContent());
        }
        Map<String, MediaType> mediaTypes = response.getContent().getMediaTypes();
        MediaType media =
                mediaTypes.size() == 1 ? mediaTypes.values().iterator().next() : mediaTypes.get(success.mediaType());
        if (media == null) {
            media = OASFactory.createMediaType()
                    .schema(OASFactory.createSchema()
                            .type(
                                    example instanceof Map
                                            ? Schema.SchemaType.OBJECT
                                            : example instanceof List
                                                    ? Schema.SchemaType.ARRAY
                                                    : Schema.SchemaType.STRING));
            response.getContent().addMediaType(success.mediaType(), media);
        }
        media.addExample(
                "recorded",
                OASFactory.createExample()
                        .description("An answer Herald gave in its own integration tests")
                        .value(example));
    }

    /** In the order API.md writes a problem's members (a Map.of would change it from run to run). */
    private static Map<String, Object> problem(String type, String title, int status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:herald:problem:" + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return problem;
    }

    private static Schema problemSchema() {
        Schema fieldError = OASFactory.createSchema()
                .type(Schema.SchemaType.OBJECT)
                .addProperty("field", string("The field, by its path in the request (events[3].type)"))
                .addProperty("message", string("What is wrong with it and what to send instead"));
        return OASFactory.createSchema()
                .type(Schema.SchemaType.OBJECT)
                .description("Every error Herald answers (RFC 9457 problem details)")
                .addProperty("type", string("A URN naming the kind of problem (urn:herald:problem:…)"))
                .addProperty("title", string("The kind of problem, for people"))
                .addProperty("status", OASFactory.createSchema().type(Schema.SchemaType.INTEGER))
                .addProperty("detail", string("This occurrence, for people"))
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .type(Schema.SchemaType.ARRAY)
                                .items(fieldError)
                                .description("For invalid input: one entry per field to fix"))
                .required(List.of("type", "title", "status", "detail"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(Schema.SchemaType.STRING).description(description);
    }

    private static APIResponse problemResponse(String description, Map<String, Object> example) {
        return OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent()
                        .addMediaType(
                                PROBLEM_MEDIA_TYPE,
                                OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref(PROBLEM))
                                        .addExample(
                                                "problem",
                                                OASFactory.createExample().value(example))));
    }

    /**
     * The Java method's name followed by the path's fixed segments, the last one left out when
     * the method is already named after it: {@code list} on {@code /webhooks/{id}/deliveries}
     * is {@code listWebhooksDeliveries}, {@code rotateSecret} on {@code /webhooks/{id}/rotate-secret}
     * is {@code rotateSecretWebhooks}.
     */
    static String operationId(String path, String verb) {
        String relative = path.startsWith(API_PREFIX) ? path.substring(API_PREFIX.length()) : path;
        List<String> segments = new ArrayList<>();
        for (String segment : relative.split("/")) {
            if (!segment.isEmpty() && !segment.startsWith("{")) {
                segments.add(camel(segment));
            }
        }
        if (!segments.isEmpty() && segments.get(segments.size() - 1).equalsIgnoreCase(verb)) {
            segments.remove(segments.size() - 1);
        }
        return verb + String.join("", segments);
    }

    private static String camel(String segment) {
        StringBuilder name = new StringBuilder();
        for (String word : segment.split("[-_.]")) {
            if (!word.isEmpty()) {
                name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return name.toString();
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = name + n;
        }
        return candidate;
    }
}
