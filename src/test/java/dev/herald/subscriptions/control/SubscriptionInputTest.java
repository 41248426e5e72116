package dev.herald.subscriptions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.text.TextComparison;
import dev.herald.problems.FieldError;
import dev.herald.problems.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionInputTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
    }

    private static SubscriptionSpec create(String body) {
        return SubscriptionInput.read(json(body), SubscriptionSpec.defaults(), true)
                .spec();
    }

    private static List<String> fieldsInError(String body) {
        var error = assertThrows(
                InvalidInputException.class,
                () -> SubscriptionInput.read(json(body), SubscriptionSpec.defaults(), true));
        return error.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aMaskedValueKeepsWhatIsStoredUnderItsNameAndWithNothingStoredIsRefused() {
        SubscriptionSpec stored = create("{'url': 'https://hooks.example.com/in', 'events': ['release.*'],"
                + " 'headers': {'X-Api-Key': 'k-1'}, 'authType': 'bearer', 'credentials': {'token': 't-1'}}");
        SubscriptionSpec written = SubscriptionInput.read(
                        json("{'url': 'https://hooks.example.com/in', 'events': ['release.*'],"
                                + " 'headers': {'x-api-key': '********', 'X-Team': 'a'},"
                                + " 'authType': 'bearer', 'credentials': {'token': '********'}}"),
                        SubscriptionSpec.defaults(),
                        stored,
                        false)
                .spec();
        assertEquals(Map.of("x-api-key", "k-1", "X-Team", "a"), written.headers(), "header names in any case");
        assertEquals(Map.of("token", "t-1"), written.credentials());

        var refused = assertThrows(
                InvalidInputException.class,
                () -> SubscriptionInput.read(
                        json("{'url': 'https://hooks.example.com/in', 'events': ['release.*'],"
                                + " 'headers': {'X-Other': '********'}, 'authType': 'basic',"
                                + " 'credentials': {'username': 'u', 'password': '********'}}"),
                        SubscriptionSpec.defaults(),
                        stored,
                        false));
        assertEquals(
                List.of("headers.X-Other", "credentials.password"),
                refused.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void onlyUrlAndEventsAreRequiredAndTheRestTakesApiDefaults() {
        SubscriptionSpec spec = create("{'url': 'https://hooks.example.com/in', 'events': ['release.*']}");
        assertEquals("POST", spec.method());
        assertEquals("signature", spec.authType());
        assertEquals(new SubscriptionSpec.RetryPolicy(5, SubscriptionSpec.Backoff.EXPONENTIAL, 1), spec.retryPolicy());
        assertEquals(30_000, spec.timeoutMs());
        assertEquals("none", spec.ordering());
        assertTrue(spec.enabled());
        assertNull(spec.expiresAt());
        assertEquals(Map.of(), spec.headers());
    }

    @Test
    void readsEveryDocumentedField() {
        SubscriptionSpec spec = create("""
                {'name': 'deploy-notifier', 'url': 'https://hooks.example.com:8443/in?team=a',
                 'events': ['release.created', 'approval.*'], 'method': 'put', 'headers': {'my-api-key': 'k'},
                 'authType': 'bearer', 'credentials': {'token': 't'},
                 'filters': [{'field': 'data.channel', 'operator': 'equals', 'value': 'stable'}],
                 'retryPolicy': {'maxRetries': 3, 'backoffType': 'linear', 'backoffSeconds': 10},
                 'timeout': 5000, 'enabled': false, 'expiresAt': '2099-01-01T00:00:00Z', 'ordering': 'subject',
                 'options': {'oneTime': true, 'quota': {'limit': 1000, 'period': 'P1D'}, 'rateLimit': 50}}""");
        assertEquals("PUT", spec.method());
        assertEquals(Map.of("token", "t"), spec.credentials());
        assertEquals(
                List.of(new SubscriptionSpec.Filter("data.channel", TextComparison.EQUALS, "stable")), spec.filters());
        assertEquals(
                new SubscriptionSpec.Quota(1000, Duration.ofDays(1)),
                spec.options().quota());
        assertEquals(50.0, spec.options().rateLimit());
        assertFalse(spec.enabled());
    }

    @Test
    void whatEveryEventIsComparedWithAndEveryOpenedSubscriptionKeepsIsBounded() {
        String longest = "a".repeat(95) + ".b.c"; // 99 characters: an event type name may be 100
        create("{'url': 'https://e.example', 'events': ['" + longest + "'], 'filters': [{'field': '" + "d.".repeat(99)
                + "x', 'operator': 'contains', 'value': '" + "v".repeat(1000) + "'}]}");
        assertEquals(
                List.of("events[1]", "filters[0].field", "filters[1].value"),
                fieldsInError("{'url': 'https://e.example', 'events': ['release.*', '" + "a.".repeat(50)
                        + "b'], 'filters': [{'field': '" + "d.".repeat(100) + "x', 'operator': 'equals', 'value': 'v'},"
                        + " {'field': 'data.x', 'operator': 'contains', 'value': '" + "v".repeat(1001) + "'}]}"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertEquals(
                List.of("bogus", "retryPolicy.maxRetries", "timeout", "url"),
                fieldsInError(
                                "{'events': ['release.*'], 'bogus': 1, 'timeout': 'fast', 'retryPolicy': {'maxRetries': 99}}")
                        .stream()
                        .sorted()
                        .toList());
    }

    @Test
    void requiresCredentialsThatFitTheAuthType() {
        assertEquals(
                List.of("credentials"),
                fieldsInError("{'url': 'https://a.example', 'events': ['*'], 'authType': 'basic', "
                        + "'credentials': {'username': 'u'}}"));
        assertEquals(
                List.of("credentials"),
                fieldsInError("{'url': 'https://a.example', 'events': ['*'], 'authType': 'bearer'}"));
        assertEquals(
                List.of("credentials.apiKey"),
                fieldsInError("{'url': 'https://a.example', 'events': ['*'], 'credentials': {'apiKey': 'x'}}"));
    }

    @Test
    void checksFilters() {
        assertEquals(
                List.of("filters[0].value"),
                fieldsInError("{'url': 'https://a.example', 'events': ['*'], "
                        + "'filters': [{'field': 'data.tag', 'operator': 'matches', 'value': '(unclosed'}]}"));
        assertEquals(
                List.of("filters[0].operator"),
                fieldsInError("{'url': 'https://a.example', 'events': ['*'], "
                        + "'filters': [{'field': 'data.tag', 'operator': 'startsWith', 'value': 'v'}]}"));
    }

    @Test
    void refusesHeadersHeraldSetsItself() {
        assertEquals(
                List.of("headers.X-Herald-Signature"),
                fieldsInError("{'url': 'https://a.example', 'events': ['*'], 'headers': {'X-Herald-Signature': 'x'}}"));
    }

    @Test
    void patchKeepsWhatItDoesNotMentionAndNullResetsToTheDefault() {
        SubscriptionSpec current =
                create("{'url': 'https://a.example', 'events': ['release.*'], 'timeout': 5000, " + "'method': 'PUT'}");
        SubscriptionSpec patched = SubscriptionInput.read(json("{'timeout': null, 'name': 'renamed'}"), current, false)
                .spec();
        assertEquals(30_000, patched.timeoutMs());
        assertEquals("renamed", patched.name());
        assertEquals("PUT", patched.method());
        assertEquals(List.of("release.*"), patched.events());
    }

    @Test
    void secretsAndReadOnlyFieldsCannotBeChangedByUpdates() {
        var error = assertThrows(
                InvalidInputException.class,
                () -> SubscriptionInput.read(
                        json("{'secret': 'whatever-secret-long-enough-123', 'id': 'wh_x'}"),
                        create("{'url': 'https://a.example', 'events': ['*']}"),
                        false));
        assertEquals(
                List.of("id", "secret"),
                error.errors().stream().map(FieldError::field).sorted().toList());
    }

    @Test
    void withoutAPresentationDeliveriesLookAsApiMdSays() {
        assertEquals(
                Presentation.HERALD,
                create("{'url': 'https://hooks.example.com/in', 'events': ['*']}")
                        .presentation());
    }

    @Test
    void aPresetFillsThePresentationAndFieldsBesideItOverrideIt() {
        Presentation stella = create("""
                {'url': 'https://hooks.example.com/in', 'events': ['deployment.*'],
                 'presentation': {'preset': 'stella', 'timestampForm': 'iso8601', 'standardWebhooks': false}}""").presentation();
        assertEquals("stella", stella.preset());
        assertEquals("X-Stella-Signature", stella.signatureHeader());
        assertEquals("hex", stella.signatureForm());
        assertEquals("X-Stella-Event", stella.eventHeader());
        assertEquals("iso8601", stella.timestampForm());
        assertFalse(stella.standardWebhooks());
    }

    @Test
    void aPresentedHeaderGivenAsNullIsNotSent() {
        Presentation quiet = create("""
                {'url': 'https://hooks.example.com/in', 'events': ['*'],
                 'presentation': {'timestampHeader': null, 'signatureHeader': null}}""").presentation();
        assertNull(quiet.timestampHeader());
        assertFalse(quiet.signs("signature"));
        assertEquals(List.of("x-herald-event", "x-herald-delivery"), quiet.headerNames());
    }

    @Test
    void aPatchWithoutPresentationKeepsItAndNullResetsIt() {
        SubscriptionSpec current = create("""
                {'url': 'https://hooks.example.com/in', 'events': ['*'], 'presentation': {'preset': 'bigpanda'}}""");
        assertEquals(
                "bigpanda",
                SubscriptionInput.read(json("{'timeout': 5000}"), current, false)
                        .spec()
                        .presentation()
                        .preset());
        assertEquals(
                Presentation.HERALD,
                SubscriptionInput.read(json("{'presentation': null}"), current, false)
                        .spec()
                        .presentation());
    }

    @Test
    void aPatchOfSomePresentationFieldsChangesOnlyThose() {
        SubscriptionSpec current = create("""
                {'url': 'https://hooks.example.com/in', 'events': ['*'], 'presentation': {'preset': 'stella'}}""");
        Presentation patched = SubscriptionInput.read(
                        json("{'presentation': {'timestampForm': 'iso8601'}}"), current, false)
                .spec()
                .presentation();
        assertEquals("stella", patched.preset());
        assertEquals("X-Stella-Signature", patched.signatureHeader());
        assertEquals("iso8601", patched.timestampForm());
    }
}
