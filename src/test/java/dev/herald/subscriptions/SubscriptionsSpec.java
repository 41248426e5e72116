package dev.herald.subscriptions;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.HeraldServer;
import dev.herald.it.PageRefusals;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The subscriptions API (API.md "Subscriptions"), short of endpoint validation. */
public abstract class SubscriptionsSpec {

    static final String MINIMAL = "{\"url\":\"https://93.184.216.34/in\",\"events\":[\"release.created\"]}";
    static final String FULL = """
            {"name": "deploy-notifier", "url": "https://93.184.216.34:8443/in?team=a",
             "events": ["release.created", "approval.*"], "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
             "method": "PUT", "headers": {"my-api-key": "key-123-secret"},
             "authType": "basic", "credentials": {"username": "hooks", "password": "pa55-word-secret"},
             "filters": [{"field": "data.channel", "operator": "equals", "value": "stable"}],
             "retryPolicy": {"maxRetries": 3, "backoffType": "linear", "backoffSeconds": 10},
             "timeout": 5000, "enabled": true, "expiresAt": "2099-01-01T00:00:00Z", "ordering": "subject",
             "options": {"oneTime": true, "quota": {"limit": 1000, "period": "P1D"}, "rateLimit": 50}}""";

    /**
     * A tenant's subscriptions are read whole by its fan-outs (those matched), pages and console,
     * so what they may hold in all is bounded: 16 MiB of settings, each counted with 1 KiB for
     * itself. Past it a write that grows them is a 409 that changes nothing; one that shrinks
     * them passes, and so does a new one once room is made.
     */
    @Test
    void aTenantsSubscriptionsHoldAtMost16MiBOfSettingsInAll() {
        Tenant tenant = Api.newTenant();
        String heavy = heavySubscription();
        List<String> created = new ArrayList<>();
        Response refused = null;
        while (refused == null && created.size() < 400) {
            Response answer = tenant.api().body(heavy).post("webhooks");
            if (answer.statusCode() == 201) {
                created.add(answer.path("id"));
            } else {
                refused = answer;
            }
        }
        assertTrue(
                refused != null,
                "no refusal after " + created.size() + " subscriptions of 80,000 characters of headers");
        assertEquals(409, refused.statusCode(), refused.asString());
        assertTrue(refused.asString().contains("more than the 16384 KiB a tenant's may"), refused.asString());
        // 60,000 characters of headers (as many as the suite's 64 KiB bodies carry) weigh about
        // 82,000 sealed: about 200 fit.
        assertTrue(created.size() > 150 && created.size() < 260, created.size() + " created");
        tenant.api().get("webhooks?pageSize=1").then().body("total", equalTo(created.size()));

        tenant.api()
                .body("{\"headers\":{}}")
                .patch("webhooks/" + created.get(0))
                .then()
                .statusCode(200);
        tenant.api().delete("webhooks/" + created.get(1)).then().statusCode(204);
        tenant.api().body(heavy).post("webhooks").then().statusCode(201);
    }

    /**
     * A page of subscriptions is weighed before it is read: 200 could hold the tenant's whole
     * settings budget, opened besides. Five of 60,000 characters of headers (about 82,000 sealed
     * each) are more than the 256 KiB a call may read here, so the page asks for fewer, and the
     * page size it names is answered.
     */
    @Test
    void aPageOfSubscriptionsWhoseSettingsDoNotFitTheCallersRoomNamesAPageSizeThatDoes() {
        Tenant tenant = Api.newTenant();
        for (int i = 0; i < 5; i++) {
            create(tenant, heavySubscription());
        }

        int pageSize = PageRefusals.pageSizeNamedBy(tenant.api().get("webhooks"));
        assertTrue(pageSize > 0 && pageSize < 5, pageSize + " named");
        tenant.api()
                .get("webhooks?pageSize=" + pageSize)
                .then()
                .statusCode(200)
                .body("items", hasSize(pageSize))
                .body("total", equalTo(5));
    }

