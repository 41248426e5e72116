package dev.herald.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import dev.herald.it.HeraldServer;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** Health and the OpenAPI document, served beside the authenticated API. */
public abstract class OperationsSpec {

    private static RequestSpecification root() {
        return given().baseUri(HeraldServer.base().toString());
    }

    @Test
    void readinessReportsTheDatabaseUp() {
        root().get("health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"))
                .body("checks.find { it.name == 'database' }.data.product",
                        equalTo(HeraldServer.onPostgres() ? "PostgreSQL" : "H2"));
    }

    @Test
    void livenessIsUp() {
        root().get("health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithExamples() {
        var openapi = root().accept("application/json").get("openapi").then().statusCode(200).extract().jsonPath();
        String[] paths = {"/api/v1/tenants", "/api/v1/tenants/{id}", "/api/v1/tenants/{id}/tokens",
                "/api/v1/tenants/{id}/tokens/{tokenId}", "/api/v1/event-types", "/api/v1/event-types/{name}",
                "/api/v1/webhooks", "/api/v1/webhooks/{id}", "/api/v1/webhooks/{id}/activate",
                "/api/v1/webhooks/{id}/deactivate", "/api/v1/webhooks/{id}/secret"};
        for (String path : paths) {
            org.junit.jupiter.api.Assertions.assertNotNull(openapi.get("paths.'" + path + "'"), path);
        }
        root().accept("application/json").get("openapi").then()
                .body("paths.'/api/v1/webhooks'.post.requestBody.content.'application/json'.examples",
                        hasKey("minimal"))
                .body("paths.'/api/v1/webhooks'.post.summary", notNullValue())
                .body("components.securitySchemes", hasKey("bearer"));
    }
}
