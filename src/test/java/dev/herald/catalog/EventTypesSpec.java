package dev.herald.catalog;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.HeraldServer;
import dev.herald.it.Receiver;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event catalog (API.md "Event types"). */
public abstract class EventTypesSpec {

    private static final String OWN_TYPE = """
            {"name": "canary.promoted", "description": "A canary was promoted to full traffic",
             "schema": {"type": "object", "required": ["release_id"],
                        "properties": {"release_id": {"type": "string"}}}}""";

    @Test
    void listsEveryBuiltInTypeWithCategoryDescriptionAndSchema() {
        Api.newTenant()
                .api()
                .get("event-types?pageSize=200")
                .then()
                .statusCode(200)
                .body("total", equalTo(30))
                .body(
                        "items.name",
                        hasItems(
                                "release.created",
                                "release.published",
                                "release.approved",
                                "release.rejected",
                                "policy.created",
                                "policy.updated",
                                "policy.deleted",
                                "approval.requested",
                                "approval.approved",
                                "approval.rejected",
                                "approval.expired",
                                "license.issued",
                                "license.revoked",
                                "license.expired",
                                "artifact.registered",
                                "artifact.verified",
                                "promotion.requested",
                                "promotion.approved",
                                "promotion.rejected",
                                "deployment.started",
                                "deployment.completed",
                                "deployment.failed",
                                "rollback.initiated",
                                "build.started",
                                "build.finished",
                                "incident.shared",
                                "incident.updated",
                                "webhook.ping",
                                "webhook.disabled",
                                "delivery.exhausted"))
                .body("items.schema.type", everyItem(equalTo("object")))
                .body("items.description", everyItem(notNullValue()))
                .body("items.find { it.name == 'release.created' }.category", equalTo("release"))
                .body(
                        "items.find { it.name == 'release.created' }.schema.required",
                        hasItems("release_id", "product_id", "version", "channel"));
    }

    @Test
    void pagesTheCatalogByName() {
        Api.newTenant()
                .api()
                .get("event-types?page=2&pageSize=5")
                .then()
                .statusCode(200)
                .body("items", hasSize(5))
                .body("page", equalTo(2))
                .body("pageSize", equalTo(5))
                .body("total", equalTo(30));
    }

    @Test
    void aTenantsOwnTypeIsVisibleOnlyToThatTenant() {
        Tenant tenant = Api.newTenant();
        tenant.api()
                .body(OWN_TYPE)
                .post("event-types")
                .then()
                .statusCode(201)
                .body("name", equalTo("canary.promoted"))
                .body("category", equalTo("canary"))
                .body("builtIn", equalTo(false))
                .body("schema.required", hasItem("release_id"));
        tenant.api().get("event-types/canary.promoted").then().statusCode(200);
        tenant.api().get("event-types?pageSize=200").then().body("total", equalTo(31));

        Tenant other = Api.newTenant();
        other.api().get("event-types/canary.promoted").then().statusCode(404);
        other.api().get("event-types?pageSize=200").then().body("items.name", not(hasItem("canary.promoted")));
    }

    @Test
    void typeNamesCannotBeTakenTwiceOrShadowBuiltIns() {
        Tenant tenant = Api.newTenant();
        tenant.api().body(OWN_TYPE).post("event-types").then().statusCode(201);
        tenant.api().body(OWN_TYPE).post("event-types").then().statusCode(409).contentType("application/problem+json");
        tenant.api()
                .body(OWN_TYPE.replace("canary.promoted", "release.created"))
                .post("event-types")
                .then()
                .statusCode(409);
    }

