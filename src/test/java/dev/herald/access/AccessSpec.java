package dev.herald.access;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.access.control.TokenCodec;
import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.HeraldServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bearer tokens, roles and tenant isolation (API.md "Access"). */
public abstract class AccessSpec {

    private static final String WEBHOOK = "{\"url\":\"https://93.184.216.34/in\",\"events\":[\"release.*\"]}";

    @Test
    void aMissingTokenIs401WithAProblemAndAChallenge() {
        Api.anonymous()
                .get("webhooks")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401))
                .body("detail", startsWith("Send an API token"));
    }

    @Test
    void anUnknownTokenOrSchemeIs401() {
        Api.as("hrld_not-a-real-token").get("webhooks").then().statusCode(401);
        Api.anonymous()
                .header("Authorization", "Basic YWRtaW46YWRtaW4=")
                .get("webhooks")
                .then()
                .statusCode(401);
    }

    @Test
    void evenUnknownPathsAskForATokenFirst() {
        Api.anonymous().get("no-such-thing").then().statusCode(401);
        Api.admin().get("no-such-thing").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theAdminCreatesATenantWhoseTokenWorks() {
        Tenant tenant = Api.newTenant();
        assertTrue(tenant.token().startsWith("hrld_"));
        assertTrue(tenant.id().startsWith("ten_"));
        tenant.api().get("webhooks").then().statusCode(200).body("total", equalTo(0));
        Api.admin()
                .get("tenants/" + tenant.id())
                .then()
                .statusCode(200)
                .body("name", equalTo(tenant.name()))
                .body("$", not(org.hamcrest.Matchers.hasKey("token")));
        assertTrue(allTenants("id").contains(tenant.id()));
    }

    /** A field of every tenant, page by page: the shared suite creates hundreds. */
    private static java.util.List<String> allTenants(String field) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        int total = Api.admin()
                .get("tenants?pageSize=1")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
        for (int page = 1; (page - 1) * 200 < total; page++) {
            ids.addAll(Api.admin()
                    .get("tenants?pageSize=200&page=" + page)
                    .then()
                    .statusCode(200)
                    .extract()
                    .<java.util.List<String>>path("items." + field));
        }
        return ids;
    }

    @Test
    void onlyTheAdminManagesTenants() {
        Tenant tenant = Api.newTenant();
        tenant.api()
                .body("{\"name\":\"sneaky\"}")
                .post("tenants")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        tenant.api().get("tenants").then().statusCode(403);
        assertFalse(allTenants("name").contains("sneaky"));
    }

    @Test
    void tenantNamesAreUnique() {
        Tenant tenant = Api.newTenant();
        Api.admin()
                .body("{\"name\":\"" + tenant.name() + "\"}")
                .post("tenants")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void aTenantIssuesAndRevokesItsOwnTokens() {
        Tenant tenant = Api.newTenant();
        var issued = tenant.api()
                .body("{\"actor\":\"ci-bot\",\"scopes\":[\"read\"]}")
                .post("tenants/" + tenant.id() + "/tokens")
                .then()
                .statusCode(201)
                .body("actor", equalTo("ci-bot"))
                .body("scopes", contains("read"))
                .body("role", equalTo("tenant"))
                .extract()
                .jsonPath();
        String second = issued.getString("token");
        Api.as(second).get("webhooks").then().statusCode(200);
        tenant.api()
                .get("tenants/" + tenant.id() + "/tokens")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.token", not(hasItem(second)))
                .body("items.actor", contains("admin", "ci-bot"))
                .body("items.scopes", contains(List.of("admin"), List.of("read")));
        tenant.api()
                .delete("tenants/" + tenant.id() + "/tokens/" + issued.getString("id"))
                .then()
                .statusCode(204);
        Api.as(second).get("webhooks").then().statusCode(401);
    }

    /**
     * A token may not issue one that outlives it: an expiring admin token (or a console session
     * single sign-on limits) could otherwise make itself a token that never expires.
     */
    @Test
    void aTokenIssuesNoTokenThatOutlivesIt() {
        Tenant tenant = Api.newTenant();
        Instant ends = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String expiring = tenant.api()
                .body("{\"actor\":\"temp-admin\",\"scopes\":[\"admin\"],\"expiresAt\":\"" + ends + "\"}")
                .post("tenants/" + tenant.id() + "/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        for (String expiresAt : new String[] {"", ",\"expiresAt\":\"" + ends.plusSeconds(1) + "\""}) {
            Api.as(expiring)
                    .body("{\"actor\":\"forever\",\"scopes\":[\"admin\"]" + expiresAt + "}")
                    .post("tenants/" + tenant.id() + "/tokens")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("expiresAt"))
                    .body("errors[0].message", containsString("may not outlive the one that issues it"));
        }
        Api.as(expiring)
                .body("{\"actor\":\"shorter\",\"scopes\":[\"read\"],\"expiresAt\":\"" + ends + "\"}")
                .post("tenants/" + tenant.id() + "/tokens")
                .then()
                .statusCode(201);
        tenant.api()
                .get("tenants/" + tenant.id() + "/tokens")
                .then()
                .body("items.actor", contains("admin", "temp-admin", "shorter"));
    }

    @Test
    void theBootstrapAdminTokenCannotBeRevokedThroughTheApi() {
        String defaultTenant =
                Api.admin().get("tenants?pageSize=200").jsonPath().getString("items.find { it.name == 'default' }.id");
        String bootstrapToken = Api.admin()
                .get("tenants/" + defaultTenant + "/tokens")
                .jsonPath()
                .getString("items.find { it.bootstrap }.id");
        Api.admin()
                .delete("tenants/" + defaultTenant + "/tokens/" + bootstrapToken)
                .then()
                .statusCode(409);
        Api.admin().get("webhooks").then().statusCode(200);
    }

    @Test
    void anotherTenantsObjectsLookMissing() {
        Tenant owner = Api.newTenant();
        Tenant other = Api.newTenant();
        String id = owner.api()
                .body(WEBHOOK)
                .post("webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        other.api().get("webhooks/" + id).then().statusCode(404).contentType("application/problem+json");
        other.api().get("webhooks/" + id + "/secret").then().statusCode(404);
        other.api().body("{\"timeout\":1000}").patch("webhooks/" + id).then().statusCode(404);
        other.api().body(WEBHOOK).put("webhooks/" + id).then().statusCode(404);
        other.api().post("webhooks/" + id + "/deactivate").then().statusCode(404);
        other.api().delete("webhooks/" + id).then().statusCode(404);
        other.api().get("webhooks").then().body("total", equalTo(0));
        other.api().get("tenants/" + owner.id()).then().statusCode(404);
        other.api()
                .body("{\"actor\":\"intruder\",\"scopes\":[\"admin\"]}")
                .post("tenants/" + owner.id() + "/tokens")
                .then()
                .statusCode(404);
        Api.admin().get("webhooks/" + id).then().statusCode(404);

        owner.api()
                .get("webhooks/" + id)
                .then()
                .statusCode(200)
                .body("timeout", equalTo(30000))
                .body("status", equalTo("active"));
    }

    @Test
    void tokensAreStoredOnlyAsHashes() throws Exception {
        Tenant tenant = Api.newTenant();
        try (Connection db = HeraldServer.database();
                Statement query = db.createStatement();
                ResultSet rows = query.executeQuery(
                        "SELECT token_hash FROM api_tokens WHERE tenant_id = '" + tenant.id() + "'")) {
            assertTrue(rows.next());
            assertEquals(TokenCodec.hash(tenant.token()), rows.getString(1));
            assertFalse(rows.getString(1).contains(tenant.token()));
        }
    }
}
