package dev.herald.delivery.control;

import dev.herald.platform.crypto.Digests;
import dev.herald.subscriptions.control.Presentation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The headers that say what a delivery is and sign it, as its subscription's
 * {@link Presentation} names and forms them. By default, per API.md: Herald's own
 * {@code X-Herald-Event}, {@code X-Herald-Delivery}, {@code X-Herald-Timestamp} and
 * {@code X-Herald-Signature} (HMAC-SHA256 of the raw body, keyed with the secret's UTF-8 bytes)
 * and the Standard Webhooks {@code webhook-*} headers (HMAC-SHA256 of {@code id.timestamp.body},
 * keyed with the base64-decoded part after {@code whsec_}, or the UTF-8 bytes of other secrets).
 */
public final class WebhookSigner {

    private static final String WHSEC = "whsec_";
    private static final String HERALD_SIGNATURE = Presentation.HERALD.signatureHeader();

    private WebhookSigner() {}

    /**
     * What a delivery says about itself.
     *
     * @param body the body as sent, in UTF-8: encoded once for the signatures and the request alike
     */
    public record Delivery(String id, String eventType, Instant at, byte[] body) {}

    /**
     * @param secrets newest first; during a rotation's overlap both sign, the new one first, in
     *                the headers that carry a list: Herald's own and the Standard Webhooks one. Any
     *                other signature header carries one value, the newest secret's, as the
     *                receivers written for those senders compare one value.
     */
    public static Map<String, String> headers(
            Presentation presentation, String authType, List<String> secrets, Delivery delivery) {
        byte[] body = delivery.body();
        long unixSeconds = delivery.at().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        putUnlessNull(headers, presentation.eventHeader(), delivery.eventType());
        putUnlessNull(headers, presentation.deliveryHeader(), delivery.id());
        putUnlessNull(
                headers,
                presentation.timestampHeader(),
                "unix".equals(presentation.timestampForm())
                        ? Long.toString(unixSeconds)
                        : delivery.at().toString());
        if (presentation.signs(authType)) {
            String prefix = "hex".equals(presentation.signatureForm()) ? "" : "sha256=";
            List<String> signing =
                    presentation.signatureHeader().equalsIgnoreCase(HERALD_SIGNATURE) ? secrets : secrets.subList(0, 1);
            headers.put(
                    presentation.signatureHeader(),
                    signing.stream()
                            .map(secret -> prefix
                                    + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body)))
                            .collect(Collectors.joining(",")));
        }
        if (presentation.standardWebhooks()) {
            byte[] signedPrefix = (delivery.id() + "." + unixSeconds + ".").getBytes(StandardCharsets.UTF_8);
            headers.put("webhook-id", delivery.id());
            headers.put("webhook-timestamp", Long.toString(unixSeconds));
            headers.put(
                    "webhook-signature",
                    secrets.stream()
                            .map(secret -> "v1,"
                                    + Base64.getEncoder().encodeToString(hmac(standardKey(secret), signedPrefix, body)))
                            .collect(Collectors.joining(" ")));
        }
        return headers;
    }

    private static void putUnlessNull(Map<String, String> headers, String name, String value) {
        if (name != null) {
            headers.put(name, value);
        }
    }

    static byte[] standardKey(String secret) {
        return secret.startsWith(WHSEC)
                ? Base64.getDecoder().decode(secret.substring(WHSEC.length()))
                : secret.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hmac(byte[] key, byte[]... content) {
        return Digests.hmac("HmacSHA256", key, content);
    }
}