    /** A subscription with 60,000 characters of headers: as many as the suite's 64 KiB bodies carry. */
    private static String heavySubscription() {
        String headers = IntStream.rangeClosed(1, 15)
                .mapToObj(i -> "\"x-pad-" + i + "\":\"" + "v".repeat(4_000) + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        return "{\"url\":\"https://93.184.216.34/in\",\"events\":[\"release.created\"],\"enabled\":false,"
                + "\"headers\":" + headers + "}";
    }

    static String create(Tenant tenant, String body) {
        return tenant.api()
                .body(body)
                .post("webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void onlyUrlAndEventsAreNeededAndDefaultsApply() {
        JsonPath created = Api.newTenant()
                .api()
                .body(MINIMAL)
                .post("webhooks")
                .then()
                .statusCode(201)
                .body("id", matchesPattern("wh_[0-9a-z]{26}"))
                .body("status", equalTo("active"))
                .body("enabled", equalTo(true))
                .body("method", equalTo("POST"))
                .body("authType", equalTo("signature"))
                .body("retryPolicy.maxRetries", equalTo(5))
                .body("retryPolicy.backoffType", equalTo("exponential"))
                .body("retryPolicy.backoffSeconds", equalTo(1))
                .body("timeout", equalTo(30000))
                .body("ordering", equalTo("none"))
                .body("options.oneTime", equalTo(false))
                .body("secret", matchesPattern("whsec_[A-Za-z0-9+/]{43}="))
                .extract()
                .jsonPath();
        assertEquals(32, Base64.getDecoder().decode(created.getString("secret").substring(6)).length);
        Instant expiresAt = Instant.parse(created.getString("expiresAt"));
        Instant createdAt = Instant.parse(created.getString("createdAt"));
        assertEquals(Duration.ofDays(30), Duration.between(createdAt, expiresAt), "default TTL P30D");
    }

    @Test
    void everySettingRoundTripsAndWriteOnlyValuesAreMasked() {
        Tenant tenant = Api.newTenant();
        String id = create(tenant, FULL);
        tenant.api()
                .get("webhooks/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("deploy-notifier"))
                .body("url", equalTo("https://93.184.216.34:8443/in?team=a"))
                .body("events", contains("release.created", "approval.*"))
                .body("method", equalTo("PUT"))
                .body("headers.my-api-key", equalTo("********"))
                .body("authType", equalTo("basic"))
                .body("credentials.username", equalTo("********"))
                .body("credentials", aMapWithSize(2))
                .body("filters[0].field", equalTo("data.channel"))
                .body("filters[0].value", equalTo("stable"))
                .body("retryPolicy.backoffType", equalTo("linear"))
                .body("timeout", equalTo(5000))
                .body("expiresAt", equalTo("2099-01-01T00:00:00Z"))
                .body("ordering", equalTo("subject"))
                .body("options.quota.limit", equalTo(1000))
                .body("options.quota.period", equalTo("P1D"))
                .body("options.rateLimit", equalTo(50.0f))
                .body("$", not(hasKey("secret")));
    }

    @Test
    void theSecretIsShownAtCreationAndAtItsOwnEndpointOnly() {
        Tenant tenant = Api.newTenant();
        String id = create(tenant, FULL);
        tenant.api()
                .get("webhooks/" + id + "/secret")
                .then()
                .statusCode(200)
                .body("secret", equalTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        tenant.api().get("webhooks").then().body("items[0]", not(hasKey("secret")));
    }

    @Test
    void listsPageNewestFirst() {
        Tenant tenant = Api.newTenant();
        String first = create(tenant, MINIMAL);
        String second = create(tenant, MINIMAL);
        String third = create(tenant, MINIMAL);
        tenant.api()
                .get("webhooks?pageSize=2")
                .then()
                .statusCode(200)
                .body("items.id", contains(third, second))
                .body("total", equalTo(3))
                .body("page", equalTo(1))
                .body("pageSize", equalTo(2));
        tenant.api().get("webhooks?page=2&pageSize=2").then().body("items.id", contains(first));
    }

    @Test
    void putReplacesEverythingAndOmittedFieldsReturnToDefaults() {
        Tenant tenant = Api.newTenant();
        String id = create(tenant, FULL);
        tenant.api()
                .body("{\"url\":\"https://93.184.216.34/other\",\"events\":[\"deployment.*\"]}")
                .put("webhooks/" + id)
                .then()
                .statusCode(200)
                .body("url", equalTo("https://93.184.216.34/other"))
                .body("events", contains("deployment.*"))
                .body("method", equalTo("POST"))
                .body("authType", equalTo("signature"))
                .body("headers", aMapWithSize(0))
                .body("timeout", equalTo(30000))
                .body("name", nullValue());
        tenant.api()
                .get("webhooks/" + id + "/secret")
                .then()
                .body("secret", equalTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    }

    @Test
    void patchChangesOnlyWhatItNames() {
        Tenant tenant = Api.newTenant();
        String id = create(tenant, FULL);
        tenant.api()
                .body("{\"timeout\": 10000, \"filters\": []}")
                .patch("webhooks/" + id)
                .then()
                .statusCode(200)
                .body("timeout", equalTo(10000))
                .body("filters", org.hamcrest.Matchers.empty())
                .body("name", equalTo("deploy-notifier"))
                .body("authType", equalTo("basic"))
                .body("headers.my-api-key", equalTo("********"));
    }

    @Test
    void deleteRemovesTheSubscription() {
        Tenant tenant = Api.newTenant();
        String id = create(tenant, MINIMAL);
        tenant.api().delete("webhooks/" + id).then().statusCode(204);
        tenant.api().get("webhooks/" + id).then().statusCode(404);
        tenant.api().delete("webhooks/" + id).then().statusCode(404);
    }

    @Test
    void deactivateAndActivateSwitchTheStatus() {
        Tenant tenant = Api.newTenant();
        String id = create(tenant, MINIMAL);
        tenant.api()
                .post("webhooks/" + id + "/deactivate")
                .then()
                .statusCode(200)
                .body("status", equalTo("inactive"))
                .body("enabled", equalTo(false));
        tenant.api()
                .post("webhooks/" + id + "/activate")
                .then()
                .statusCode(200)
                .body("status", equalTo("active"))
                .body("enabled", equalTo(true));
        tenant.api().body("{\"enabled\": false}").patch("webhooks/" + id).then().body("status", equalTo("inactive"));
    }

    @Test
    void aDisabledOneStartsInactive() {
        Api.newTenant()
                .api()
                .body(MINIMAL.replace("}", ",\"enabled\":false}"))
                .post("webhooks")
                .then()
                .statusCode(201)
                .body("status", equalTo("inactive"));
    }

    @Test
    void theTimerExpiresASubscriptionPastItsExpiresAtAndActivateRenewsIt() {
        Tenant tenant = Api.newTenant();
        String soon = Instant.now().plusSeconds(2).toString();
        String id = create(tenant, MINIMAL.replace("}", ",\"expiresAt\":\"" + soon + "\"}"));
        tenant.api().get("webhooks/" + id).then().body("status", equalTo("active"));
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> tenant.api().get("webhooks/" + id).then().body("status", equalTo("expired")));
        JsonPath renewed = tenant.api()
                .post("webhooks/" + id + "/activate")
                .then()
                .statusCode(200)
                .body("status", equalTo("active"))
                .extract()
                .jsonPath();
        assertTrue(Instant.parse(renewed.getString("expiresAt"))
                .isAfter(Instant.now().plus(Duration.ofDays(29))));
    }

    @Test
    void namesAreUniquePerTenant() {
        Tenant tenant = Api.newTenant();
        String named = MINIMAL.replace("}", ",\"name\":\"only-one\"}");
        create(tenant, named);
        tenant.api().body(named).post("webhooks").then().statusCode(409).contentType("application/problem+json");
        String other = create(tenant, MINIMAL);
        tenant.api()
                .body("{\"name\":\"only-one\"}")
                .patch("webhooks/" + other)
                .then()
                .statusCode(409);
        create(Api.newTenant(), named);
    }

    @Test
    void exactNamesCategoryWildcardsAndEverythingAreAccepted() {
        Api.newTenant()
                .api()
                .body("{\"url\":\"https://93.184.216.34/in\",\"events\":[\"*\"]}")
                .post("webhooks")
                .then()
                .statusCode(201);
        Api.newTenant()
                .api()
                .body("{\"url\":\"https://93.184.216.34/in\",\"events\":[\"approval.*\",\"webhook.ping\"]}")
                .post("webhooks")
                .then()
                .statusCode(201);
    }

    @Test
    void secretsHeadersAndCredentialsAreEncryptedAtRest() throws Exception {
        Tenant tenant = Api.newTenant();
        String id = create(tenant, FULL);
        try (Connection db = HeraldServer.database();
                Statement query = db.createStatement();
                ResultSet row = query.executeQuery("SELECT * FROM subscriptions WHERE id = '" + id + "'")) {
            assertTrue(row.next());
            ResultSetMetaData columns = row.getMetaData();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                String value = String.valueOf(row.getObject(i));
                for (String secret :
                        new String[] {"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "key-123-secret", "pa55-word-secret", "hooks"
                        }) {
                    assertFalse(value.contains(secret), columns.getColumnName(i) + " holds " + secret);
                }
            }
            assertTrue(row.getString("secret_sealed").startsWith("v2:"));
        }
    }
}
