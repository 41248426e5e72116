package dev.herald.subscriptions.control;

import dev.herald.platform.WireEnums;
import dev.herald.platform.json.Jsons;
import dev.herald.platform.text.TextComparison;
import dev.herald.subscriptions.control.SubscriptionSpec.Backoff;
import dev.herald.subscriptions.control.SubscriptionSpec.Filter;
import dev.herald.subscriptions.control.SubscriptionSpec.Options;
import dev.herald.subscriptions.control.SubscriptionSpec.Quota;
import dev.herald.subscriptions.control.SubscriptionSpec.RetryPolicy;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON text forms in which a subscription's lists and nested settings are stored. */
final class SubscriptionJson {

    private SubscriptionJson() {}

    static String map(Map<String, String> values) {
        JsonObjectBuilder object = Jsons.object();
        values.forEach(object::add);
        return object.build().toString();
    }

    static Map<String, String> map(String json) {
        Map<String, String> result = new LinkedHashMap<>();
        read(json).asJsonObject().forEach((key, value) -> result.put(key, ((JsonString) value).getString()));
        return result;
    }

    static String filters(List<Filter> filters) {
        JsonArrayBuilder array = Jsons.array();
        filters.forEach(f -> array.add(Jsons.object()
                .add("field", f.field())
                .add("operator", f.operator().wireName())
                .add("value", f.value())));
        return array.build().toString();
    }

    static List<Filter> filters(String json) {
        return read(json).asJsonArray().getValuesAs(JsonObject.class).stream()
                .map(f -> new Filter(
                        f.getString("field"),
                        WireEnums.ofWireName(TextComparison.class, f.getString("operator"))
                                .orElseThrow(),
                        f.getString("value")))
                .toList();
    }

    static String retryPolicy(RetryPolicy policy) {
        return Jsons.object()
                .add("maxRetries", policy.maxRetries())
                .add("backoffType", policy.backoffType().wireName())
                .add("backoffSeconds", policy.backoffSeconds())
                .build()
                .toString();
    }

    static RetryPolicy retryPolicy(String json) {
        JsonObject policy = read(json).asJsonObject();
        return new RetryPolicy(
                policy.getInt("maxRetries"),
                WireEnums.ofWireName(Backoff.class, policy.getString("backoffType"))
                        .orElseThrow(),
                policy.getInt("backoffSeconds"));
    }

    static String options(Options options) {
        JsonObjectBuilder object = Jsons.object().add("oneTime", options.oneTime());
        if (options.quota() != null) {
            object.add(
                    "quota",
                    Jsons.object()
                            .add("limit", options.quota().limit())
                            .add("period", options.quota().periodText()));
        }
        if (options.rateLimit() != null) {
            object.add("rateLimit", options.rateLimit());
        }
        if (options.sharingUpdates()) {
            object.add("sharingUpdates", true);
        }
        return object.build().toString();
    }

    static Options options(String json) {
        JsonObject options = read(json).asJsonObject();
        Quota quota = null;
        if (options.containsKey("quota")) {
            JsonObject q = options.getJsonObject("quota");
            quota = new Quota(q.getInt("limit"), Duration.parse(q.getString("period")));
        }
        Double rateLimit = options.containsKey("rateLimit")
                ? options.getJsonNumber("rateLimit").doubleValue()
                : null;
        return new Options(
                options.getBoolean("oneTime"), quota, rateLimit, options.getBoolean("sharingUpdates", false));
    }

    /** Herald's own presentation is stored as null. */
    static String presentation(Presentation presentation) {
        if (presentation.equals(Presentation.HERALD)) {
            return null;
        }
        JsonObjectBuilder object = Jsons.object()
                .add("preset", presentation.preset())
                .add("signatureForm", presentation.signatureForm())
                .add("signatureWhen", presentation.signatureWhen())
                .add("timestampForm", presentation.timestampForm())
                .add("body", presentation.body())
                .add("standardWebhooks", presentation.standardWebhooks());
        addUnlessNull(object, "signatureHeader", presentation.signatureHeader());
        addUnlessNull(object, "eventHeader", presentation.eventHeader());
        addUnlessNull(object, "deliveryHeader", presentation.deliveryHeader());
        addUnlessNull(object, "timestampHeader", presentation.timestampHeader());
        return object.build().toString();
    }

    static Presentation presentation(String json) {
        if (json == null) {
            return Presentation.HERALD;
        }
        JsonObject p = read(json).asJsonObject();
        return new Presentation(
                p.getString("preset"),
                p.getString("signatureHeader", null),
                p.getString("signatureForm"),
                p.getString("signatureWhen"),
                p.getString("eventHeader", null),
                p.getString("deliveryHeader", null),
                p.getString("timestampHeader", null),
                p.getString("timestampForm"),
                p.getString("body"),
                p.getBoolean("standardWebhooks"));
    }

    private static void addUnlessNull(JsonObjectBuilder object, String name, String value) {
        if (value != null) {
            object.add(name, value);
        }
    }

    private static JsonValue read(String json) {
        try (JsonReader reader = Jsons.reader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
