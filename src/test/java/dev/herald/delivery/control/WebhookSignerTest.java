package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String BODY = "{\"id\":\"dlv_1\",\"event\":\"release.created\",\"data\":{\"v\":\"1.0\"}}";

    private static Map<String, List<String>> asHeaders(Map<String, String> signed) {
        return Map.of("webhook-id", List.of(signed.get("webhook-id")),
                "webhook-timestamp", List.of(signed.get("webhook-timestamp")),
                "webhook-signature", List.of(signed.get("webhook-signature")));
    }

    @Test
    void theStandardWebhooksLibraryVerifiesTheSignature() throws Exception {
        long now = Instant.now().getEpochSecond();
        Map<String, String> signed = WebhookSigner.sign(List.of(SECRET), "dlv_1", now, BODY);
        new Webhook(SECRET).verify(BODY, asHeaders(signed));
        assertEquals(new Webhook(SECRET).sign("dlv_1", now, BODY), signed.get("webhook-signature"));
    }

    @Test
    void heraldsOwnSignatureIsTheHexHmacOfTheBodyUnderTheWholeSecret() {
        // Independent reference: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
        Map<String, String> signed = WebhookSigner.sign(List.of("key"), "dlv_1", 0,
                "The quick brown fox jumps over the lazy dog");
        assertEquals("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
                signed.get("X-Herald-Signature"));
    }

    @Test
    void aTamperedBodyFailsVerification() {
        Map<String, String> signed = WebhookSigner.sign(List.of(SECRET), "dlv_1", Instant.now().getEpochSecond(), BODY);
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(SECRET).verify(BODY.replace("1.0", "6.6"), asHeaders(signed)));
    }

    @Test
    void duringARotationBothSecretsSignNewestFirst() throws Exception {
        String old = "whsec_" + java.util.Base64.getEncoder().encodeToString("another-key-of-32-bytes-length!!"
                .getBytes(StandardCharsets.UTF_8));
        Map<String, String> signed = WebhookSigner.sign(List.of(SECRET, old), "dlv_1", Instant.now().getEpochSecond(),
                BODY);
        assertTrue(signed.get("webhook-signature").matches("v1,\\S+ v1,\\S+"));
        assertTrue(signed.get("X-Herald-Signature").matches("sha256=[0-9a-f]{64},sha256=[0-9a-f]{64}"));
        new Webhook(SECRET).verify(BODY, asHeaders(signed));
        new Webhook(old).verify(BODY, asHeaders(signed));
    }
}
