package dev.herald.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.herald.it.HeraldServer;
import org.junit.jupiter.api.Test;

/** Health and the OpenAPI document, outside the authenticated API. */
public abstract class OperationsSpec {

    @Test
    void readinessReportsTheDatabaseUp() {
        given().baseUri(HeraldServer.base().toString()).get("health/ready")
                .then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"));
    }
}
