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
        return Result.of(NormalizedEvent.of("generic", "generic", text(body, "$.repository"))
                .branch(text(body, "$.branch"))
                .tag(text(body, "$.tag"))
                .commit(text(body, "$.commit"))
                .digest(text(body, "$.digest"))
                .status(text(body, "$.status"))
                .url(text(body, "$.url"))
                .payload(body)
                .build());
    }
}
