package dev.herald.inbound.control;

import static dev.herald.inbound.control.JsonPath.text;

import jakarta.json.JsonObject;

/**
 * Any JSON: kept whole as {@code payload} for filters, with {@code repository}, {@code tag},
 * {@code commit} and {@code digest} taken from top-level members of those names.
 */
public class GenericNormalizer implements Normalizer {

    @Override
    public String eventName(InboundCall call, JsonObject body) {
        return text(body, "$.event");
    }

    @Override
    public Result normalize(InboundCall call, JsonObject body) {
        return Result.of(new NormalizedEvent("generic", "generic", text(body, "$.repository"), null,
                text(body, "$.branch"), text(body, "$.tag"), text(body, "$.commit"), text(body, "$.digest"),
                text(body, "$.status"), null, text(body, "$.url"), body));
    }
}
