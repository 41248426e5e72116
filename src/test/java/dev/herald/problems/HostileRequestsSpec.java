package dev.herald.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.ApiSurface;
import dev.herald.it.HeraldServer;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated bad input at every operation the OpenAPI document lists: hostile path segments,
 * query values, headers and bodies, each sent on its own to an otherwise well-formed call
 * about the tenant's real objects. Every answer must be below 500, every 4xx a problem+json,
 * and afterwards the tenant's objects and history are what they were.
 */
public abstract class HostileRequestsSpec {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Path segments (already percent-encoded where they need to be). */
    private static final List<String> SEGMENTS = List.of(
            "x".repeat(3000),
            "%00",
            "%25",
            "..%2F..%2Fetc%2Fpasswd",
            "%27%20OR%201%3D1--",
            "%F0%9F%92%A5",
            "%C0%AF",
            "%FF%FE",
            "2147483648",
            "-1",
            "%20",
            "a%0D%0AX-Evil:%201");

    /** Query values, and the names every GET is tried with besides the ones it declares. */
    private static final List<String> QUERY_VALUES = List.of(
            "",
            "9".repeat(40),
            "2147483647",
            "-2147483649",
            "1e999999999",
            "NaN",
            "x".repeat(3000),
            "\u0000",
            "+300000-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z",
            "2026-13-45T99:99:99Z",
            "2026-12-01T10:00:00+99:00",
            "['\"<>",
            "\uD83D\uDCA5");

    private static final List<String> COMMON_QUERY_NAMES =
            List.of("page", "pageSize", "since", "until", "status", "type", "subject", "outcome");

    /** Headers that must not get past the door, each on an otherwise valid call. */
    private static final Map<String, UnaryOperator<RequestSpecification>> HEADERS = headers();

    /** Bodies for the operations that take one. */
    private static final List<String> BODIES = List.of(
            "not json",
            "[]",
            "null",
            "\"text\"",
            "42",
            "{\"a\":",
            "{\"a\":1,\"a\":2}",
            "{\"name\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
            "{\"x\":1e999999999}",
            "{\"" + "k".repeat(5000) + "\":1}",
            "{\"url\":\"\u0000\"}");

    /**
     * Java's own HTTP client, like others, offers HTTP/2 on a plain-http call (an h2c upgrade).
     * Payara's HTTP/2 reset the stream of a request with more than 4 KiB of headers and then
     * misread the connection's next requests (431 for short ones); the listener now speaks
     * HTTP/1.1 only (server-config/pre-boot-commands.asadmin), so every call is answered.
     */
    @Test
    void aClientOfferingHttp2IsAnsweredInHttp11AndALongQueryDoesNotSpoilItsConnection() throws Exception {
        Tenant tenant = Api.newTenant();
        HttpClient offersHttp2 = HttpClient.newHttpClient(); // the JDK's default: HTTP/2 preferred
        for (String query : List.of("x".repeat(5000), "short", "y".repeat(5000), "short")) {
            HttpResponse<String> answer = offersHttp2.send(
                    HttpRequest.newBuilder(HeraldServer.base().resolve("api/v1/events?subject=" + query))
                            .header("Authorization", "Bearer " + tenant.token())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_1_1, answer.version(), "the answer's protocol");
            assertEquals(200, answer.statusCode(), query.length() + " characters: " + answer.body());
        }
    }

