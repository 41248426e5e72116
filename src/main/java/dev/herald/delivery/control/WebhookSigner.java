package dev.herald.delivery.control;

import dev.herald.platform.crypto.Digests;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The signature headers of a delivery, per API.md: Herald's own {@code X-Herald-Signature}
 * (HMAC-SHA256 of the raw body, keyed with the secret's UTF-8 bytes) and the Standard
 * Webhooks {@code webhook-signature} (HMAC-SHA256 of {@code id.timestamp.body}, keyed with
 * the base64-decoded part after {@code whsec_}, or the UTF-8 bytes of other secrets).
 */
public final class WebhookSigner {

    private static final String WHSEC = "whsec_";

    private WebhookSigner() {
    }

    /**
     * @param secrets newest first; during a rotation's overlap both sign, the new one first
     * @return the headers {@code X-Herald-Signature}, {@code webhook-id}, {@code webhook-timestamp}
     *         and {@code webhook-signature}
     */
    public static Map<String, String> sign(List<String> secrets, String deliveryId, long unixSeconds, String body) {
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] signedContent = (deliveryId + "." + unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Herald-Signature", secrets.stream()
                .map(secret -> "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8),
                        bodyBytes)))
                .collect(Collectors.joining(",")));
        headers.put("webhook-id", deliveryId);
        headers.put("webhook-timestamp", Long.toString(unixSeconds));
        headers.put("webhook-signature", secrets.stream()
                .map(secret -> "v1," + Base64.getEncoder().encodeToString(hmac(standardKey(secret), signedContent)))
                .collect(Collectors.joining(" ")));
        return headers;
    }

    static byte[] standardKey(String secret) {
        return secret.startsWith(WHSEC) ? Base64.getDecoder().decode(secret.substring(WHSEC.length()))
                : secret.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hmac(byte[] key, byte[] content) {
        return Digests.hmac("HmacSHA256", key, content);
    }
}
