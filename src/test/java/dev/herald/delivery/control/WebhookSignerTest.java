package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.herald.subscriptions.control.Presentation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String BODY = "{\"id\":\"dlv_1\",\"event\":\"release.created\",\"data\":{\"v\":\"1.0\"}}";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> sign(List<String> secrets, String deliveryId, long unixSeconds, String body) {
        return WebhookSigner.headers(
                Presentation.HERALD,
                "signature",
                secrets,
                new WebhookSigner.Delivery(
                        deliveryId, "release.created", Instant.ofEpochSecond(unixSeconds), utf8(body)));
    }

    private static Map<String, List<String>> asHeaders(Map<String, String> signed) {
        return Map.of(
                "webhook-id",
                List.of(signed.get("webhook-id")),
                "webhook-timestamp",
                List.of(signed.get("webhook-timestamp")),
                "webhook-signature",
                List.of(signed.get("webhook-signature")));
    }

    @Test
    void theStandardWebhooksLibraryVerifiesTheSignature() throws Exception {
        long now = Instant.now().getEpochSecond();
        Map<String, String> signed = sign(List.of(SECRET), "dlv_1", now, BODY);
        new Webhook(SECRET).verify(BODY, asHeaders(signed));
        assertEquals(new Webhook(SECRET).sign("dlv_1", now, BODY), signed.get("webhook-signature"));
    }

    @Test
    void aBodyBeyondAsciiIsSignedAsItsUtf8Bytes() throws Exception {
        String body = "{\"release\":\"Grüße, 東京 €\"}";
        long now = Instant.now().getEpochSecond();
        Map<String, String> signed = sign(List.of(SECRET), "dlv_2", now, body);
        new Webhook(SECRET).verify(body, asHeaders(signed));
        assertEquals(new Webhook(SECRET).sign("dlv_2", now, body), signed.get("webhook-signature"));
    }

    @Test
    void heraldsOwnSignatureIsTheHexHmacOfTheBodyUnderTheWholeSecret() {
        // Independent reference: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
        Map<String, String> signed = sign(List.of("key"), "dlv_1", 0, "The quick brown fox jumps over the lazy dog");
        assertEquals(
                "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
                signed.get("X-Herald-Signature"));
    }

    @Test
    void aTamperedBodyFailsVerification() {
        Map<String, String> signed =
                sign(List.of(SECRET), "dlv_1", Instant.now().getEpochSecond(), BODY);
        assertThrows(
                WebhookVerificationException.class,
                () -> new Webhook(SECRET).verify(BODY.replace("1.0", "6.6"), asHeaders(signed)));
    }

    @Test
    void duringARotationBothSecretsSignNewestFirst() throws Exception {
        String old = "whsec_"
                + java.util.Base64.getEncoder()
                        .encodeToString("another-key-of-32-bytes-length!!".getBytes(StandardCharsets.UTF_8));
        Map<String, String> signed =
                sign(List.of(SECRET, old), "dlv_1", Instant.now().getEpochSecond(), BODY);
        assertTrue(signed.get("webhook-signature").matches("v1,\\S+ v1,\\S+"));
        assertTrue(signed.get("X-Herald-Signature").matches("sha256=[0-9a-f]{64},sha256=[0-9a-f]{64}"));
        new Webhook(SECRET).verify(BODY, asHeaders(signed));
        new Webhook(old).verify(BODY, asHeaders(signed));
    }

    private static Map<String, String> present(String preset, String authType, List<String> secrets) {
        return WebhookSigner.headers(
                Presentation.PRESETS.get(preset),
                authType,
                secrets,
                new WebhookSigner.Delivery(
                        "dlv_1",
                        "deployment.completed",
                        Instant.ofEpochSecond(1_767_225_600),
                        utf8("The quick brown fox jumps over the lazy dog")));
    }

    @Test
    void stellaGetsItsOwnHeadersABareHexSignatureAndUnixSeconds() {
        Map<String, String> headers = present("stella", "signature", List.of("key"));
        assertEquals(
                "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", headers.get("X-Stella-Signature"));
        assertEquals("deployment.completed", headers.get("X-Stella-Event"));
        assertEquals("dlv_1", headers.get("X-Stella-Delivery"));
        assertEquals("1767225600", headers.get("X-Stella-Timestamp"));
        assertTrue(headers.keySet().stream().noneMatch(name -> name.startsWith("X-Herald")), headers.toString());
    }

    @Test
    void stellaSignsOnlyWhileTheAuthTypeIsSignature() {
        Map<String, String> headers = present("stella", "bearer", List.of("key"));
        assertFalse(headers.containsKey("X-Stella-Signature"));
        assertTrue(headers.containsKey("webhook-signature"));
    }

    @Test
    void aSignatureHeaderOfAnotherSenderCarriesOnlyTheNewestSecretDuringARotation() {
        Map<String, String> headers = present("bigpicture", "signature", List.of("key", "old-key"));
        assertEquals(
                "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
                headers.get("X-BigPicture-Signature"));
        assertTrue(headers.get("webhook-signature").matches("v1,\\S+ v1,\\S+"));
    }

    @Test
    void theStandardWebhooksHeadersCanBeLeftOut() {
        Presentation withoutThem = new Presentation(
                "herald",
                "X-Herald-Signature",
                "sha256=hex",
                "always",
                "X-Herald-Event",
                "X-Herald-Delivery",
                "X-Herald-Timestamp",
                "iso8601",
                "envelope",
                false);
        Map<String, String> headers = WebhookSigner.headers(
                withoutThem,
                "signature",
                List.of("key"),
                new WebhookSigner.Delivery("dlv_1", "build.started", Instant.ofEpochSecond(0), utf8(BODY)));
        assertEquals(
                List.of("X-Herald-Event", "X-Herald-Delivery", "X-Herald-Timestamp", "X-Herald-Signature"),
                List.copyOf(headers.keySet()));
        assertEquals("1970-01-01T00:00:00Z", headers.get("X-Herald-Timestamp"));
    }
}
