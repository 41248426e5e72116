package dev.herald.subscriptions;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad subscription request is a 400 problem naming the field to fix, and stores
 * nothing: each case runs in a tenant of its own, which must still have no subscription.
 */
public abstract class BadSubscriptionInputSpec {

    private static final String URL = "\"url\":\"https://93.184.216.34/in\"";
    private static final String EVENTS = "\"events\":[\"release.created\"]";

    /** A valid request with {@code extra} fields added. */
    private static String with(String extra) {
        return "{" + URL + "," + EVENTS + "," + extra + "}";
    }

    private static Arguments bad(String description, String body, String field) {
        return Arguments.of(Named.of(description, body), field);
    }

    static Stream<Arguments> badCreations() {
        return Stream.of(
                bad("an empty object", "{}", "url"),
                bad("no url", "{" + EVENTS + "}", "url"),
                bad("no events", "{" + URL + "}", "events"),
                bad("an empty events list", "{" + URL + ",\"events\":[]}", "events"),
                bad("events as a string", "{" + URL + ",\"events\":\"release.created\"}", "events"),
                bad("a number among events", "{" + URL + ",\"events\":[1]}", "events[0]"),
                bad("an unknown event type", "{" + URL + ",\"events\":[\"release.nope\"]}", "events[0]"),
                bad("an unknown category", "{" + URL + ",\"events\":[\"nope.*\"]}", "events[0]"),
                bad("a wildcard inside a name", "{" + URL + ",\"events\":[\"rel*\"]}", "events[0]"),
                bad(
                        "an event listed twice",
                        "{" + URL + ",\"events\":[\"release.created\",\"release.created\"]}",
                        "events"),
                bad("an ftp url", "{\"url\":\"ftp://93.184.216.34/in\"," + EVENTS + "}", "url"),
                bad("a relative url", "{\"url\":\"/hooks/in\"," + EVENTS + "}", "url"),
                bad("a url with user info", "{\"url\":\"https://u:p@93.184.216.34/in\"," + EVENTS + "}", "url"),
                bad("a url with a fragment", "{\"url\":\"https://93.184.216.34/in#x\"," + EVENTS + "}", "url"),
                bad("a private-network target", "{\"url\":\"http://10.1.2.3/in\"," + EVENTS + "}", "url"),
                bad("the cloud metadata address", "{\"url\":\"http://169.254.169.254/latest\"," + EVENTS + "}", "url"),
                bad("IPv6 loopback", "{\"url\":\"http://[::1]:8080/in\"," + EVENTS + "}", "url"),
                bad(
                        "an over-long url",
                        "{\"url\":\"https://93.184.216.34/" + "a".repeat(2100) + "\"," + EVENTS + "}",
                        "url"),
                bad("a url that is a number", "{\"url\":42," + EVENTS + "}", "url"),
                bad("a name with spaces", with("\"name\":\"deploy notifier\""), "name"),
                bad("a name over 100 characters", with("\"name\":\"" + "n".repeat(101) + "\""), "name"),
                bad("method DELETE", with("\"method\":\"DELETE\""), "method"),
                bad("an unknown authType", with("\"authType\":\"oauth\""), "authType"),
                bad(
                        "basic auth without a password",
                        with("\"authType\":\"basic\",\"credentials\":{\"username\":\"u\"}"),
                        "credentials"),
                bad("bearer auth without a token", with("\"authType\":\"bearer\""), "credentials"),
                bad("an unknown credential", with("\"credentials\":{\"apiKey\":\"k\"}"), "credentials.apiKey"),
                bad("a header value that is a number", with("\"headers\":{\"x-team\":7}"), "headers.x-team"),
                bad(
                        "a header Herald sets itself",
                        with("\"headers\":{\"Content-Type\":\"text/plain\"}"),
                        "headers.Content-Type"),
                bad("an invalid header name", with("\"headers\":{\"bad header\":\"v\"}"), "headers.bad header"),
                bad(
                        "an unknown filter operator",
                        with("\"filters\":[{\"field\":\"data.tag\",\"operator\":\"startsWith\",\"value\":\"v\"}]"),
                        "filters[0].operator"),
                bad(
                        "an invalid filter regex",
                        with("\"filters\":[{\"field\":\"data.tag\",\"operator\":\"matches\",\"value\":\"(v\"}]"),
                        "filters[0].value"),
                bad(
                        "a filter without a field",
                        with("\"filters\":[{\"operator\":\"equals\",\"value\":\"v\"}]"),
                        "filters[0].field"),
                bad(
                        "a misspelt filter key",
                        with("\"filters\":[{\"field\":\"data.tag\",\"op\":\"equals\",\"value\":\"v\"}]"),
                        "filters[0].op"),
                bad("filters as an object", with("\"filters\":{\"field\":\"data.tag\"}"), "filters"),
                bad("negative maxRetries", with("\"retryPolicy\":{\"maxRetries\":-1}"), "retryPolicy.maxRetries"),
                bad("too many retries", with("\"retryPolicy\":{\"maxRetries\":26}"), "retryPolicy.maxRetries"),
                bad(
                        "an unknown backoff",
                        with("\"retryPolicy\":{\"backoffType\":\"random\"}"),
                        "retryPolicy.backoffType"),
                bad("a zero backoff", with("\"retryPolicy\":{\"backoffSeconds\":0}"), "retryPolicy.backoffSeconds"),
                bad("a timeout below 100 ms", with("\"timeout\":50"), "timeout"),
                bad("a timeout above two minutes", with("\"timeout\":120001"), "timeout"),
                bad("a fractional timeout", with("\"timeout\":1.5"), "timeout"),
                bad("a timeout as text", with("\"timeout\":\"30s\""), "timeout"),
                bad("enabled as text", with("\"enabled\":\"yes\""), "enabled"),
                bad("expiresAt in the past", with("\"expiresAt\":\"2020-01-01T00:00:00Z\""), "expiresAt"),
                bad("expiresAt not a time", with("\"expiresAt\":\"next week\""), "expiresAt"),
                bad("an unknown ordering", with("\"ordering\":\"strict\""), "ordering"),
                bad(
                        "a quota period that is not ISO-8601",
                        with("\"options\":{\"quota\":{\"limit\":5,\"period\":\"1 day\"}}"),
                        "options.quota.period"),
                bad(
                        "a zero quota",
                        with("\"options\":{\"quota\":{\"limit\":0,\"period\":\"P1D\"}}"),
                        "options.quota.limit"),
                bad("a negative rate limit", with("\"options\":{\"rateLimit\":-1}"), "options.rateLimit"),
                bad(
                        "a rate limit so slow a delivery would wait for years",
                        with("\"options\":{\"rateLimit\":1e-300}"),
                        "options.rateLimit"),
                bad(
                        "a quota period no date can end",
                        with("\"options\":{\"quota\":{\"limit\":5," + "\"period\":\"P100000000000D\"}}"),
                        "options.quota.period"),
                bad("an unknown option", with("\"options\":{\"retries\":3}"), "options.retries"),
                bad(
                        "an unknown presentation preset",
                        with("\"presentation\":{\"preset\":\"slack\"}"),
                        "presentation.preset"),
                bad(
                        "a presented header that is no header name",
                        with("\"presentation\":{\"eventHeader\":\"X Event\"}"),
                        "presentation.eventHeader"),
                bad(
                        "a presented header that HTTP owns",
                        with("\"presentation\":{\"signatureHeader\":\"Content-Type\"}"),
                        "presentation.signatureHeader"),
                bad(
                        "one presented header for two purposes",
                        with("\"presentation\":{\"eventHeader\":\"X-Hook\",\"deliveryHeader\":\"x-hook\"}"),
                        "presentation"),
                bad(
                        "an own header with a presented header's name",
                        with("\"presentation\":{\"preset\":\"itwin\"}," + "\"headers\":{\"Signature\":\"mine\"}"),
                        "headers.Signature"),
                bad(
                        "an unknown timestamp form",
                        with("\"presentation\":{\"timestampForm\":\"rfc1123\"}"),
                        "presentation.timestampForm"),
                bad("an unknown body form", with("\"presentation\":{\"body\":\"xml\"}"), "presentation.body"),
                bad(
                        "a misspelt presentation field",
                        with("\"presentation\":{\"signatureHeadr\":\"X-Sig\"}"),
                        "presentation.signatureHeadr"),
                bad("presentation as text", with("\"presentation\":\"stella\""), "presentation"),
                bad(
                        "a presentation that signs nothing while authType is signature",
                        with("\"presentation\":{\"preset\":\"bigpanda\",\"standardWebhooks\":false}"),
                        "presentation"),
                bad("a misspelt field", "{" + URL + ",\"evnts\":[\"release.created\"]}", "evnts"),
                bad("a read-only field", with("\"status\":\"active\""), "status"),
                bad("a secret that is too short", with("\"secret\":\"short\""), "secret"),
                bad("a whsec_ secret that is not base64", with("\"secret\":\"whsec_***not-base64***\""), "secret"),
                bad("a JSON array instead of an object", "[" + EVENTS.substring(9) + "]", "body"),
                bad("malformed JSON", "{" + URL + ",", "body"),
                bad("an empty body", "", "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCreations")
    void creatingWithBadInputIs400AndStoresNothing(String body, String field) {
        Tenant tenant = Api.newTenant();
        tenant.api()
                .body(body)
                .post("webhooks")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", notNullValue());
        tenant.api().get("webhooks").then().statusCode(200).body("total", equalTo(0));
    }

    static Stream<Arguments> badUpdates() {
        return Stream.of(
                Arguments.of(Named.of("PATCH with a bad timeout", "PATCH"), "{\"timeout\":\"slow\"}", "timeout"),
                Arguments.of(
                        Named.of("PATCH changing the secret", "PATCH"),
                        "{\"secret\":\"a-new-secret-that-is-long-enough\"}",
                        "secret"),
                Arguments.of(
                        Named.of("PATCH to a private target", "PATCH"), "{\"url\":\"http://192.168.1.10/in\"}", "url"),
                Arguments.of(Named.of("PATCH with an unknown event", "PATCH"), "{\"events\":[\"x.y\"]}", "events[0]"),
                Arguments.of(Named.of("PUT without url", "PUT"), "{" + EVENTS + "}", "url"),
                Arguments.of(Named.of("PUT with an unknown field", "PUT"), with("\"colour\":\"red\""), "colour"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUpdates")
    void updatingWithBadInputIs400AndChangesNothing(String method, String body, String field) {
        Tenant tenant = Api.newTenant();
        String id = SubscriptionsSpec.create(tenant, with("\"name\":\"keep-me\",\"timeout\":5000"));
        String before = tenant.api().get("webhooks/" + id).asString();
        tenant.api()
                .body(body)
                .request(method, "webhooks/" + id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
        org.junit.jupiter.api.Assertions.assertEquals(
                before, tenant.api().get("webhooks/" + id).asString());
    }
}