    /** API.md: a typo must never be silently ignored; a query parameter included. */
    @Test
    void aQueryParameterTheOperationDoesNotTakeIsA400NamingItAndChangesNothing() {
        Tenant tenant = Api.newTenant();
        String subscription = tenant.api()
                .body("{\"url\":\"https://93.184.216.34/in\",\"events\":[\"build.*\"],\"enabled\":false}")
                .post("webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        JsonPath refused = JsonPath.from(tenant.api()
                .get("webhooks/" + subscription + "/deliveries?staus=failed&pageSize=5")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .extract()
                .asString());
        assertEquals(List.of("staus"), refused.getList("errors.field"));
        assertTrue(refused.getString("errors[0].message").contains("status"), refused.prettify());
        tenant.api()
                .body("{\"type\":\"build.started\",\"data\":{}}")
                .post("events?dryRun=true")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        tenant.api().get("events").then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(0));
        tenant.api()
                .get("webhooks/" + subscription + "/deliveries?status=failed")
                .then()
                .statusCode(200);
    }

    @Test
    void everyOperationAnswersHostileInputWithA4xxProblemAndChangesNothing() {
        Tenant tenant = Api.newTenant();
        ApiSurface.World world = ApiSurface.World.of(tenant);
        String before = world.snapshot();
        List<String> failures = new ArrayList<>();
        int calls = 0;
        int refusedBeforeHerald = 0;
        for (ApiSurface.Operation operation : ApiSurface.operations()) {
            for (Call call : calls(operation, world)) {
                calls++;
                Response response;
                try {
                    response = call.send();
                } catch (RuntimeException e) {
                    failures.add(call.description + ": " + e);
                    continue;
                }
                int status = response.statusCode();
                String type = String.valueOf(response.contentType());
                if (refusedByTheHttpServer(response)) {
                    refusedBeforeHerald++;
                    continue;
                }
                if (status < 400 && !call.description.startsWith("GET ")) {
                    failures.add(call.description + " was accepted: " + status);
                } else if (status >= 500 || status >= 400 && !type.startsWith("application/problem+json")) {
                    failures.add(call.description + " -> " + status + " " + type + " " + truncate(response.asString()));
                }
            }
        }
        assertTrue(calls > 1000, "generated " + calls + " calls");
        assertTrue(refusedBeforeHerald < calls / 10, refusedBeforeHerald + " of " + calls + " refused by the server");
        assertEquals(List.of(), failures, failures.size() + " of " + calls + " calls answered badly");
        assertEquals(before, world.snapshot(), "nothing a hostile call sent was stored");
    }

    /**
     * Each top-level field of each operation's documented example body, replaced in turn by
     * null and by a value of every other JSON kind, sent for another tenant's real objects:
     * some of these are valid (a null optional field), so only the answers are checked here,
     * never 5xx and every 4xx a problem+json.
     */
    @Test
    void everyFieldOfEveryExampleBodyAsNullOrAnotherKindIsNeverA5xx() {
        ApiSurface.World world = ApiSurface.World.of(Api.newTenant());
        // Its subscription inactive, so that no test send goes out to the network.
        world.tenant()
                .api()
                .post("webhooks/" + world.ids().get("webhooks") + "/deactivate")
                .then()
                .statusCode(200);
        JsonPath openapi = ApiSurface.openapi();
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (ApiSurface.Operation operation : ApiSurface.operations()) {
            for (Map<String, Object> example : ApiSurface.examples(openapi, operation)) {
                for (String field : example.keySet()) {
                    for (Object replacement : new Object[] {
                        null,
                        "x",
                        7,
                        1.5e300,
                        true,
                        List.of(),
                        Map.of(),
                        List.of(Map.of()),
                        "x".repeat(5000),
                        // A NUL inside a list or a map: refused, and left out (a null in a list was a 500).
                        List.of("x\u0000"),
                        Map.of("k", "x\u0000")
                    }) {
                        Map<String, Object> body = new LinkedHashMap<>(example);
                        body.put(field, replacement);
                        calls++;
                        Response response = call(
                                        operation,
                                        "example with " + field + "=" + truncate(String.valueOf(replacement)),
                                        world.as(operation.path()),
                                        world.fill(operation.path()),
                                        spec -> spec,
                                        toJson(body))
                                .send();
                        String type = String.valueOf(response.contentType());
                        if (response.statusCode() >= 500
                                || response.statusCode() >= 400 && !type.startsWith("application/problem+json")) {
                            failures.add(operation.method() + " " + operation.path() + " with " + field + "="
                                    + truncate(String.valueOf(replacement)) + " -> " + response.statusCode() + " "
                                    + truncate(response.asString()));
                        }
                    }
                }
            }
        }
        assertTrue(calls > 300, "generated " + calls + " calls");
        assertEquals(List.of(), failures, failures.size() + " of " + calls + " calls answered badly");
    }

    private static String toJson(Object value) {
        return JSON.writeValueAsString(value);
    }

    /**
     * A request line or header the HTTP server cannot read at all (a NUL or a byte that is not
     * UTF-8 in the path, a byte beyond ASCII in a header): Grizzly answers 400 with no body
     * before any servlet, Herald's included, sees it; so nothing can be stored.
     */
    private static boolean refusedByTheHttpServer(Response response) {
        return response.statusCode() == 400 && response.contentType().isEmpty() && response.asByteArray().length == 0;
    }

    /** A request to send and how to describe it in a failure. */
    record Call(String description, java.util.function.Supplier<Response> sender) {

        Response send() {
            return sender.get();
        }
    }

    private static List<Call> calls(ApiSurface.Operation operation, ApiSurface.World world) {
        List<Call> calls = new ArrayList<>();
        String realPath = world.fill(operation.path());
        boolean get = operation.method().equals("GET");
        // Hostile path segments, one parameter at a time, the others real.
        for (String name : templateParams(operation.path())) {
            for (String segment : SEGMENTS) {
                String path = world.fill(operation.path().replace("{" + name + "}", segment));
                calls.add(call(
                        operation,
                        "path " + name + "=" + truncate(segment),
                        world.as(operation.path()),
                        path,
                        spec -> spec,
                        operation.hasBody() ? "{}" : null));
            }
        }
        // Hostile query values, on the declared names (and, on every GET, the common ones: a
        // change call ignores names it does not read, so there they would be no bad input).
        Set<String> names = new LinkedHashSet<>(operation.queryParams());
        if (get) {
            names.addAll(COMMON_QUERY_NAMES);
        }
        for (String name : names) {
            for (String value : QUERY_VALUES) {
                calls.add(call(
                        operation,
                        "query " + name + "=" + truncate(value),
                        world.as(operation.path()),
                        realPath,
                        spec -> spec.queryParam(name, URLEncoder.encode(value, StandardCharsets.UTF_8)),
                        operation.hasBody() ? "{}" : null));
            }
            calls.add(call(
                    operation,
                    "query " + name + " twice",
                    world.as(operation.path()),
                    realPath,
                    spec -> spec.queryParam(name, "1", "2"),
                    operation.hasBody() ? "{}" : null));
        }
        // Headers that must stop the call before it does anything.
        HEADERS.forEach((description, header) -> calls.add(call(
                operation,
                "header " + description,
                world.as(operation.path()),
                realPath,
                header,
                operation.hasBody() ? "{}" : null)));
        // Hostile bodies.
        if (operation.hasBody()) {
            for (String body : BODIES) {
                calls.add(call(
                        operation, "body " + truncate(body), world.as(operation.path()), realPath, spec -> spec, body));
            }
        }
        return calls;
    }

    private static Call call(
            ApiSurface.Operation operation,
            String what,
            UnaryOperator<RequestSpecification> auth,
            String path,
            UnaryOperator<RequestSpecification> change,
            String body) {
        String description = operation.method() + " " + operation.path() + " with " + what;
        return new Call(description, () -> {
            RequestSpecification spec = change.apply(auth.apply(RestAssured.given()
                    .config(RestAssuredConfig.config()
                            .encoderConfig(EncoderConfig.encoderConfig()
                                    .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                    .urlEncodingEnabled(false)
                    .baseUri(HeraldServer.base().toString())
                    .basePath("api/v1")
                    .contentType("application/json")));
            if (body != null) {
                spec = spec.body(body.getBytes(StandardCharsets.UTF_8));
            }
            return spec.request(operation.method(), path);
        });
    }

    private static List<String> templateParams(String path) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher matcher =
                java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Map<String, UnaryOperator<RequestSpecification>> headers() {
        Map<String, UnaryOperator<RequestSpecification>> headers = new LinkedHashMap<>();
        headers.put("no Authorization", spec -> spec.header("Authorization", ""));
        headers.put(
                "a bearer token of 4,000 characters",
                spec -> spec.header("Authorization", "Bearer " + "x".repeat(4000)));
        headers.put("Basic credentials", spec -> spec.header("Authorization", "Basic dXNlcjpwYXNz"));
        headers.put("a bearer scheme with no token", spec -> spec.header("Authorization", "Bearer"));
        headers.put("a token of Latin-1 bytes", spec -> spec.header("Authorization", "Bearer t\u00f6k\u00e9n"));
        headers.put("Accept: application/xml", spec -> spec.accept("application/xml"));
        headers.put("Content-Type: text/plain", spec -> spec.contentType("text/plain"));
        headers.put("a malformed Content-Type", spec -> spec.contentType("application/json; charset"));
        headers.put("a Content-Type that is not a media type", spec -> spec.contentType("json"));
        // Not here: a charset parameter, even an unknown one. application/json has none (RFC 8259:
        // JSON is UTF-8), so Herald reads the bytes and ignores it.
        return headers;
    }

    private static String truncate(String text) {
        String flat = text.replace("\n", " ");
        return flat.length() <= 80 ? flat : flat.substring(0, 80) + "… (" + flat.length() + " chars)";
    }
}