    @Test
    void theCategoriesOfWhatHeraldRaisesAboutItselfAreNotATenants() {
        Tenant tenant = Api.newTenant();
        for (String name : new String[] {"webhook.disabled-now", "delivery.exhausted.final"}) {
            tenant.api()
                    .body(OWN_TYPE.replace("canary.promoted", name))
                    .post("event-types")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("name"))
                    .body("errors[0].message", containsString("Herald's own"));
            tenant.api().get("event-types/" + name).then().statusCode(404);
        }
        // Publishing a tenant's own type, in a batch of many, still passes.
        tenant.api().body(OWN_TYPE).post("event-types").then().statusCode(201);
        String item = "{\"type\":\"canary.promoted\",\"data\":{\"release_id\":\"r1\"}}";
        tenant.api()
                .body("{\"events\":[" + String.join(",", java.util.Collections.nCopies(50, item)) + "]}")
                .post("events/batch")
                .then()
                .statusCode(202);
    }

    /** Every page of the catalog, and every {@code category.*} a subscription names, read all of a tenant's type names. */
    @Test
    void aTenantDefinesAtMost1000TypesOfItsOwn() {
        Tenant tenant = Api.newTenant();
        int builtIn = tenant.api().get("event-types").then().extract().path("total");
        for (int i = 0; i < 1_000; i++) {
            tenant.api()
                    .body(OWN_TYPE.replace("canary.promoted", "own.t" + i))
                    .post("event-types")
                    .then()
                    .statusCode(201);
        }
        tenant.api()
                .body(OWN_TYPE.replace("canary.promoted", "own.t1000"))
                .post("event-types")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("already defines 1000 event types"));
        tenant.api().get("event-types/own.t1000").then().statusCode(404);
        tenant.api().get("event-types?pageSize=1").then().body("total", equalTo(builtIn + 1_000));
    }

    @Test
    void subscriptionsMayNameATenantsOwnTypesAndCategories() {
        Tenant tenant = Api.newTenant();
        String body = "{\"url\":\"https://93.184.216.34/in\",\"events\":[\"canary.promoted\",\"canary.*\"]}";
        tenant.api().body(body).post("webhooks").then().statusCode(400);
        tenant.api().body(OWN_TYPE).post("event-types").then().statusCode(201);
        tenant.api().body(body).post("webhooks").then().statusCode(201);
    }

    /**
     * Every page of the catalog, and every `category.*` a subscription named, read and parsed all
     * of the tenant's schemas (up to the body limit each); now a page reads only its own, and they
     * must fit the caller's room (the suite's share: 256 KiB).
     */
    @Test
    void aPageOfLargeSchemasMustFitOneCallAndPatternsAreCheckedByName() {
        Tenant tenant = Api.newTenant();
        String description = "d".repeat(60_000);
        for (int i = 1; i <= 5; i++) {
            tenant.api()
                    .body("{\"name\":\"large.t" + i + "\",\"description\":\"d\",\"schema\":{\"type\":\"object\","
                            + "\"description\":\"" + description + "\"}}")
                    .post("event-types")
                    .then()
                    .statusCode(201);
        }
        tenant.api()
                .get("event-types?pageSize=200")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("pageSize"))
                .body("errors[0].message", containsString("pageSize=4 or less"));
        int total = tenant.api().get("event-types?pageSize=1").then().extract().path("total");
        // Every page, in turn, a few times over: where the large schemas span two pages, the room
        // of the one before (most of the share) must be back by the time its answer has arrived.
        for (int round = 0; round < 10; round++) {
            for (int page = 1; page <= (total + 3) / 4; page++) {
                Response answer = tenant.api().get("event-types?pageSize=4&page=" + page);
                assertEquals(200, answer.statusCode(), answer.asString());
            }
        }
        tenant.api()
                .body("{\"url\":\"https://93.184.216.34/in\",\"events\":[\"large.*\"]}")
                .post("webhooks")
                .then()
                .statusCode(201);
    }

    @Test
    void aSchemaOfAShapeHeraldCannotReadIsA400NamingTheKeyword() {
        Tenant tenant = Api.newTenant();
        Map<String, String> odd = Map.of(
                "{\"type\":\"object\",\"properties\":\"release_id\"}",
                "schema.properties",
                "{\"properties\":{\"a\":{\"enum\":\"x\"}}}",
                "schema.properties.a.enum",
                "{\"properties\":{\"a\":{\"type\":\"object\",\"properties\":{\"b\":{\"type\":[]}}}}}",
                "schema.properties.a.properties.b.type",
                "{\"properties\":{\"a\":{\"format\":5}}}",
                "schema.properties.a.format",
                "{\"properties\":{\"a\":7}}",
                "schema.properties.a",
                "{\"required\":[\"a\",1]}",
                "schema.required",
                "{\"items\":[{\"type\":\"string\"},7]}", // the tuple form is read, each of its schemas checked
                "schema.items[1]",
                "{\"type\":\"decimal\"}",
                "schema.type",
                "{\"properties\":{\"a\":{\"enum\":[1e309]}}}",
                "schema.properties.a.enum[0]",
                "{\"properties\":{\"a\":" + "{\"properties\":{\"a\":".repeat(20) + "{}" + "}}".repeat(20) + "}}",
                "schema" + ".properties.a".repeat(16));
        odd.forEach((schema, field) -> tenant.api()
                .body("{\"name\":\"odd.shape\",\"description\":\"d\"," + "\"schema\":" + schema + "}")
                .post("event-types")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field)));
        tenant.api().get("event-types/odd.shape").then().statusCode(404);
    }

    @Test
    void aTestOfATypeStoredWithAnOddSchemaStillSendsASample() throws Exception {
        Tenant tenant = Api.newTenant();
        // Stored as an earlier Herald accepted it, before shapes were checked.
        try (Connection db = HeraldServer.database();
                PreparedStatement insert = db.prepareStatement(
                        "INSERT INTO event_types (tenant_id, name, description, schema_json, created_at)"
                                + " VALUES (?, 'odd.shape', 'd', ?, CURRENT_TIMESTAMP)")) {
            insert.setString(1, tenant.id());
            insert.setString(
                    2,
                    "{\"properties\":{\"a\":{\"enum\":\"x\"},\"b\":{\"properties\":\"y\","
                            + "\"type\":\"object\"},\"c\":{\"format\":5},"
                            + "\"d\":{\"enum\":[1e309,{\"e\":-1e400},\"ok\"]},\"f\":{\"enum\":[1e309]}}}");
            insert.executeUpdate();
        }
        try (Receiver receiver = Receiver.start()) {
            String id = tenant.api()
                    .body("{\"url\":\"" + receiver.url("/hooks") + "\",\"events\":[\"odd.*\"]}")
                    .post("webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            tenant.api()
                    .body("{\"event\":\"odd.shape\"}")
                    .post("webhooks/" + id + "/test")
                    .then()
                    .statusCode(200)
                    .body("success", equalTo(true));
            String sample = receiver.requests().get(0).body();
            assertTrue(sample.contains("\"c\":\"sample-c\""), sample);
            // Enum choices beyond a double are passed over (the history could not hash them).
            assertTrue(sample.contains("\"d\":\"ok\""), sample);
            assertTrue(sample.contains("\"f\":\"sample-f\""), sample);
        }
    }
}
