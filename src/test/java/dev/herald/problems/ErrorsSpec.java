package dev.herald.problems;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error is application/problem+json and changes nothing, whatever the client sent. */
public abstract class ErrorsSpec {

    private static final String WEBHOOK = "{\"url\":\"https://93.184.216.34/in\",\"events\":[\"release.*\"]}";

    @Test
    void unknownPathsAre404Problems() {
        Api.admin()
                .get("webhooks/wh_doesnotexist")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("wh_doesnotexist"));
        Api.admin().get("no/such/path").then().statusCode(404).contentType("application/problem+json");
        // Outside the API the servlet container answered itself: HTML, and 403 or 501 to some methods.
        for (String method : new String[] {"GET", "PATCH", "DELETE", "PUT"}) {
            io.restassured.RestAssured.given()
                    .baseUri(dev.herald.it.HeraldServer.base().toString())
                    .request(method, "no/such/page")
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void wrongMethodsAre405ProblemsListingTheAllowedOnes() {
        Api.admin()
                .delete("webhooks")
                .then()
                .statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", containsString("POST"))
                .body("detail", containsString("GET"));
    }

    @Test
    void bodiesThatAreNotJsonAre415() {
        Tenant tenant = Api.newTenant();
        tenant.api()
                .contentType(ContentType.TEXT)
                .body("url=https://93.184.216.34")
                .post("webhooks")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        tenant.api().get("webhooks").then().body("total", equalTo(0));
    }

    @Test
    void bodiesOverTheLimitAre413AndStoreNothing() {
        Tenant tenant = Api.newTenant();
        // The integration run sets herald.max-body-bytes to 64 KiB.
        String huge = WEBHOOK.replace("}", ",\"name\":\"" + "x".repeat(70_000) + "\"}");
        tenant.api()
                .body(huge)
                .post("webhooks")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("65536"));
        tenant.api().get("webhooks").then().body("total", equalTo(0));
    }

    private static Arguments bad(String description, String path, String body, String field) {
        return Arguments.of(Named.of(description, path), body, field);
    }

    static Stream<Arguments> badBodiesElsewhere() {
        return Stream.of(
                bad("an event type without a name", "event-types", "{\"description\":\"d\",\"schema\":{}}", "name"),
                bad(
                        "an event type named in one part",
                        "event-types",
                        "{\"name\":\"promoted\",\"description\":\"d\",\"schema\":{}}",
                        "name"),
                bad(
                        "an event type with upper case",
                        "event-types",
                        "{\"name\":\"Canary.Promoted\",\"description\":\"d\",\"schema\":{}}",
                        "name"),
                bad(
                        "an event type without a schema",
                        "event-types",
                        "{\"name\":\"canary.promoted\",\"description\":\"d\"}",
                        "schema"),
                bad(
                        "an event type whose schema is a string",
                        "event-types",
                        "{\"name\":\"canary.promoted\",\"description\":\"d\",\"schema\":\"object\"}",
                        "schema"),
                bad(
                        "an event type schema of an unknown type",
                        "event-types",
                        "{\"name\":\"canary.promoted\",\"description\":\"d\",\"schema\":{\"type\":\"thing\"}}",
                        "schema.type"),
                bad(
                        "an event type with an unknown field",
                        "event-types",
                        "{\"name\":\"canary.promoted\",\"description\":\"d\",\"schema\":{},\"owner\":\"me\"}",
                        "owner"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodiesElsewhere")
    void badEventTypesAre400AndStoreNothing(String path, String body, String field) {
        Tenant tenant = Api.newTenant();
        tenant.api()
                .body(body)
                .post(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
        tenant.api().get("event-types?pageSize=200").then().body("total", equalTo(30));
    }

    @Test
    void badTenantRequestsAre400AndCreateNoTenant() {
        for (String body :
                new String[] {"{}", "{\"name\":\"has space\"}", "{\"name\":\"ok\",\"plan\":\"gold\"}", "{\"name\":12}"
                }) {
            Api.admin()
                    .body(body)
                    .post("tenants")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors", notNullValue());
        }
        Api.admin().get("tenants?pageSize=200").then().body("items.name", not(hasItem("ok")));
    }

    @Test
    void badPagingParametersAre400() {
        Tenant tenant = Api.newTenant();
        tenant.api().get("webhooks?page=0").then().statusCode(400).body("errors.field", hasItem("page"));
        tenant.api().get("webhooks?pageSize=201").then().statusCode(400).body("errors.field", hasItem("pageSize"));
        tenant.api()
                .get("event-types?pageSize=ten")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("pageSize"));
    }

    private static final String[] JSON_ENDPOINTS = {
        "webhooks",
        "events",
        "event-types",
        "releases",
        "approvals",
        "policies",
        "licenses",
        "artifacts",
        "integrations",
        "components"
    };

    static Stream<Arguments> hostileBodies() {
        return Stream.of(
                Arguments.of(Named.of("5,000-deep arrays", "{\"data\":" + "[".repeat(5000) + "]".repeat(5000) + "}")),
                Arguments.of(Named.of("5,000-deep objects", "{\"a\":".repeat(5000) + "1" + "}".repeat(5000))),
                Arguments.of(Named.of("a 5,000-digit number", "{\"timeout\":" + "9".repeat(5000) + "}")),
                Arguments.of(Named.of("an exponent of a billion", "{\"timeout\":1e999999999}")),
                Arguments.of(Named.of("a negative exponent of a billion", "{\"timeout\":1e-999999999}")),
                Arguments.of(Named.of("an exponent that is not a number", "{\"timeout\":1e.5}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void hostileBodiesAre400AtEveryJsonEndpointAndStoreNothing(String body) {
        Tenant tenant = Api.newTenant();
        for (String path : JSON_ENDPOINTS) {
            tenant.api()
                    .body(body)
                    .post(path)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("body"));
        }
        Api.admin().body(body).post("tenants").then().statusCode(400).contentType("application/problem+json");
        for (String path : JSON_ENDPOINTS) {
            tenant.api().get(path).then().statusCode(200).body("total", equalTo(path.equals("event-types") ? 30 : 0));
        }
    }

    /** UTF-16 and UTF-32 bodies got past the shape check (it reads UTF-8) and a long number in one was a 500. */
    @Test
    void bodiesNotInUtf8Are400AtEveryJsonEndpointAndStoreNothing() {
        Tenant tenant = Api.newTenant();
        String longNumber = "{\"n\":" + "9".repeat(5_000) + "}";
        for (var encoding : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            for (String path : JSON_ENDPOINTS) {
                tenant.api()
                        .body(longNumber.getBytes(encoding))
                        .post(path)
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .body("errors[0].message", containsString("UTF-8"));
            }
        }
        for (String path : JSON_ENDPOINTS) {
            tenant.api().get(path).then().statusCode(200).body("total", equalTo(path.equals("event-types") ? 30 : 0));
        }
    }

    @Test
    void aPageNumberWhoseOffsetOverflowsIs400AtEveryListing() {
        Tenant tenant = Api.newTenant();
        for (String path : JSON_ENDPOINTS) {
            tenant.api()
                    .get(path + "?page=2147483647&pageSize=200")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("page"));
            tenant.api().get(path + "?page=10737418&pageSize=200").then().statusCode(200);
        }
        Api.admin().get("tenants?page=2147483647").then().statusCode(400).contentType("application/problem+json");
    }
}
