package dev.herald.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.it.HeraldServer;
import dev.herald.it.JsonDifference;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Health and the OpenAPI document, served beside the authenticated API. */
public abstract class OperationsSpec {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path COMMITTED_OPENAPI = Path.of("docs", "openapi.json");

    private static RequestSpecification root() {
        return given().baseUri(HeraldServer.base().toString());
    }

    @Test
    void readinessReportsTheDatabaseUp() {
        root().get("health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"))
                .body(
                        "checks.find { it.name == 'database' }.data.product",
                        equalTo(HeraldServer.onPostgres() ? "PostgreSQL" : "H2"));
    }

    @Test
    void livenessNamesTheDeliveryPumpUp() {
        root().get("health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'delivery-pump' }.status", equalTo("UP"));
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithExamples() {
        var openapi = root().accept("application/json")
                .get("openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String[] paths = {
            "/api/v1/tenants",
            "/api/v1/tenants/{id}",
            "/api/v1/tenants/{id}/tokens",
            "/api/v1/tenants/{id}/tokens/{tokenId}",
            "/api/v1/event-types",
            "/api/v1/event-types/{name}",
            "/api/v1/webhooks",
            "/api/v1/webhooks/{id}",
            "/api/v1/webhooks/{id}/activate",
            "/api/v1/webhooks/{id}/deactivate",
            "/api/v1/webhooks/{id}/secret",
            "/api/v1/events/verify",
            "/api/v1/events/export",
            "/api/v1/releases",
            "/api/v1/releases/{id}",
            "/api/v1/releases/{id}/publish",
            "/api/v1/releases/{id}/timeline",
            "/api/v1/approvals",
            "/api/v1/approvals/{id}",
            "/api/v1/approvals/{id}/approve",
            "/api/v1/approvals/{id}/reject",
            "/api/v1/policies",
            "/api/v1/policies/{id}",
            "/api/v1/licenses",
            "/api/v1/licenses/{id}",
            "/api/v1/licenses/{id}/revoke",
            "/api/v1/artifacts",
            "/api/v1/artifacts/{id}",
            "/api/v1/artifacts/{id}/verify",
            "/api/v1/integrations",
            "/api/v1/integrations/{id}",
            "/api/v1/integrations/{id}/receipts",
            "/api/v1/inbound/{integrationId}",
            "/api/v1/components",
            "/api/v1/components/{id}",
            "/api/v1/components/{id}/versions",
            "/api/v1/audit"
        };
        for (String path : paths) {
            org.junit.jupiter.api.Assertions.assertNotNull(openapi.get("paths.'" + path + "'"), path);
        }
        root().accept("application/json")
                .get("openapi")
                .then()
                .body(
                        "paths.'/api/v1/webhooks'.post.requestBody.content.'application/json'.examples",
                        hasKey("minimal"))
                .body("paths.'/api/v1/webhooks'.post.summary", notNullValue())
                .body("components.securitySchemes", hasKey("bearer"))
                .body(
                        "paths.'/api/v1/releases'.post.requestBody.content.'application/json'.examples",
                        hasKey("release"))
                // Every error's one shape, for every operation: a problem, with an example.
                .body("components.schemas.Problem.required", hasItem("status"))
                .body(
                        "paths.'/api/v1/webhooks'.post.responses.'4XX'.content.'application/problem+json'"
                                + ".examples.problem.value.errors[0].field",
                        equalTo("url"))
                .body(
                        "paths.'/api/v1/events/verify'.get.responses.'503'.content.'application/problem+json'"
                                + ".schema.'$ref'",
                        equalTo("#/components/schemas/Problem"));
    }

    /**
     * The OpenAPI document clients generate from is committed (docs/openapi.json) and must be
     * what the server serves: a change to the API shows up in review, never silently. After an
     * intended change, run the suite with {@code -Dherald.openapi.write=true} to rewrite it.
     */
    @Test
    void theServedOpenApiDocumentIsTheCommittedOne() throws Exception {
        JsonNode served = withoutRuntimeParts(JSON.readTree(root().accept("application/json")
                .get("openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString()));
        if (Boolean.getBoolean("herald.openapi.write")) {
            Files.writeString(
                    COMMITTED_OPENAPI, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");
        }
        JsonNode committed = JSON.readTree(Files.readString(COMMITTED_OPENAPI));
        assertEquals(
                "",
                JsonDifference.first(committed, served),
                "docs/openapi.json differs from what /openapi serves; if the change is intended, run the suite twice "
                        + "with -Dherald.openapi.write=true and commit the files it writes");
    }

    /**
     * Without what Payara adds at run time: the servers list names the address the document was
     * fetched from, and "endpoints" (its own extension, not OpenAPI 3.0) lists the base paths,
     * which generators refuse.
     */
    private static JsonNode withoutRuntimeParts(JsonNode document) {
        ((ObjectNode) document).remove(List.of("servers", "endpoints"));
        return document;
    }
}
