package dev.herald.subscriptions.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a subscription's deliveries are presented to its receiver, so that a receiver written
 * for another webhook sender accepts them unchanged: the names of the event, delivery-id,
 * timestamp and signature headers, the timestamp's and the signature's form, the body, and
 * whether the Standard Webhooks headers go along. A {@link #PRESETS preset} fills every
 * field; fields given beside it override its values. Without any, deliveries look as
 * API.md describes them ({@link #HERALD}).
 *
 * @param signatureHeader null: no HMAC signature header (the Standard Webhooks one may still be sent)
 * @param signatureForm   {@code sha256=hex} ({@code sha256=<hex>}) or {@code hex} (bare)
 * @param signatureWhen   {@code always}, or {@code signature-auth}: only while the subscription's
 *                        {@code authType} is {@code signature} (Stella's rule)
 * @param eventHeader     the event type's header; null: not sent (likewise the next two)
 * @param timestampForm   {@code iso8601} or {@code unix} (seconds)
 * @param body            {@code envelope} (API.md's body) or {@code data} (the event's data alone)
 */
public record Presentation(
        String preset,
        String signatureHeader,
        String signatureForm,
        String signatureWhen,
        String eventHeader,
        String deliveryHeader,
        String timestampHeader,
        String timestampForm,
        String body,
        boolean standardWebhooks) {

    public static final List<String> SIGNATURE_FORMS = List.of("sha256=hex", "hex");
    public static final List<String> SIGNATURE_WHENS = List.of("always", "signature-auth");
    public static final List<String> TIMESTAMP_FORMS = List.of("iso8601", "unix");
    public static final List<String> BODIES = List.of("envelope", "data");
    /** The fields a client may set. */
    public static final Set<String> FIELDS = Set.of(
            "preset",
            "signatureHeader",
            "signatureForm",
            "signatureWhen",
            "eventHeader",
            "deliveryHeader",
            "timestampHeader",
            "timestampForm",
            "body",
            "standardWebhooks");

    /** Herald's own presentation, as API.md fixes it: the default. */
    public static final Presentation HERALD = new Presentation(
            "herald",
            "X-Herald-Signature",
            "sha256=hex",
            "always",
            "X-Herald-Event",
            "X-Herald-Delivery",
            "X-Herald-Timestamp",
            "iso8601",
            "envelope",
            true);

    /** The ready-made presentations, by name (docs/receiving.md shows a receiver for each). */
    public static final Map<String, Presentation> PRESETS = presets();

    private static Map<String, Presentation> presets() {
        Map<String, Presentation> presets = new LinkedHashMap<>();
        for (Presentation preset : List.of(
                HERALD,
                // Release and approval hooks: Herald's envelope already carries their event, timestamp and data.
                new Presentation(
                        "bigpicture",
                        "X-BigPicture-Signature",
                        "sha256=hex",
                        "always",
                        "X-Herald-Event",
                        "X-Herald-Delivery",
                        "X-Herald-Timestamp",
                        "iso8601",
                        "envelope",
                        true),
                // Deployment hooks: a bare hex signature, sent only with authType signature.
                new Presentation(
                        "stella",
                        "X-Stella-Signature",
                        "hex",
                        "signature-auth",
                        "X-Stella-Event",
                        "X-Stella-Delivery",
                        "X-Stella-Timestamp",
                        "unix",
                        "envelope",
                        true),
                // iTwin (whose OPTIONS handshake Herald's validation makes).
                new Presentation(
                        "itwin",
                        "Signature",
                        "sha256=hex",
                        "always",
                        "X-Herald-Event",
                        "X-Herald-Delivery",
                        "X-Herald-Timestamp",
                        "iso8601",
                        "envelope",
                        true),
                // Incident shares: the incident object is the body; receivers authenticate by the
                // subscription's own headers, so no HMAC header.
                new Presentation(
                        "bigpanda",
                        null,
                        "sha256=hex",
                        "always",
                        "X-Herald-Event",
                        "X-Herald-Delivery",
                        "X-Herald-Timestamp",
                        "iso8601",
                        "data",
                        true),
                // Build and deploy hooks: the build or deploy object is the body.
                new Presentation(
                        "puppet-pipelines",
                        "X-Herald-Signature",
                        "sha256=hex",
                        "always",
                        "X-Herald-Event",
                        "X-Herald-Delivery",
                        "X-Herald-Timestamp",
                        "iso8601",
                        "data",
                        true))) {
            presets.put(preset.preset(), preset);
        }
        return java.util.Collections.unmodifiableMap(presets);
    }

    /** The names of the headers it sets, lower case, for collision checks. */
    public List<String> headerNames() {
        List<String> names = new java.util.ArrayList<>();
        for (String name : new String[] {signatureHeader, eventHeader, deliveryHeader, timestampHeader}) {
            if (name != null) {
                names.add(name.toLowerCase());
            }
        }
        return names;
    }

    /** Whether the signature header goes with a delivery of a subscription with this {@code authType}. */
    public boolean signs(String authType) {
        return signatureHeader != null && ("always".equals(signatureWhen) || "signature".equals(authType));
    }

    public boolean dataBody() {
        return "data".equals(body);
    }
}
