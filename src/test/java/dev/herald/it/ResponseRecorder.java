package dev.herald.it;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Records the first successful answer of each API operation the suite calls on the shared
 * server, to become that operation's example in the OpenAPI document. With
 * {@code -Dherald.openapi.write=true} the suite writes them into
 * {@code src/main/resources/META-INF/openapi-examples.json} (kept entries of operations this
 * run did not call); a second such run then writes docs/openapi.json with them.
 */
public final class ResponseRecorder implements Filter {

    static final Path EXAMPLES = Path.of("src", "main", "resources", "META-INF", "openapi-examples.json");
    private static final Path OPENAPI = Path.of("docs", "openapi.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String API = "/api/v1";
    /** Secrets and tokens in examples are shown by their shape, never as ones a test used. */
    private static final Map<String, String> PLACEHOLDERS = Map.of(
            "token",
            "hrld_EXAMPLE3yL0yVv5kZ0dQ1pRg7sTn2uW",
            "secret",
            "whsec_EXAMPLEMfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw=");

    private final URI server;
    private final Set<String> only;
    private final List<Template> templates;
    private final Map<String, ObjectNode> recorded = new ConcurrentHashMap<>();

    private record Template(String path, Pattern pattern, int parameters) {}

    /**
     * Records the answers of {@code server}; of the named operations only ("GET /api/v1/…"),
     * when a test of a server of its own covers what the shared server cannot.
     */
    public ResponseRecorder(URI server, String... only) {
        this.server = server;
        this.only = Set.of(only);
        this.templates = templates();
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request,
            FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        if (response.statusCode() / 100 == 2
                && uri.getPort() == server.getPort()
                && uri.getPath().startsWith(API + "/")) {
            template(uri.getPath())
                    .map(path -> request.getMethod() + " " + path)
                    .filter(operation -> only.isEmpty() || only.contains(operation))
                    .ifPresent(operation -> recorded.computeIfAbsent(operation, ignored -> success(response)));
        }
        return response;
    }

    /** Merges what was recorded into the examples file, when the run was asked to write. */
    public void writeIfAsked() {
        if (!Boolean.getBoolean("herald.openapi.write")) {
            return;
        }
        try {
            Map<String, JsonNode> all = new TreeMap<>();
            if (Files.exists(EXAMPLES)) {
                JSON.readTree(Files.readString(EXAMPLES)).properties().forEach(e -> all.put(e.getKey(), e.getValue()));
            }
            all.putAll(recorded);
            ObjectNode file = JSON.createObjectNode();
            all.forEach(file::set);
            Files.writeString(EXAMPLES, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode success(Response response) {
        ObjectNode success = JSON.createObjectNode().put("status", response.statusCode());
        String body = response.asString();
        if (!body.isEmpty()) {
            String mediaType = response.contentType().split(";")[0].trim();
            success.put("mediaType", mediaType);
            success.set(
                    "example",
                    mediaType.endsWith("json")
                            ? shortened(JSON.readTree(body))
                            : StringNode.valueOf(body.lines().limit(2).reduce("", (a, b) -> a + b + "\n")));
        }
        return success;
    }

    /** One item of each list is example enough; secrets become placeholders. */
    private static JsonNode shortened(JsonNode node) {
        if (node instanceof ArrayNode array) {
            ArrayNode one = JSON.createArrayNode();
            if (!array.isEmpty()) {
                one.add(shortened(array.get(0)));
            }
            return one;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields =
                            object.properties().iterator();
                    fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String placeholder = PLACEHOLDERS.get(field.getKey());
                copy.set(
                        field.getKey(),
                        placeholder != null && field.getValue().isString()
                                ? StringNode.valueOf(placeholder)
                                : shortened(field.getValue()));
            }
            return copy;
        }
        return node;
    }

    /** The document's path a request path is an instance of, the most literal one first. */
    private Optional<String> template(String path) {
        return templates.stream()
                .filter(template -> template.pattern().matcher(path).matches())
                .findFirst()
                .map(Template::path);
    }

    private static List<Template> templates() {
        try {
            List<Template> all = new ArrayList<>();
            JSON.readTree(Files.readString(OPENAPI))
                    .get("paths")
                    .propertyNames()
                    .forEach(path -> all.add(new Template(
                            path,
                            Pattern.compile(path.replaceAll("\\{[^}]+}", "[^/]+")),
                            path.split("\\{", -1).length - 1)));
            all.sort(Comparator.comparingInt(Template::parameters));
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
