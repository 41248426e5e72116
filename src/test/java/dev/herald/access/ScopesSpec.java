package dev.herald.access;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.ApiSurface;
import dev.herald.it.ApiSurface.Operation;
import dev.herald.it.ApiSurface.World;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token scopes (issue 13): every operation of the API called with a token of every scope, the
 * lifetime of tokens, and what issuing one checks.
 */
public abstract class ScopesSpec {

    private static final List<String> SCOPES = List.of("admin", "publish", "govern", "subscribe", "read");

    /** The scope that changes each area of the API, by the path's first segment. */
    private static final Map<String, String> AREAS = Map.ofEntries(
            Map.entry("tenants", "admin"),
            Map.entry("policies", "admin"),
            Map.entry("audit", "admin"),
            Map.entry("events", "publish"),
            Map.entry("event-types", "publish"),
            Map.entry("integrations", "publish"),
            Map.entry("components", "publish"),
            Map.entry("releases", "govern"),
            Map.entry("approvals", "govern"),
            Map.entry("licenses", "govern"),
            Map.entry("artifacts", "govern"),
            Map.entry("webhooks", "subscribe"),
            Map.entry("deliveries", "subscribe"));

    /** Reads that need more than {@code read}: a secret, and the audit trail. */
    private static final Map<String, String> EXACT =
            Map.of("GET webhooks/{id}/secret", "subscribe", "GET audit", "admin");

    /**
     * Operations whose documented example needs a second scope besides its area's: a component
     * with release triggers creates releases, and so may pushes through the world's integration
     * (set up by an admin). Only {@code admin} holds both of the matrix's.
     */
    private static final Map<String, String> ALSO = Map.of(
            "POST components", "govern",
            "PUT integrations/{id}", "govern",
            "DELETE integrations/{id}", "govern");

    /** Only the platform's bootstrap token manages tenants, whatever a tenant token's scopes. */
    private static final Set<String> PLATFORM = Set.of("POST tenants", "GET tenants");

    /** Operations a sender or an endpoint's owner calls without a token. */
    private static boolean anonymous(Operation operation) {
        return operation.path().startsWith("inbound/") || operation.path().startsWith("subscription-validations/");
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyOperationWithEveryScopeIsAllowedOrA403NamingTheScopeAndA403ChangesNothing() {
        Tenant tenant = Api.newTenant();
        World world = World.of(tenant);
        // Inactive, so that no test send or backfill goes out to the network.
        tenant.api()
                .post("webhooks/" + world.ids().get("webhooks") + "/deactivate")
                .then()
                .statusCode(200);
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String scope : SCOPES) {
            tokens.put(
                    scope,
                    issue(tenant, "matrix-" + scope, List.of(scope), null).getString("token"));
        }
        JsonPath openapi = ApiSurface.openapi();
        List<Operation> operations = ApiSurface.operations().stream()
                .filter(operation -> !anonymous(operation))
                .toList();

        List<String> failures = new ArrayList<>();
        String before = world.snapshot();
        int refused = 0;
        for (Operation operation : operations) {
            String key = operation.method() + " " + operation.path();
            String area = AREAS.get(operation.path().split("/")[0]);
            assertTrue(area != null, key + " belongs to no area this test knows: add it to AREAS");
            for (String scope : SCOPES) {
                if (!allowed(key, area, scope)) {
                    refused++;
                    Response response = send(operation, world, openapi, tokens.get(scope));
                    String needed = needed(key, area, scope);
                    String body = response.asString();
                    boolean namesTheScope = body.contains("urn:herald:problem:missing-scope")
                            && body.contains("'" + needed + "' scope");
                    if (response.statusCode() != 403 || !PLATFORM.contains(key) && !namesTheScope) {
                        failures.add(key + " with " + scope + " -> " + response.statusCode() + " " + response.asString()
                                + " (expected a 403 naming '" + needed + "')");
                    }
                }
            }
        }
        assertEquals(List.of(), failures, "refused calls");
        assertTrue(refused > 150, refused + " calls refused");
        assertEquals(before, world.snapshot(), "a refused call changes nothing");

        for (Operation operation : operations) {
            String key = operation.method() + " " + operation.path();
            String area = AREAS.get(operation.path().split("/")[0]);
            for (String scope : SCOPES) {
                if (allowed(key, area, scope)) {
                    Response response = send(operation, world, openapi, tokens.get(scope));
                    // Past the scope check another rule may still refuse (four eyes): never the scope.
                    if (response.asString().contains("urn:herald:problem:missing-scope")
                            || response.statusCode() >= 500) {
                        failures.add(
                                key + " with " + scope + " -> " + response.statusCode() + " " + response.asString());
                    }
                }
            }
        }
        assertEquals(List.of(), failures, "allowed calls");
        Api.admin().get("tenants").then().statusCode(200);
    }

