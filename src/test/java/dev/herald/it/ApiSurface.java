package dev.herald.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api.Tenant;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Every operation of the API as the served OpenAPI document lists it, and a tenant with one
 * real object of each kind to call them on: what tests that go over the whole API (hostile
 * input, the scope matrix) share, so a new endpoint reaches them all without being listed.
 */
public final class ApiSurface {

    private ApiSurface() {}

    /** One operation of the OpenAPI document: its method, path template and declared parameters. */
    public record Operation(
            String method, String path, List<String> pathParams, Set<String> queryParams, boolean hasBody) {}

    @SuppressWarnings("unchecked")
    /** The example request bodies the OpenAPI document gives for an operation. */
    public static List<Map<String, Object>> examples(JsonPath openapi, Operation operation) {
        Map<String, Object> examples = openapi.getMap("paths.'/api/v1/" + operation.path() + "'."
                + operation.method().toLowerCase() + ".requestBody.content.'application/json'.examples");
        List<Map<String, Object>> bodies = new ArrayList<>();
        if (examples != null) {
            for (Object example : examples.values()) {
                Object value = ((Map<String, Object>) example).get("value");
                if (value instanceof String text) {
                    value = JsonPath.from(text).getMap("");
                }
                if (value instanceof Map<?, ?> map) {
                    bodies.add((Map<String, Object>) map);
                }
            }
        }
        return bodies;
    }

    /** The served OpenAPI document. */
    public static JsonPath openapi() {
        return RestAssured.given()
                .baseUri(HeraldServer.base().toString())
                .accept("application/json")
                .get("openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    public static List<Operation> operations() {
        JsonPath openapi = openapi();
        Map<String, Map<String, Map<String, Object>>> paths = openapi.getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, methods) -> {
            if (!path.startsWith("/api/v1/")) {
                return;
            }
            methods.forEach((method, definition) -> {
                List<String> pathParams = new ArrayList<>();
                Set<String> queryParams = new LinkedHashSet<>();
                Object parameters = definition.get("parameters");
                if (parameters instanceof List<?> list) {
                    for (Object item : list) {
                        Map<?, ?> parameter = (Map<?, ?>) item;
                        if ("path".equals(parameter.get("in"))) {
                            pathParams.add((String) parameter.get("name"));
                        } else if ("query".equals(parameter.get("in"))) {
                            queryParams.add((String) parameter.get("name"));
                        }
                    }
                }
                operations.add(new Operation(
                        method.toUpperCase(),
                        path.substring("/api/v1/".length()),
                        pathParams,
                        queryParams,
                        definition.containsKey("requestBody")));
            });
        });
        assertTrue(operations.size() > 50, "the document lists " + operations.size() + " operations");
        return operations;
    }

    /**
     * The tenant's real objects, one of each kind, so that hostile input meets the code behind
     * each operation rather than a 404; and a snapshot of everything they show.
     */
    public record World(Tenant tenant, Map<String, String> ids) {

        public static World of(Tenant tenant) {
            Map<String, String> ids = new LinkedHashMap<>();
            ids.put(
                    "webhooks",
                    create(
                            tenant,
                            "webhooks",
                            "{\"url\":\"https://93.184.216.34/in\"," + "\"events\":[\"incident.updated\"]}"));
            String release =
                    create(tenant, "releases", "{\"productId\":\"shop\",\"version\":\"1.0.0\",\"channel\":\"stable\"}");
            ids.put("releases", release);
            ids.put("approvals", create(tenant, "approvals", "{\"releaseId\":\"" + release + "\"}"));
            ids.put("policies", create(tenant, "policies", "{\"name\":\"p\",\"rules\":{\"requireApproval\":true}}"));
            ids.put(
                    "licenses",
                    create(
                            tenant,
                            "licenses",
                            "{\"productId\":\"shop\",\"licensee\":\"acme\","
                                    + "\"expiresAt\":\"2099-01-01T00:00:00Z\"}"));
            ids.put(
                    "artifacts",
                    create(tenant, "artifacts", "{\"name\":\"shop:1\",\"digest\":\"sha256:" + "a".repeat(64) + "\"}"));
            ids.put(
                    "integrations",
                    create(
                            tenant,
                            "integrations",
                            "{\"name\":\"hub\",\"type\":\"generic\","
                                    + "\"secret\":\"0123456789abcdef0123456789abcdef\",\"signatureHeader\":\"X-Sig\"}"));
            ids.put(
                    "components",
                    create(
                            tenant,
                            "components",
                            "{\"name\":\"shop\",\"repository\":\"acme/shop\"," + "\"productId\":\"shop\"}"));
            ids.put("inbound", ids.get("integrations"));
            String event =
                    tenant.api().get("events").then().statusCode(200).extract().path("items[0].id");
            ids.put("events", event);
            ids.put("tenants", tenant.id());
            ids.put("event-types", "release.created");
            return new World(tenant, ids);
        }

        private static String create(Tenant tenant, String path, String body) {
            return tenant.api()
                    .body(body)
                    .post(path)
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
        }

        /** The path with each {parameter} replaced by the real id of the kind its path names. */
        public String fill(String template) {
            String[] parts = template.split("/");
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                if (part.startsWith("{")) {
                    part = ids.getOrDefault(parts[i - 1], "nope");
                }
                path.append(i == 0 ? "" : "/").append(part);
            }
            return path.toString();
        }

        /** The admin acts on /tenants; the tenant on everything else; senders of inbound calls are anonymous. */
        public UnaryOperator<RequestSpecification> as(String template) {
            if (template.startsWith("tenants")) {
                return spec -> spec.header("Authorization", "Bearer " + HeraldServer.ADMIN_TOKEN);
            }
            if (template.startsWith("inbound")) {
                return spec -> spec;
            }
            return spec -> spec.header("Authorization", "Bearer " + tenant.token());
        }

        /** Everything the tenant's objects, history and tokens show, and how many tenants there are. */
        public String snapshot() {
            StringBuilder all = new StringBuilder();
            for (String kind : List.of(
                    "webhooks",
                    "releases",
                    "approvals",
                    "policies",
                    "licenses",
                    "artifacts",
                    "integrations",
                    "components",
                    "event-types?pageSize=200",
                    "events?pageSize=200")) {
                all.append(tenant.api()
                                .get(kind)
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString())
                        .append('\n');
            }
            all.append(tenant.api()
                    .get("events/export")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            // The tokens as issued: their lastUsedAt moves whenever they are used, so it is left out.
            JsonPath tokens = Api.admin()
                    .get("tenants/" + tenant.id() + "/tokens?pageSize=200")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            all.append(tokens.getList("items.id"))
                    .append(tokens.getList("items.actor"))
                    .append(tokens.getList("items.scopes"))
                    .append(tokens.getList("items.expiresAt"));
            all.append(Api.admin()
                    .get("tenants?pageSize=1")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("total")
                    .toString());
            return all.toString();
        }
    }
}