    private static boolean allowed(String key, String area, String scope) {
        if (PLATFORM.contains(key)) {
            return false;
        }
        if (scope.equals("admin")) {
            return true;
        }
        if (ALSO.containsKey(key)) {
            return false;
        }
        String needed = needed(key, area, scope);
        return scope.equals(needed) || needed.equals("read") && scope.equals(area);
    }

    /** The scope a refusal of {@code scope} names: the second one, for a token that holds the first. */
    private static String needed(String key, String area, String scope) {
        if (ALSO.containsKey(key) && scope.equals(area)) {
            return ALSO.get(key);
        }
        if (EXACT.containsKey(key)) {
            return EXACT.get(key);
        }
        return key.startsWith("GET ") ? "read" : area;
    }

    /** The operation on the tenant's real objects, with its documented example body: a real change if let through. */
    private static Response send(Operation operation, World world, JsonPath openapi, String token) {
        var request = Api.as(token);
        if (operation.hasBody()) {
            List<Map<String, Object>> examples = ApiSurface.examples(openapi, operation);
            request.body(examples.isEmpty() ? "{}" : JSON.writeValueAsString(examples.get(0)));
        }
        return request.request(operation.method(), world.fill(operation.path()));
    }

    @Test
    void onlyAGovernTokenPublishesDefinesOrSamplesTheGovernanceApisEvents() {
        Tenant tenant = Api.newTenant();
        String bot = issue(tenant, "build-bot", List.of("publish"), null).getString("token");
        String governor = issue(tenant, "release-manager", List.of("publish", "govern"), null)
                .getString("token");
        String approval = "{\"type\":\"release.approved\",\"subject\":\"rel_x\","
                + "\"data\":{\"release_id\":\"rel_x\",\"approved_by\":\"ciso\"}}";
        String deployment = "{\"type\":\"deployment.completed\",\"data\":{\"deployment_id\":\"d1\"}}";

        for (String type : List.of(
                "release.approved", "approval.approved", "policy.updated", "license.issued", "artifact.verified")) {
            Api.as(bot)
                    .body("{\"type\":\"" + type + "\",\"data\":{}}")
                    .post("events")
                    .then()
                    .statusCode(403)
                    .body("type", equalTo("urn:herald:problem:missing-scope"))
                    .body("detail", containsString("'govern' scope"))
                    .body("detail", containsString(type));
        }
        Api.as(bot)
                .body("{\"events\":[" + deployment + "," + approval + "]}")
                .post("events/batch")
                .then()
                .statusCode(403)
                .body("detail", containsString("release.approved"));
        Api.as(bot)
                .body("{\"name\":\"release.signed-off\",\"description\":\"look-alike\",\"schema\":{}}")
                .post("event-types")
                .then()
                .statusCode(403)
                .body("detail", containsString("'govern' scope"));
        String subscriber = issue(tenant, "hooks", List.of("subscribe"), null).getString("token");
        String hook = tenant.api()
                .body("{\"url\":\"https://93.184.216.34/in\",\"events\":[\"release.*\"]}")
                .post("webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.as(subscriber)
                .body("{\"event\":\"release.approved\"}")
                .post("webhooks/" + hook + "/test")
                .then()
                .statusCode(403)
                .body("detail", containsString("'govern' scope"));
        // A component's release triggers create releases, and so release.created, from any push.
        String triggered = "{\"name\":\"api\",\"repository\":\"acme/api\",\"productId\":\"shop-api\","
                + "\"triggers\":[{\"tagPattern\":\"^(.*)$\",\"channel\":\"stable\"}]}";
        Api.as(bot)
                .body(triggered)
                .post("components")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:herald:problem:missing-scope"))
                .body("detail", containsString("'govern' scope"))
                .body("detail", containsString("release.created"));
        tenant.api().get("components").then().body("total", equalTo(0));
        tenant.api().get("events").then().body("total", equalTo(0));
        tenant.api().get("event-types/release.signed-off").then().statusCode(404);
        // Without triggers a component only records the versions pushed: a build bot's to set up.
        Api.as(bot)
                .body("{\"name\":\"web\",\"repository\":\"acme/web\",\"productId\":\"shop-web\"}")
                .post("components")
                .then()
                .statusCode(201);
        Api.as(governor).body(triggered).post("components").then().statusCode(201);

        Api.as(bot).body(deployment).post("events").then().statusCode(202);
        Api.as(bot)
                .body("{\"name\":\"canary.promoted\",\"description\":\"ours\",\"schema\":{}}")
                .post("event-types")
                .then()
                .statusCode(201);
        Api.as(governor).body(approval).post("events").then().statusCode(202);
        tenant.api().get("events").then().body("total", equalTo(2));
    }

    /**
     * Release triggers fire only on pushes through an integration set up with {@code govern}: a
     * build bot's own integration, whose secret it chooses, pushed any tag of a component a release
     * manager set up, and made releases (with artifacts) it could not make through the API.
     */
    @Test
    void aBuildBotsIntegrationFeedsNoReleaseTrigger() {
        Tenant tenant = Api.newTenant();
        String bot = issue(tenant, "build-bot", List.of("publish"), null).getString("token");
        String governor = issue(tenant, "release-manager", List.of("publish", "govern"), null)
                .getString("token");
        String component = Api.as(governor)
                .body("{\"name\":\"api\",\"repository\":\"acme/api\",\"productId\":\"shop-api\","
                        + "\"triggers\":[{\"tagPattern\":\"^v(.*)$\",\"channel\":\"stable\"}]}")
                .post("components")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String botsOwn = integration(bot, "bot's own", "bot-token");
        String push = "{\"repository\":\"acme/api\",\"tag\":\"v9.9.9\",\"digest\":\"sha256:" + "ab".repeat(32) + "\"}";
        Api.anonymous()
                .header("X-Herald-Token", "bot-token")
                .body(push)
                .post("inbound/" + botsOwn)
                .then()
                .statusCode(200)
                .body("versionsAdded", equalTo(1))
                .body("triggersActivated", equalTo(0));
        assertTrue(concludedReceipt(tenant, botsOwn).getString("reason").contains("without the 'govern' scope"));
        tenant.api().get("components/" + component + "/versions").then().body("total", equalTo(1));
        tenant.api().get("releases").then().body("total", equalTo(0));
        tenant.api().get("artifacts").then().body("total", equalTo(0));
        tenant.api().get("events").then().body("total", equalTo(0));

        // The release manager's integration feeds the trigger; the bot may neither change nor delete
        // it (a secret of its own would make it the bot's), nor the component with its version map.
        String managers = integration(governor, "registry", "registry-token");
        String replaced = "{\"name\":\"registry\",\"type\":\"generic\",\"token\":\"bot-chosen-token\"}";
        for (Response refused : List.of(
                Api.as(bot).body(replaced).put("integrations/" + managers),
                Api.as(bot).delete("integrations/" + managers),
                Api.as(bot).delete("components/" + component))) {
            refused.then()
                    .statusCode(403)
                    .body("type", equalTo("urn:herald:problem:missing-scope"))
                    .body("detail", containsString("'govern' scope"));
        }
        Api.anonymous()
                .header("X-Herald-Token", "bot-chosen-token")
                .body(push)
                .post("inbound/" + managers)
                .then()
                .statusCode(401);
        Api.anonymous()
                .header("X-Herald-Token", "registry-token")
                .body(push.replace("v9.9.9", "v9.9.10"))
                .post("inbound/" + managers)
                .then()
                .statusCode(200)
                .body("triggersActivated", equalTo(1));
        concludedReceipt(tenant, managers);
        tenant.api().get("releases").then().body("total", equalTo(1)).body("items[0].version", equalTo("9.9.10"));
        // What the bot set up stays the bot's to change.
        Api.as(bot)
                .body("{\"name\":\"bot's own\",\"type\":\"generic\",\"enabled\":false}")
                .put("integrations/" + botsOwn)
                .then()
                .statusCode(200);
        Api.as(bot).delete("integrations/" + botsOwn).then().statusCode(204);
        Api.as(governor).delete("integrations/" + managers).then().statusCode(204);
        Api.as(governor).delete("components/" + component).then().statusCode(204);
    }

    private static String integration(String token, String name, String senderToken) {
        return Api.as(token)
                .body("{\"name\":\"" + name + "\",\"type\":\"generic\",\"token\":\"" + senderToken + "\"}")
                .post("integrations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static JsonPath concludedReceipt(Tenant tenant, String integration) {
        String path = "integrations/" + integration + "/receipts";
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        !"processing".equals(tenant.api().get(path).jsonPath().getString("items[0].outcome")));
        return tenant.api().get(path).jsonPath().setRootPath("items[0]");
    }

    @Test
    void aWebhookSecretIsReadOnlyWithTheSubscribeScope() {
        Tenant tenant = Api.newTenant();
        String id = tenant.api()
                .body("{\"url\":\"https://93.184.216.34/in\",\"events\":[\"release.*\"],"
                        + "\"secret\":\"whsec_c2NvcGVzLXNwZWMtc2VjcmV0LTAxMjM0NTY3ODk=\"}")
                .post("webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String reader = issue(tenant, "auditor", List.of("read"), null).getString("token");
        String subscriber = issue(tenant, "hooks", List.of("subscribe"), null).getString("token");

        Api.as(reader)
                .get("webhooks/" + id + "/secret")
                .then()
                .statusCode(403)
                .body("detail", containsString("'subscribe'"))
                .body(not(containsString("whsec_")));
        Api.as(reader).get("webhooks/" + id).then().statusCode(200).body("secret", nullValue());
        Api.as(reader).get("webhooks").then().statusCode(200).body(not(containsString("whsec_")));
        Api.as(reader)
                .body("{}")
                .post("webhooks/" + id + "/rotate-secret")
                .then()
                .statusCode(403);
        Api.as(subscriber)
                .get("webhooks/" + id + "/secret")
                .then()
                .statusCode(200)
                .body("secret", equalTo("whsec_c2NvcGVzLXNwZWMtc2VjcmV0LTAxMjM0NTY3ODk="));
    }

    @Test
    void aTokenIsIssuedWithAnActorAndScopesAndBadRequestsStoreNothing() {
        Tenant tenant = Api.newTenant();
        String path = "tenants/" + tenant.id() + "/tokens";
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("{}", "actor");
        bad.put("{\"actor\":\"bot\"}", "scopes");
        bad.put("{\"actor\":\"bot\",\"scopes\":[]}", "scopes");
        bad.put("{\"actor\":\"bot\",\"scopes\":[\"root\"]}", "scopes[0]");
        bad.put("{\"actor\":\"bot\",\"scopes\":\"admin\"}", "scopes");
        bad.put("{\"actor\":\"bot\",\"scopes\":[7]}", "scopes[0]");
        bad.put("{\"actor\":\"a b\",\"scopes\":[\"read\"]}", "actor");
        bad.put("{\"actor\":\"" + "x".repeat(101) + "\",\"scopes\":[\"read\"]}", "actor");
        bad.put("{\"actor\":\"<script>\",\"scopes\":[\"read\"]}", "actor");
        bad.put("{\"actor\":\"bot\",\"scopes\":[\"read\"],\"expiresAt\":\"2020-01-01T00:00:00Z\"}", "expiresAt");
        bad.put("{\"actor\":\"bot\",\"scopes\":[\"read\"],\"expiresAt\":\"soon\"}", "expiresAt");
        bad.put("{\"actor\":\"bot\",\"scopes\":[\"read\"],\"role\":\"admin\"}", "role");
        bad.forEach((body, field) -> tenant.api()
                .body(body)
                .post(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems(field)));
        tenant.api().get(path).then().statusCode(200).body("total", equalTo(1));

        JsonPath issued = issue(tenant, "release-bot@example.com", List.of("publish", "read", "publish"), null);
        assertEquals(List.of("publish", "read"), issued.getList("scopes"));
        assertEquals("release-bot@example.com", issued.getString("actor"));
        // Only an admin of the tenant issues tokens: a token cannot widen its own scopes.
        Api.as(issued.getString("token"))
                .body("{\"actor\":\"me\",\"scopes\":[\"admin\"]}")
                .post(path)
                .then()
                .statusCode(403)
                .body("detail", containsString("'admin'"));
        // A tenant's admin is no platform admin.
        tenant.api().body("{\"name\":\"sneaky\"}").post("tenants").then().statusCode(403);
        tenant.api().get("tenants").then().statusCode(403);
    }

    @Test
    void aTokenPastItsExpiryIs401AndItsLastUseIsShown() {
        Tenant tenant = Api.newTenant();
        JsonPath issued =
                issue(tenant, "short-lived", List.of("read"), Instant.now().plusSeconds(3));
        String token = issued.getString("token");
        String path = "tenants/" + tenant.id() + "/tokens";
        tenant.api().get(path).then().body("items.find { it.actor == 'short-lived' }.lastUsedAt", nullValue());

        Api.as(token).get("webhooks").then().statusCode(200);
        tenant.api()
                .get(path)
                .then()
                .body("items.find { it.actor == 'short-lived' }.lastUsedAt", notNullValue())
                .body("items.find { it.actor == 'short-lived' }.expiresAt", notNullValue());

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int status = 200;
        while (status == 200 && Instant.now().isBefore(deadline)) {
            status = Api.as(token).get("webhooks").statusCode();
        }
        assertEquals(401, status, "refused once expired");
        Api.as(token).get("webhooks").then().statusCode(401).body("detail", containsString("expired"));
    }

    @Test
    void revokingATokenEndsItAtOnce() {
        Tenant tenant = Api.newTenant();
        JsonPath issued = issue(tenant, "temp", List.of("read"), null);
        Api.as(issued.getString("token")).get("webhooks").then().statusCode(200);
        tenant.api()
                .delete("tenants/" + tenant.id() + "/tokens/" + issued.getString("id"))
                .then()
                .statusCode(204);
        Api.as(issued.getString("token")).get("webhooks").then().statusCode(401);
    }

    static JsonPath issue(Tenant tenant, String actor, List<String> scopes, Instant expiresAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("actor", actor);
        body.put("scopes", scopes);
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        return tenant.api()
                .body(JSON.writeValueAsString(body))
                .post("tenants/" + tenant.id() + "/tokens")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }
}
